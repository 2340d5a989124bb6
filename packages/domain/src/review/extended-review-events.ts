/**
 * Events added to the review stream (`review-<uuid>`) by issue 9, kept in their own union so that `ReviewEvent`, which
 * other packages switch on, does not change: non-statutory reviews (partnership, multi-agency learning, single-agency)
 * and thematic reviews, the partnerships a review concerns, and learning (learning/learning-events.ts).
 * `ExtendedReviewEvent` is every event a review stream may hold; `extendedReviewDecider` folds and decides over it.
 */
import type { DomainEvent } from '../shared/event';
import type { CalendarDate, IncidentId, Instant, PartnershipId, ReferralId, ReviewId } from '../shared/types';
import type { NonStatutoryReviewKind } from '../referral/referral-events';
import type { LearningEvent } from '../learning/learning-events';
import type { ReviewEvent } from './review-events';

/** A review outside the statutory path: the same tracking as a local review, no statutory clocks. */
export type NonStatutoryReviewCommissioned = DomainEvent<'NonStatutoryReviewCommissioned', {
  reviewId: ReviewId;
  /** The readable case reference (`REV-2026-00045`), added by the write path; absent on reviews commissioned before references. */
  reference?: string;
  partnershipId: PartnershipId;
  kind: NonStatutoryReviewKind;
  /** Referrals the sub-group decided on as an alternative review. */
  referralIds: ReferralId[];
  incidentIds: IncidentId[];
  /** Pseudonymised, as reports are ("Child R", "Learning from Baby T"). */
  title: string;
  commissionedAt: Instant;
  commissionedOn: CalendarDate;
}>;

/** A partnership's or the Panel's thematic review across many cases, with its own publication. */
export type ThematicReviewCommissioned = DomainEvent<'ThematicReviewCommissioned', {
  reviewId: ReviewId;
  /** The readable case reference (`REV-2026-00045`), added by the write path; absent on reviews commissioned before references. */
  reference?: string;
  /** The owning partnership, or 'national' for a thematic review commissioned by the Panel. */
  partnershipId: PartnershipId | 'national';
  /** Every partnership whose incidents or reviews the theme links (the owner first, when local). */
  partnershipIds: PartnershipId[];
  title: string;
  theme: string;
  incidentIds: IncidentId[];
  reviewIds: ReviewId[];
  commissionedAt: Instant;
  commissionedOn: CalendarDate;
}>;

/** The review concerns services of these partnerships: they see it and list it ("it mentions our services"). */
export type ReviewConcernsPartnerships = DomainEvent<'ReviewConcernsPartnerships', {
  reviewId: ReviewId;
  /** The partnerships named by this event (added to those named before). */
  partnershipIds: PartnershipId[];
  namedOn: CalendarDate;
}>;

export type ExtendedReviewEvent =
  | ReviewEvent
  | NonStatutoryReviewCommissioned
  | ThematicReviewCommissioned
  | ReviewConcernsPartnerships
  | LearningEvent;

export type ExtendedReviewEventType = ExtendedReviewEvent['type'];

/** Event types of the review stream that `reviewDecider` (and `ReviewEvent`) do not know. */
export const EXTENDED_REVIEW_EVENT_TYPES = [
  'NonStatutoryReviewCommissioned', 'ThematicReviewCommissioned', 'ReviewConcernsPartnerships',
  'LearningRecorded', 'RecommendationMade', 'ActionAssigned', 'ActionProgressed',
] as const satisfies readonly Exclude<ExtendedReviewEventType, ReviewEvent['type']>[];
