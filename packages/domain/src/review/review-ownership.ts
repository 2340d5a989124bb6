/**
 * Who writes to a review of any kind: its owner partnership, or the Panel when the Panel owns it (national review,
 * national thematic review). Everyone else (other partnerships, Ofsted, admins, agency referrers, DfE) is refused.
 */
import { notFound } from '../shared/domain-error';
import { requireActingFor, requireRole } from '../shared/authorize';
import type { CommandContext } from '../shared/types';
import type { ExtendedCommissionedReviewState, ExtendedReviewState } from './extended-review';

export const existingReview = (state: ExtendedReviewState, reviewId: unknown): ExtendedCommissionedReviewState => {
  if (state.status === 'none') throw notFound(`Review ${String(reviewId)} has not been commissioned`);
  return state;
};

export const requireReviewOwner = (context: CommandContext, review: ExtendedCommissionedReviewState, action: string): void => {
  if (review.ownerPartnershipId === null) return requireRole(context, ['panel'], `${action} on a review the Panel owns`);
  requireActingFor(context, 'partnership', review.ownerPartnershipId, `${action} on this review`);
};
