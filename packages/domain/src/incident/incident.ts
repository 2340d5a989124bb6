/**
 * The incident aggregate: its events (incident-events.ts, the contract), its state, `initialState` and `evolve`.
 * The state holds only what decisions need and no personal data: the decider never needs a child's name, and the
 * state may be folded by the handler from events whose personal part is still sealed.
 */
import type {
  ChildCharacteristics,
  GuidanceEdition,
  IncidentEvent,
  IncidentNature,
  PanelOutcome,
  WithdrawalReason,
} from './incident-events';
import type {
  CalendarDate,
  IncidentId,
  LocalAuthorityCode,
  PartnershipId,
  ReferralId,
  ReviewId,
} from '../shared/types';
import { evolveErasure, NO_ERASURE, type ErasureStanding } from '../shared/erasure';

export type IncidentRapidReview = {
  /** 1 for the first submission, 2 after a reconsideration, … */
  submission: number;
  submittedOn: CalendarDate;
  localReviewDecision: 'local-review' | 'no-local-review';
  nationalCriteriaMayBeMet: boolean;
  /** The Panel's answer to this submission; null while it awaits one. */
  panelOutcome: PanelOutcome | null;
};

export type NotifiedIncidentState = {
  status: 'notified' | 'withdrawn';
  incidentId: IncidentId;
  partnershipId: PartnershipId;
  localAuthorityCode: LocalAuthorityCode;
  nature: IncidentNature;
  becameAwareOn: CalendarDate;
  incidentOn: CalendarDate;
  notifiedOn: CalendarDate;
  guidanceEdition: GuidanceEdition;
  children: ChildCharacteristics[];
  /** The child the harm relates to, when the notifier said so (else the first listed). */
  harmChildRef?: string;
  /** The became-aware date as first declared: a correction never moves the notification clock later. */
  becameAwareDeclaredOn: CalendarDate;
  /** The latest rapid review submission, or null before the first. */
  rapidReview: IncidentRapidReview | null;
  linkedReviews: { reviewId: ReviewId; reviewKind: 'local' | 'national' }[];
  withdrawal: { reason: WithdrawalReason; duplicateOfIncidentId?: IncidentId } | null;
  /** The referral the notification came from: approving the incident's erasure destroys its key too. */
  referralId?: ReferralId;
} & ErasureStanding;

export type IncidentState = { status: 'none' } | NotifiedIncidentState;

export const initialIncidentState = (): IncidentState => ({ status: 'none' });

export const evolveIncident = (state: IncidentState, event: IncidentEvent): IncidentState => {
  if (event.type === 'IncidentNotified') {
    const d = event.data;
    return {
      status: 'notified',
      incidentId: d.incidentId,
      partnershipId: d.partnershipId,
      localAuthorityCode: d.localAuthorityCode,
      nature: d.nature,
      becameAwareOn: d.becameAwareOn,
      incidentOn: d.incidentOn,
      notifiedOn: d.notifiedOn,
      guidanceEdition: d.guidanceEdition,
      children: d.children,
      ...(d.harmChildRef !== undefined ? { harmChildRef: d.harmChildRef } : {}),
      becameAwareDeclaredOn: d.becameAwareOn,
      rapidReview: null,
      linkedReviews: [],
      withdrawal: null,
      ...(d.referralId !== undefined ? { referralId: d.referralId } : {}),
      ...NO_ERASURE,
    };
  }
  // Every other event follows a notification; folding one onto an empty stream would be a corrupt log: ignore it.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'NotificationAmended': {
      const { children, ...rest } = event.data.changes;
      const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      return { ...state, ...defined, ...(children ? { children } : {}) };
    }
    case 'NotificationWithdrawn':
      return {
        ...state,
        status: 'withdrawn',
        withdrawal: {
          reason: event.data.reason,
          ...(event.data.duplicateOfIncidentId ? { duplicateOfIncidentId: event.data.duplicateOfIncidentId } : {}),
        },
      };
    case 'RapidReviewCompleted':
      return {
        ...state,
        rapidReview: {
          submission: event.data.submission,
          submittedOn: event.data.submittedOn,
          localReviewDecision: event.data.localReviewDecision,
          nationalCriteriaMayBeMet: event.data.nationalCriteriaMayBeMet,
          panelOutcome: null,
        },
      };
    case 'PanelResponded':
      return state.rapidReview
        ? { ...state, rapidReview: { ...state.rapidReview, panelOutcome: event.data.outcome } }
        : state;
    case 'IncidentLinkedToReview':
      return state.linkedReviews.some((l) => l.reviewId === event.data.reviewId)
        ? state
        : {
            ...state,
            linkedReviews: [
              ...state.linkedReviews,
              { reviewId: event.data.reviewId, reviewKind: event.data.reviewKind },
            ],
          };
    case 'ErasureRequested':
    case 'ErasureRequestCancelled':
    case 'PersonalDataErased':
      return { ...state, ...evolveErasure(state, event) };
    default:
      return state;
  }
};
