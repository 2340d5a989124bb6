/**
 * Commands of the review stream added by issue 9, and `ExtendedReviewCommand`: every command `extendedReviewDecider`
 * takes, the existing review commands included (with a context that may carry an extended role, which they refuse).
 */
import type { NonStatutoryReviewKind } from '../referral/referral-events';
import type { ReferralState } from '../referral/referral';
import type { IncidentState } from '../incident/incident';
import type { LearningCommand } from '../learning/learning-commands';
import type { CommandContext, IncidentId, PartnershipId, ReferralId, ReviewId } from '../shared/types';
import type { ExtendedReviewState } from './extended-review';
import type { ReviewCommand } from './review-commands';

export type CommissionNonStatutoryReview = {
  type: 'CommissionNonStatutoryReview';
  data: {
    reviewId: ReviewId;
    partnershipId: PartnershipId;
    kind: NonStatutoryReviewKind;
    /** At least one referral or incident in all. */
    referralIds: ReferralId[];
    incidentIds: IncidentId[];
    title: string;
  };
  context: CommandContext;
  /** Current states of the named referrals and incidents, by id; a missing id counts as not found. */
  reference: { referrals: Record<ReferralId, ReferralState>; incidents: Record<IncidentId, IncidentState> };
};

export type CommissionThematicReview = {
  type: 'CommissionThematicReview';
  data: {
    reviewId: ReviewId;
    /** The commissioning partnership, or 'national' when the Panel commissions. */
    partnershipId: PartnershipId | 'national';
    title: string;
    theme: string;
    /** At least two cases (incidents and reviews) in all: a theme runs across cases. */
    incidentIds: IncidentId[];
    reviewIds: ReviewId[];
  };
  context: CommandContext;
  reference: { incidents: Record<IncidentId, IncidentState>; reviews: Record<ReviewId, ExtendedReviewState> };
};

export type NameConcernedPartnerships = {
  type: 'NameConcernedPartnerships';
  data: { reviewId: ReviewId; partnershipIds: PartnershipId[] };
  context: CommandContext;
  /** The registered partnerships (from their streams or read model). */
  reference: { knownPartnershipIds: PartnershipId[] };
};

/** A command typed with an CommandContext in place of its CommandContext (distributes over a union). */
export type WithExtendedContext<C> = C extends { context: unknown } ? Omit<C, 'context'> & { context: CommandContext } : never;

export type ExtendedReviewCommand =
  | WithExtendedContext<ReviewCommand>
  | CommissionNonStatutoryReview
  | CommissionThematicReview
  | NameConcernedPartnerships
  | LearningCommand;

export type ExtendedReviewCommandType = ExtendedReviewCommand['type'];

/** The review-stream commands that only `extendedReviewDecider` takes (it takes the ReviewCommand types too). */
export const EXTENDED_REVIEW_COMMAND_TYPES = [
  'CommissionNonStatutoryReview', 'CommissionThematicReview', 'NameConcernedPartnerships',
  'RecordLearning', 'AddRecommendation', 'RecordActionForRecommendation', 'UpdateActionStatus',
] as const satisfies readonly Exclude<ExtendedReviewCommandType, ReviewCommand['type']>[];
