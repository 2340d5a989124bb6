/**
 * The review aggregate: its events (review-events.ts, the contract), its state, `initialState` and `evolve`.
 * A review goes commissioned → (reviewer appointed, delays) → final report submitted → published →
 * (action plan progress) → closed; it can be closed early as superseded or withdrawn.
 */
import type { ReviewEvent, ReviewKind } from './review-events';
import type { GuidanceEdition } from '../incident/incident-events';
import type { CalendarDate, IncidentId, PartnershipId, ReviewId } from '../shared/types';

export type CommissionedReviewState = {
  status: 'commissioned' | 'published' | 'closed';
  reviewId: ReviewId;
  kind: ReviewKind;
  /** The owner of a local review; every partnership whose incidents a national review covers. */
  partnershipIds: PartnershipId[];
  incidentIds: IncidentId[];
  commissionedOn: CalendarDate;
  /** The edition recorded at commissioning; absent in views built by other deciders (then: in force that day). */
  guidanceEdition?: GuidanceEdition;
  /** The pseudonym (local) or title (national) the report will carry. */
  caseName: string;
  reviewerName: string | null;
  /** The latest final report submission; null before one. */
  finalReportSubmittedOn: CalendarDate | null;
  publishedOn: CalendarDate | null;
  delays: number;
  closedOn: CalendarDate | null;
};

export type ReviewState = { status: 'none' } | CommissionedReviewState;

export const initialReviewState = (): ReviewState => ({ status: 'none' });

const commissioned = (
  reviewId: ReviewId, kind: ReviewKind, partnershipIds: PartnershipId[], incidentIds: IncidentId[], commissionedOn: CalendarDate, caseName: string,
): CommissionedReviewState => ({
  status: 'commissioned', reviewId, kind, partnershipIds, incidentIds, commissionedOn, caseName,
  reviewerName: null, finalReportSubmittedOn: null, publishedOn: null, delays: 0, closedOn: null,
});

export const evolveReview = (state: ReviewState, event: ReviewEvent): ReviewState => {
  switch (event.type) {
    case 'LocalReviewCommissioned': {
      const d = event.data;
      return { ...commissioned(d.reviewId, 'local', [d.partnershipId], d.incidentIds, d.commissionedOn, d.caseName), guidanceEdition: d.guidanceEdition };
    }
    case 'NationalReviewCommissioned': {
      const d = event.data;
      return { ...commissioned(d.reviewId, 'national', d.partnershipIds, d.incidentIds, d.commissionedOn, d.title), guidanceEdition: d.guidanceEdition };
    }
    default:
      break;
  }
  // Every other event follows a commissioning; on an empty stream it would be a corrupt log: ignore it.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ReviewerAppointed':
      return { ...state, reviewerName: event.data.reviewerName };
    case 'PublicationDelayed':
      return { ...state, delays: state.delays + 1 };
    case 'FinalReportSubmitted':
      return { ...state, finalReportSubmittedOn: event.data.submittedOn };
    case 'ReportPublished':
      return { ...state, status: 'published', publishedOn: event.data.publishedOn, caseName: event.data.caseName };
    case 'ActionPlanProgressRecorded':
      return state;
    case 'ReviewClosed':
      return { ...state, status: 'closed', closedOn: event.data.closedOn };
    default:
      return state;
  }
};
