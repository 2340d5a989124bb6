/**
 * Commands of the referral stream: `{ type, data, context, reference? }`. The context may carry an extended role
 * (`agency`), so these commands take an CommandContext.
 */
import type { Agency, IncidentNature, Notifier } from '../incident/incident-events';
import type { NotifiedChild, PartnershipCoverage } from '../incident/incident-commands';
import type {
  CommandContext,
  IncidentId,
  LocalAuthorityCode,
  PartnershipId,
  ReferralId,
  ReviewId,
} from '../shared/types';
import type { AgencyCriteriaView, ReferralOutcome } from './referral-events';
import type { NonStatutoryReviewKind } from '../review/review-events';
import type { ErasureCommandOf } from '../shared/erasure';

export type SubmitReferral = {
  type: 'SubmitReferral';
  data: {
    referralId: ReferralId;
    /** The partnership the referrer's agency is tied to (must be the actor's). */
    partnershipId: PartnershipId;
    localAuthorityCode: LocalAuthorityCode;
    agency: Agency;
    nature: IncidentNature;
    incidentOn: string;
    /** The day the agency became aware of the incident: today or earlier, not before the incident. */
    becameAwareOn: string;
    criteriaView: AgencyCriteriaView;
    dslConsulted: boolean;
    /** As in a notification: characteristics and personal data, no age band (computed from date of birth or age). */
    children: NotifiedChild[];
    referrer: Notifier;
    whatHappened: string;
    agencyReasons: string;
    location: string;
    incidentTime?: string;
  };
  context: CommandContext;
  /** The LAs the partnership covers. */
  reference: PartnershipCoverage;
};

export type DecideReferral = {
  type: 'DecideReferral';
  data: {
    referralId: ReferralId;
    outcome: ReferralOutcome;
    /** `notify` only: the id of the incident the handler will notify from this referral. */
    incidentId?: IncidentId;
    /** `alternative-review` only: the kind and id of the review the handler will commission. */
    reviewKind?: NonStatutoryReviewKind;
    reviewId?: ReviewId;
    /** Free text, personal. Required for `no-further-action`. */
    reasons?: string;
  };
  context: CommandContext;
};

export type WithdrawReferral = {
  type: 'WithdrawReferral';
  data: { referralId: ReferralId; /** Free text, personal. */ reason: string };
  context: CommandContext;
};

/** Four-eyes erasure of a referral that led to no notification (one that did is erased through its incident). */
export type ReferralErasureCommand = ErasureCommandOf<'referralId'>;

export type ReferralCommand = SubmitReferral | DecideReferral | WithdrawReferral | ReferralErasureCommand;

export type ReferralCommandType = ReferralCommand['type'];
