/**
 * Who writes to a review of any kind: its owner partnership, or the Panel when the Panel owns it (national review,
 * national thematic review). Everyone else (other partnerships, Ofsted, admins, agency referrers, DfE) is refused.
 * Who reads a review is the access policy's business (shared/access-policy.ts), not the decider's.
 */
import type { CommissionedReviewState, ReviewState } from './review';
import { illegalState, notFound } from '../shared/domain-error';
import { requireActingFor, requireRole } from '../shared/authorize';
import type { CommandContext, PartnershipId } from '../shared/types';

export const existingReview = (state: ReviewState, reviewId: unknown): CommissionedReviewState => {
  if (state.status === 'none') throw notFound(`Review ${String(reviewId)} has not been commissioned`);
  return state;
};

const KIND_LABEL: Record<CommissionedReviewState['kind'], string> = {
  local: 'a local review',
  national: 'a national review',
  'partnership-review': 'a partnership review',
  'multi-agency-learning-review': 'a multi-agency learning review',
  'single-agency-review': 'a single-agency review',
  thematic: 'a thematic review',
};

export const requireReviewOwner = (context: CommandContext, review: CommissionedReviewState, action: string): void => {
  if (review.ownerPartnershipId === null)
    return requireRole(context, ['panel'], `${action} on ${KIND_LABEL[review.kind]} the Panel owns`);
  requireActingFor(context, 'partnership', review.ownerPartnershipId, `${action} on this review`);
};

/** Work on the review itself (reviewer, delays, final report) stops at publication and at closure. */
export const requireInProgress = (review: CommissionedReviewState, action: string): void => {
  requireNotHistoric(review, action);
  if (review.status !== 'commissioned')
    throw illegalState(`Review ${review.reviewId} is ${review.status}: cannot ${action}`);
};

/** A review recorded from published history is a record of the past: no step of the process follows it. */
export const requireNotHistoric = (review: CommissionedReviewState, action: string): void => {
  if (review.historic)
    throw illegalState(`Review ${review.reviewId} was recorded from published history: cannot ${action}`);
};

/** Whether the review belongs to the partnership or was named (ReviewConcernsPartnerships) as concerning it. */
export const ownsOrIsConcerned = (review: CommissionedReviewState, partnershipId: PartnershipId): boolean =>
  review.ownerPartnershipId === partnershipId || review.concernedPartnershipIds.includes(partnershipId);
