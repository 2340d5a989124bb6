/**
 * Events of the referral stream (`referral-<uuid>`): a partner agency (police, health, a school…) refers a case to
 * its partnership's review sub-group before anything is notified; the sub-group decides to notify the Panel, to run
 * an alternative (non-statutory) review, or to take no further action; the referrer may withdraw it before then.
 *
 * Minimised facts (dates, LA, agency, the children's characteristics as a notification records them) sit in `data`;
 * what happened, the agency's reasons, the referrer's contact and the children's names sit in `personal`.
 */
import type { DomainEvent } from '../shared/event';
import type {
  CalendarDate,
  IncidentId,
  Instant,
  LocalAuthorityCode,
  PartnershipId,
  ReferralId,
  ReviewId,
} from '../shared/types';
import type {
  Agency,
  ChildCharacteristics,
  ChildPersonalData,
  IncidentNature,
  Notifier,
} from '../incident/incident-events';
import type { NonStatutoryReviewKind } from '../review/review-events';
import type { ErasureEventOf } from '../shared/erasure';

/** Whether the referring agency thinks the criteria for a notification are met. */
export type AgencyCriteriaView = 'met' | 'not-met' | 'unsure';

export type ReferralOutcome = 'notify' | 'alternative-review' | 'no-further-action';

export type ReferralPersonalData = {
  /** The person at the agency who referred (contact for the sub-group). */
  referrer: Notifier;
  /** What happened: free text. */
  whatHappened: string;
  /** Why the agency refers the case: free text. */
  agencyReasons: string;
  /** Where the incident happened (address or description). */
  location: string;
  /** HH:MM, England local time, if known. */
  incidentTime?: string;
  children: ChildPersonalData[];
};

export type ReferralSubmitted = DomainEvent<
  'ReferralSubmitted',
  {
    referralId: ReferralId;
    /** The partnership whose review sub-group receives the referral. */
    partnershipId: PartnershipId;
    localAuthorityCode: LocalAuthorityCode;
    agency: Agency;
    /** User id of the referrer: only they may withdraw it, and they see its outcome. */
    referredBy: string;
    submittedAt: Instant;
    submittedOn: CalendarDate;
    /** The agency's view of the nature of the incident; the notification may differ. */
    nature: IncidentNature;
    incidentOn: CalendarDate;
    /** When the agency (and so the LA, through the referral) became aware: the anchor of the 5-working-day clock. */
    becameAwareOn: CalendarDate;
    criteriaView: AgencyCriteriaView;
    /** The referral was discussed with the agency's designated safeguarding lead before it was made. */
    dslConsulted: boolean;
    children: ChildCharacteristics[];
  },
  ReferralPersonalData
>;

/**
 * The sub-group's decision. `notify`: the handler notifies incident `incidentId` from the referral's facts, linked by
 * `referralId`. `alternative-review`: the handler commissions non-statutory review `reviewId` of kind `reviewKind`.
 * `personal` holds the reasons; required for no further action, optional otherwise.
 */
export type ReferralDecided = Omit<
  DomainEvent<
    'ReferralDecided',
    {
      referralId: ReferralId;
      partnershipId: PartnershipId;
      decidedAt: Instant;
      decidedOn: CalendarDate;
      outcome: ReferralOutcome;
      incidentId?: IncidentId;
      reviewKind?: NonStatutoryReviewKind;
      reviewId?: ReviewId;
    }
  >,
  'personal'
> & { personal?: { reasons: string } };

export type ReferralWithdrawn = DomainEvent<
  'ReferralWithdrawn',
  {
    referralId: ReferralId;
    partnershipId: PartnershipId;
    withdrawnAt: Instant;
    withdrawnOn: CalendarDate;
  },
  { reason: string }
>;

/** Four-eyes erasure of the referral (shared/erasure.ts), named by `referralId`. */
export type ReferralErasureEvent = ErasureEventOf<'referralId'>;

export type ReferralEvent = ReferralSubmitted | ReferralDecided | ReferralWithdrawn | ReferralErasureEvent;

export type ReferralEventType = ReferralEvent['type'];

export const referralStreamId = (referralId: ReferralId) => `referral-${referralId}`;
export const REFERRAL_STREAM_PREFIX = 'referral-';
