/**
 * The state of a review of any kind (local, national, non-statutory, thematic) with its concerned partnerships and
 * learning, folded from `ExtendedReviewEvent`s. The tracking part (reviewer, delays, final report, publication,
 * closure) is folded by the existing `evolveReview`, so both deciders agree on it.
 */
import type { Agency } from '../incident/incident-events';
import type { NonStatutoryReviewKind } from '../referral/referral-events';
import type { LearningActionStatus, LearningItem } from '../learning/learning-events';
import type { CalendarDate, PartnershipId, ReferralId, ReviewId } from '../shared/types';
import type { ExtendedReviewEvent } from './extended-review-events';
import type { ReportRecipient, ReviewKind } from './review-events';
import { evolveReview, type CommissionedReviewState } from './review';

export type ExtendedReviewKind = ReviewKind | NonStatutoryReviewKind | 'thematic';

export type Recommendation = { recommendationId: string; text: string; assignedAgency: Agency; madeOn: CalendarDate };

export type LearningAction = {
  actionId: string;
  recommendationId: string;
  description: string;
  owner: string;
  dueOn: CalendarDate;
  status: LearningActionStatus;
  /** The day of the latest assignment or progress. */
  updatedOn: CalendarDate;
};

export type ExtendedCommissionedReviewState = Omit<CommissionedReviewState, 'kind'> & {
  kind: ExtendedReviewKind;
  /** Local and national reviews run on statutory clocks; non-statutory and thematic reviews do not. */
  statutory: boolean;
  /** The partnership that owns (writes to) the review; null when the Panel owns it (national, national thematic). */
  ownerPartnershipId: PartnershipId | null;
  concernedPartnershipIds: PartnershipId[];
  referralIds: ReferralId[];
  /** Thematic reviews: the reviews the theme links. */
  linkedReviewIds: ReviewId[];
  theme: string | null;
  finalReportRecipients: ReportRecipient[];
  learningItems: LearningItem[];
  learningThemes: string[];
  recommendations: Recommendation[];
  actions: LearningAction[];
};

export type ExtendedReviewState = { status: 'none' } | ExtendedCommissionedReviewState;

export const initialExtendedReviewState = (): ExtendedReviewState => ({ status: 'none' });

type Start = Pick<ExtendedCommissionedReviewState, 'reviewId' | 'kind' | 'statutory' | 'ownerPartnershipId' | 'partnershipIds' | 'incidentIds' | 'commissionedOn' | 'caseName'>
  & Partial<Pick<ExtendedCommissionedReviewState, 'referralIds' | 'linkedReviewIds' | 'theme'>>;

const started = (start: Start): ExtendedCommissionedReviewState => ({
  status: 'commissioned', reviewerName: null, finalReportSubmittedOn: null, publishedOn: null, delays: 0, closedOn: null,
  concernedPartnershipIds: [], referralIds: [], linkedReviewIds: [], theme: null, finalReportRecipients: [],
  learningItems: [], learningThemes: [], recommendations: [], actions: [],
  ...start,
});

/** The review as the existing tracking code sees it: Panel-owned reviews as national, the others as local. */
export const trackingView = (state: ExtendedCommissionedReviewState): CommissionedReviewState => ({
  ...state,
  kind: state.ownerPartnershipId === null ? 'national' : 'local',
  partnershipIds: state.ownerPartnershipId === null ? state.partnershipIds : [state.ownerPartnershipId, ...state.partnershipIds.filter((p) => p !== state.ownerPartnershipId)],
});

const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...a, ...b.filter((x) => !a.includes(x))];

const evolveCommissioned = (state: ExtendedCommissionedReviewState, event: ExtendedReviewEvent): ExtendedCommissionedReviewState => {
  switch (event.type) {
    case 'ReviewConcernsPartnerships':
      return { ...state, concernedPartnershipIds: union(state.concernedPartnershipIds, event.data.partnershipIds) };
    case 'LearningRecorded':
      return { ...state, learningItems: [...state.learningItems, ...event.data.items], learningThemes: union(state.learningThemes, event.data.themes) };
    case 'RecommendationMade': {
      const { reviewId: _r, ...recommendation } = event.data;
      return { ...state, recommendations: [...state.recommendations, recommendation] };
    }
    case 'ActionAssigned': {
      const { reviewId: _r, assignedOn, ...action } = event.data;
      return { ...state, actions: [...state.actions, { ...action, updatedOn: assignedOn }] };
    }
    case 'ActionProgressed': {
      const { actionId, owner, dueOn, status, progressedOn } = event.data;
      return { ...state, actions: state.actions.map((a) => (a.actionId === actionId ? { ...a, owner, dueOn, status, updatedOn: progressedOn } : a)) };
    }
    case 'ReviewerAppointed':
    case 'PublicationDelayed':
    case 'FinalReportSubmitted':
    case 'ReportPublished':
    case 'ActionPlanProgressRecorded':
    case 'ReviewClosed': {
      const next = evolveReview(trackingView(state), event);
      if (next.status === 'none') return state;
      const recipients = event.type === 'FinalReportSubmitted' ? { finalReportRecipients: event.data.recipients } : {};
      // The published NSPCC record's themes are learning themes too: the library and recurring themes read both.
      const themes = event.type === 'ReportPublished' ? { learningThemes: union(state.learningThemes, event.data.learningThemes) } : {};
      return { ...state, ...next, kind: state.kind, partnershipIds: state.partnershipIds, ...recipients, ...themes };
    }
    default:
      // A second commissioning on the same stream would be a corrupt log: ignore it, as evolveReview does.
      return state;
  }
};

export const evolveExtendedReview = (state: ExtendedReviewState, event: ExtendedReviewEvent): ExtendedReviewState => {
  switch (event.type) {
    case 'LocalReviewCommissioned': {
      const d = event.data;
      return started({ reviewId: d.reviewId, kind: 'local', statutory: true, ownerPartnershipId: d.partnershipId, partnershipIds: [d.partnershipId], incidentIds: d.incidentIds, commissionedOn: d.commissionedOn, caseName: d.caseName });
    }
    case 'NationalReviewCommissioned': {
      const d = event.data;
      return started({ reviewId: d.reviewId, kind: 'national', statutory: true, ownerPartnershipId: null, partnershipIds: d.partnershipIds, incidentIds: d.incidentIds, commissionedOn: d.commissionedOn, caseName: d.title });
    }
    case 'NonStatutoryReviewCommissioned': {
      const d = event.data;
      return started({ reviewId: d.reviewId, kind: d.kind, statutory: false, ownerPartnershipId: d.partnershipId, partnershipIds: [d.partnershipId], incidentIds: d.incidentIds, commissionedOn: d.commissionedOn, caseName: d.title, referralIds: d.referralIds });
    }
    case 'ThematicReviewCommissioned': {
      const d = event.data;
      return started({
        reviewId: d.reviewId, kind: 'thematic', statutory: false, ownerPartnershipId: d.partnershipId === 'national' ? null : d.partnershipId,
        partnershipIds: d.partnershipIds, incidentIds: d.incidentIds, commissionedOn: d.commissionedOn, caseName: d.title, linkedReviewIds: d.reviewIds, theme: d.theme,
      });
    }
    default:
      // Every other event follows a commissioning; on an empty stream it would be a corrupt log: ignore it.
      return state.status === 'none' ? state : evolveCommissioned(state, event);
  }
};
