/**
 * The review aggregate, one for every kind of review (local, national, non-statutory, thematic): its events
 * (review-events.ts and learning-events.ts, the contract), its state, `initialState` and `evolve`.
 * A review goes commissioned → (reviewer appointed, delays) → final report submitted → published →
 * (action plan progress, learning) → closed; it can be closed early as superseded or withdrawn. Which rules apply
 * depends on `kind`: the statutory kinds (local, national) run on the statutory clocks, the others on none.
 */
import type {
  HistoricReviewRecorded,
  ReportRecipient,
  ReviewCommissioned,
  ReviewEvent,
  ReviewKind,
} from './review-events';
import type { LearningActionStatus, RecordedLearningItem } from './learning-events';
import type { Agency, GuidanceEdition } from '../incident/incident-events';
import type { CalendarDate, IncidentId, PartnershipId, ReferralId, ReviewId } from '../shared/types';
import { evolveErasure, NO_ERASURE, type ErasureStanding } from '../shared/erasure';

/** The text of a recommendation and an action is sealed (learning-events.ts): no decision needs it, so the state has none. */
export type Recommendation = { recommendationId: string; assignedAgency: Agency; madeOn: CalendarDate };

export type LearningAction = {
  actionId: string;
  recommendationId: string;
  owner: string;
  dueOn: CalendarDate;
  status: LearningActionStatus;
  /** The day of the latest assignment or progress. */
  updatedOn: CalendarDate;
};

export type CommissionedReviewState = {
  status: 'commissioned' | 'published' | 'closed';
  reviewId: ReviewId;
  kind: ReviewKind;
  /** Local and national reviews run on the statutory clocks; non-statutory and thematic reviews do not. */
  statutory: boolean;
  /** The partnership that owns (writes to) the review; null when the Panel owns it (national, national thematic). */
  ownerPartnershipId: PartnershipId | null;
  /** The partnerships the review covers: its owner, or every partnership whose cases a national or thematic review links. */
  partnershipIds: PartnershipId[];
  /** Partnerships named later because the review concerns their services. */
  concernedPartnershipIds: PartnershipId[];
  incidentIds: IncidentId[];
  /** Non-statutory reviews: the referrals decided as an alternative review. */
  referralIds: ReferralId[];
  /** Thematic reviews: the reviews the theme links. */
  linkedReviewIds: ReviewId[];
  commissionedOn: CalendarDate;
  /** Statutory reviews: the edition recorded at commissioning, whose rules set the clocks; null for the others. */
  guidanceEdition: GuidanceEdition | null;
  /** Whether a reviewer is appointed (the name is sealed, review-events.ts: no decision needs it). */
  reviewerAppointed: boolean;
  /** The latest final report submission; null before one. */
  finalReportSubmittedOn: CalendarDate | null;
  /** Recipients of the latest final report; empty before one. */
  finalReportRecipients: ReportRecipient[];
  publishedOn: CalendarDate | null;
  delays: number;
  closedOn: CalendarDate | null;
  /** Without titles or themes (sealed): no decision needs them. */
  learningItems: RecordedLearningItem[];
  recommendations: Recommendation[];
  actions: LearningAction[];
  /** A review recorded from published history: its listing entry as last recorded. No step can follow. */
  historic: Omit<HistoricReviewRecorded['data'], 'recordedAt'> | null;
} & ErasureStanding;

export type ReviewState = { status: 'none' } | CommissionedReviewState;

export const initialReviewState = (): ReviewState => ({ status: 'none' });

export const isStatutoryKind = (kind: ReviewKind): boolean => kind === 'local' || kind === 'national';

type Start = Pick<
  CommissionedReviewState,
  'reviewId' | 'kind' | 'ownerPartnershipId' | 'partnershipIds' | 'incidentIds' | 'commissionedOn'
> &
  Partial<Pick<CommissionedReviewState, 'referralIds' | 'linkedReviewIds' | 'guidanceEdition'>>;

const started = (start: Start): CommissionedReviewState => ({
  status: 'commissioned',
  statutory: isStatutoryKind(start.kind),
  concernedPartnershipIds: [],
  referralIds: [],
  linkedReviewIds: [],
  guidanceEdition: null,
  reviewerAppointed: false,
  finalReportSubmittedOn: null,
  finalReportRecipients: [],
  publishedOn: null,
  delays: 0,
  closedOn: null,
  learningItems: [],
  recommendations: [],
  actions: [],
  historic: null,
  ...NO_ERASURE,
  ...start,
});

/** A historic listing's kinds as the review kinds the platform tracks (a serious case review was the local one). */
const KIND_OF_LISTING: Record<HistoricReviewRecorded['data']['listingKind'], ReviewKind> = {
  'child-safeguarding-practice-review': 'local',
  'serious-case-review': 'local',
  'partnership-review': 'partnership-review',
  'thematic-review': 'thematic',
  'national-review': 'national',
};

const historicState = (event: HistoricReviewRecorded): CommissionedReviewState => {
  const { recordedAt: _at, ...entry } = event.data;
  const months = entry.documents
    .map((d) => d.publishedMonth)
    .filter((m): m is string => m !== null)
    .sort();
  const publishedOn = months.length ? `${months[months.length - 1]}-01` : null;
  return {
    ...started({
      reviewId: entry.reviewId,
      kind: KIND_OF_LISTING[entry.listingKind],
      ownerPartnershipId: entry.partnershipId,
      partnershipIds: [entry.partnershipId],
      incidentIds: [],
      commissionedOn: months[0] ? `${months[0]}-01` : event.data.recordedAt.slice(0, 10),
    }),
    statutory: false,
    status: 'published',
    publishedOn,
    historic: entry,
  };
};

/**
 * The case name, titles and theme are sealed (review-events.ts) and no decision needs them, so the state keeps none:
 * events written before carry them in `data`, and folding ignores them there too.
 */
const commissionedState = (event: ReviewCommissioned): CommissionedReviewState => {
  switch (event.type) {
    case 'LocalReviewCommissioned': {
      const d = event.data;
      return started({
        reviewId: d.reviewId,
        kind: 'local',
        ownerPartnershipId: d.partnershipId,
        partnershipIds: [d.partnershipId],
        incidentIds: d.incidentIds,
        commissionedOn: d.commissionedOn,
        guidanceEdition: d.guidanceEdition,
      });
    }
    case 'NationalReviewCommissioned': {
      const d = event.data;
      return started({
        reviewId: d.reviewId,
        kind: 'national',
        ownerPartnershipId: null,
        partnershipIds: d.partnershipIds,
        incidentIds: d.incidentIds,
        commissionedOn: d.commissionedOn,
        guidanceEdition: d.guidanceEdition,
      });
    }
    case 'NonStatutoryReviewCommissioned': {
      const d = event.data;
      return started({
        reviewId: d.reviewId,
        kind: d.kind,
        ownerPartnershipId: d.partnershipId,
        partnershipIds: [d.partnershipId],
        incidentIds: d.incidentIds,
        commissionedOn: d.commissionedOn,
        referralIds: d.referralIds,
      });
    }
    case 'ThematicReviewCommissioned': {
      const d = event.data;
      return started({
        reviewId: d.reviewId,
        kind: 'thematic',
        ownerPartnershipId: d.partnershipId === 'national' ? null : d.partnershipId,
        partnershipIds: d.partnershipIds,
        incidentIds: d.incidentIds,
        commissionedOn: d.commissionedOn,
        linkedReviewIds: d.reviewIds,
      });
    }
  }
};

const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...a, ...b.filter((x) => !a.includes(x))];

const evolveCommissioned = (state: CommissionedReviewState, event: ReviewEvent): CommissionedReviewState => {
  switch (event.type) {
    case 'ReviewConcernsPartnerships':
      return { ...state, concernedPartnershipIds: union(state.concernedPartnershipIds, event.data.partnershipIds) };
    case 'ReviewerAppointed':
      return { ...state, reviewerAppointed: true };
    case 'PublicationDelayed':
      return { ...state, delays: state.delays + 1 };
    case 'FinalReportSubmitted':
      return { ...state, finalReportSubmittedOn: event.data.submittedOn, finalReportRecipients: event.data.recipients };
    case 'ReportPublished':
      return { ...state, status: 'published', publishedOn: event.data.publishedOn };
    case 'ActionPlanProgressRecorded':
      return state;
    case 'ReviewClosed':
      return { ...state, status: 'closed', closedOn: event.data.closedOn };
    case 'LearningRecorded':
      return {
        ...state,
        // Events written before the titles were sealed carry them in `data`: keep kind and address only.
        learningItems: [
          ...state.learningItems,
          ...event.data.items.map(({ kind, address }) => (address === undefined ? { kind } : { kind, address })),
        ],
      };
    case 'RecommendationMade': {
      // Events written before the text was sealed carry it in `data`: pick the fields the state keeps, not the rest.
      const { recommendationId, assignedAgency, madeOn } = event.data;
      return { ...state, recommendations: [...state.recommendations, { recommendationId, assignedAgency, madeOn }] };
    }
    case 'ActionAssigned': {
      const { actionId, recommendationId, owner, dueOn, status, assignedOn } = event.data;
      const action = { actionId, recommendationId, owner, dueOn, status, updatedOn: assignedOn };
      return { ...state, actions: [...state.actions, action] };
    }
    case 'ErasureRequested':
    case 'ErasureRequestCancelled':
    case 'PersonalDataErased':
      return { ...state, ...evolveErasure(state, event) };
    case 'ActionProgressed': {
      const { actionId, owner, dueOn, status, progressedOn } = event.data;
      return {
        ...state,
        actions: state.actions.map((a) =>
          a.actionId === actionId ? { ...a, owner, dueOn, status, updatedOn: progressedOn } : a,
        ),
      };
    }
    default:
      // A second commissioning (the decider refuses one) or an event type this version does not know: ignore it.
      return state;
  }
};

const COMMISSIONING = new Set<string>([
  'LocalReviewCommissioned',
  'NationalReviewCommissioned',
  'NonStatutoryReviewCommissioned',
  'ThematicReviewCommissioned',
] satisfies ReviewCommissioned['type'][]);

export const isReviewCommissioned = (event: ReviewEvent): event is ReviewCommissioned => COMMISSIONING.has(event.type);

export const evolveReview = (state: ReviewState, event: ReviewEvent): ReviewState => {
  if (event.type === 'HistoricReviewRecorded') {
    // A listing recorded again replaces the entry, never where its erasure stands.
    const recorded = historicState(event);
    return state.status === 'none'
      ? recorded
      : { ...recorded, personalDataErased: state.personalDataErased, erasureRequest: state.erasureRequest };
  }
  if (state.status === 'none') {
    // Every other event follows a commissioning; on an empty stream it would be a corrupt log: ignore it.
    return isReviewCommissioned(event) ? commissionedState(event) : state;
  }
  return evolveCommissioned(state, event);
};
