/**
 * Who may read what, as one policy table over every role (extended roles and the public included) and every kind
 * of record, plus `mayRead`, the pure check the gateway can apply per record. The decider refuses writes; this
 * table is the read side's single statement of the rules, so the gateway and its authorization matrix agree.
 *
 * | record              | partnership                  | panel | ofsted | admin | agency          | dfe          | public |
 * |---------------------|------------------------------|-------|--------|-------|-----------------|--------------|--------|
 * | incident            | own                          | all   | feed*  | none  | none            | none         | none   |
 * | referral            | own                          | none  | none   | none  | own referrals   | none         | none   |
 * | review              | own or concerned             | all   | none   | all** | none            | recipient    | none   |
 * | final report        | own or concerned             | all   | none   | none  | none            | recipient    | none   |
 * | published report    | all                          | all   | all    | all   | all             | all          | all    |
 * | learning library    | all                          | all   | all    | all   | all             | all          | all    |
 * | national statistics | all                          | all   | none   | all   | none            | all          | none   |
 * | notification feed   | none                         | all   | all    | none  | none            | none         | none   |
 *  * Ofsted reads incidents only as the minimised notification feed (its own row).
 *  ** Admins see a review's tracking record (operations), never personal parts.
 * "recipient": the reader's role is among the final report's recipients, so DfE reads a review and its final report once a final report was sent with `dfe` among its recipients
 * (the report reaches DfE at least 7 working days before publication); after publication the report is public.
 * "concerned": partnerships named by ReviewConcernsPartnerships, or whose incidents a national/thematic review covers.
 */
import type { ReportRecipient } from '../review/review-events';
import type { CommissionedReviewState } from '../review/review';
import type { ExtendedActor, ExtendedRole, PartnershipId } from './types';

export type ReadableKind =
  | 'incident' | 'referral' | 'review' | 'final-report' | 'published-report' | 'learning-library' | 'national-statistics' | 'notification-feed';

export type AccessRule = 'all' | 'own' | 'own-or-concerned' | 'own-referrals' | 'recipient' | 'none';

export type Reader = ExtendedRole | 'public';

export const ACCESS_POLICY: Record<Reader, Record<ReadableKind, AccessRule>> = {
  partnership: { incident: 'own', referral: 'own', review: 'own-or-concerned', 'final-report': 'own-or-concerned', 'published-report': 'all', 'learning-library': 'all', 'national-statistics': 'all', 'notification-feed': 'none' },
  panel: { incident: 'all', referral: 'none', review: 'all', 'final-report': 'all', 'published-report': 'all', 'learning-library': 'all', 'national-statistics': 'all', 'notification-feed': 'all' },
  ofsted: { incident: 'none', referral: 'none', review: 'none', 'final-report': 'none', 'published-report': 'all', 'learning-library': 'all', 'national-statistics': 'none', 'notification-feed': 'all' },
  admin: { incident: 'none', referral: 'none', review: 'all', 'final-report': 'none', 'published-report': 'all', 'learning-library': 'all', 'national-statistics': 'all', 'notification-feed': 'none' },
  agency: { incident: 'none', referral: 'own-referrals', review: 'none', 'final-report': 'none', 'published-report': 'all', 'learning-library': 'all', 'national-statistics': 'none', 'notification-feed': 'none' },
  dfe: { incident: 'none', referral: 'none', review: 'recipient', 'final-report': 'recipient', 'published-report': 'all', 'learning-library': 'all', 'national-statistics': 'all', 'notification-feed': 'none' },
  public: { incident: 'none', referral: 'none', review: 'none', 'final-report': 'none', 'published-report': 'all', 'learning-library': 'all', 'national-statistics': 'none', 'notification-feed': 'none' },
};

/** The facts of one record that the rules look at. */
export type ReadableRecord =
  | { kind: 'incident'; partnershipId: PartnershipId }
  | { kind: 'referral'; partnershipId: PartnershipId; referredBy: string }
  | {
    kind: 'review' | 'final-report';
    /** The owner partnership; null when the Panel owns the review. */
    ownerPartnershipId: PartnershipId | null;
    /** Partnerships the review covers (a national or thematic review's) and those named as concerned. */
    partnershipIds: readonly PartnershipId[];
    concernedPartnershipIds: readonly PartnershipId[];
    /** Recipients of the latest final report; empty before one is sent. */
    finalReportRecipients: readonly ReportRecipient[];
  }
  | { kind: 'published-report' | 'learning-library' | 'national-statistics' | 'notification-feed' };

const ownsOrIsConcerned = (partnershipId: PartnershipId | undefined, record: Extract<ReadableRecord, { kind: 'review' | 'final-report' }>): boolean =>
  partnershipId !== undefined
  && (record.ownerPartnershipId === partnershipId || record.partnershipIds.includes(partnershipId) || record.concernedPartnershipIds.includes(partnershipId));

/** Whether `actor` (null: the public, no token) may read `record`. Unknown roles read nothing. */
export const mayRead = (actor: ExtendedActor | null, record: ReadableRecord): boolean => {
  const rule = ACCESS_POLICY[actor === null ? 'public' : actor.role]?.[record.kind] ?? 'none';
  switch (rule) {
    case 'all': return true;
    case 'none': return false;
    case 'own': return 'partnershipId' in record && actor?.partnershipId !== undefined && record.partnershipId === actor.partnershipId;
    case 'own-referrals': return record.kind === 'referral' && actor !== null && actor.partnershipId === record.partnershipId && actor.userId === record.referredBy;
    case 'own-or-concerned': return (record.kind === 'review' || record.kind === 'final-report') && ownsOrIsConcerned(actor?.partnershipId, record);
    case 'recipient': return (record.kind === 'review' || record.kind === 'final-report') && actor !== null && (record.finalReportRecipients as readonly string[]).includes(actor.role);
    default: return false;
  }
};

/** The readable facts of a review of any kind, from its folded state (for `mayRead`). */
export const readableReview = (
  state: Pick<CommissionedReviewState, 'ownerPartnershipId' | 'partnershipIds' | 'concernedPartnershipIds' | 'finalReportRecipients'>,
  kind: 'review' | 'final-report' = 'review',
): ReadableRecord => ({
  kind,
  ownerPartnershipId: state.ownerPartnershipId,
  partnershipIds: state.partnershipIds,
  concernedPartnershipIds: state.concernedPartnershipIds,
  finalReportRecipients: state.finalReportRecipients,
});
