/**
 * The referral aggregate: state, `initialState` and `evolve`. A referral goes submitted → decided, or submitted →
 * withdrawn. The state holds no personal data; it carries the outcome so that the referrer can see it.
 */
import type { Agency, ChildCharacteristics, IncidentNature } from '../incident/incident-events';
import type {
  CalendarDate,
  IncidentId,
  LocalAuthorityCode,
  PartnershipId,
  ReferralId,
  ReviewId,
} from '../shared/types';
import type { AgencyCriteriaView, ReferralEvent, ReferralOutcome } from './referral-events';
import type { NonStatutoryReviewKind } from '../review/review-events';
import { evolveErasure, NO_ERASURE, type ErasureStanding } from '../shared/erasure';

export type ReferralDecision = {
  outcome: ReferralOutcome;
  decidedOn: CalendarDate;
  incidentId?: IncidentId;
  reviewKind?: NonStatutoryReviewKind;
  reviewId?: ReviewId;
};

export type SubmittedReferralState = {
  status: 'submitted' | 'decided' | 'withdrawn';
  referralId: ReferralId;
  partnershipId: PartnershipId;
  localAuthorityCode: LocalAuthorityCode;
  agency: Agency;
  referredBy: string;
  submittedOn: CalendarDate;
  nature: IncidentNature;
  incidentOn: CalendarDate;
  becameAwareOn: CalendarDate;
  criteriaView: AgencyCriteriaView;
  dslConsulted: boolean;
  children: ChildCharacteristics[];
  /** The sub-group's decision; null until it decides. */
  decision: ReferralDecision | null;
  withdrawnOn: CalendarDate | null;
} & ErasureStanding;

export type ReferralState = { status: 'none' } | SubmittedReferralState;

export const initialReferralState = (): ReferralState => ({ status: 'none' });

export const evolveReferral = (state: ReferralState, event: ReferralEvent): ReferralState => {
  if (event.type === 'ReferralSubmitted') {
    const { submittedAt: _at, ...d } = event.data;
    return { status: 'submitted', ...d, decision: null, withdrawnOn: null, ...NO_ERASURE };
  }
  // Every other event follows a submission; on an empty stream it would be a corrupt log: ignore it.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ReferralDecided': {
      const { outcome, decidedOn, incidentId, reviewKind, reviewId } = event.data;
      const decision: ReferralDecision = {
        outcome,
        decidedOn,
        ...(incidentId !== undefined ? { incidentId } : {}),
        ...(reviewKind !== undefined ? { reviewKind } : {}),
        ...(reviewId !== undefined ? { reviewId } : {}),
      };
      return { ...state, status: 'decided', decision };
    }
    case 'ReferralWithdrawn':
      return { ...state, status: 'withdrawn', withdrawnOn: event.data.withdrawnOn };
    case 'ErasureRequested':
    case 'ErasureRequestCancelled':
    case 'PersonalDataErased':
      return { ...state, ...evolveErasure(state, event) };
    default:
      return state;
  }
};
