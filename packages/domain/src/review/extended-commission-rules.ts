/**
 * Which cases a non-statutory or thematic review may be commissioned for, checked against their current states
 * (reference data loaded by the handler). Chosen rules:
 * - Non-statutory review: each referral is the partnership's and was decided `alternative-review`; each incident is
 *   the partnership's and not withdrawn (its rapid review decision does not matter: these reviews exist for cases
 *   that miss the statutory criteria). At least one referral or incident.
 * - Thematic review: at least two cases in all. A partnership links its own incidents and reviews, or reviews that
 *   concern it; the Panel links any. Withdrawn incidents are refused (duplicates and errors are not cases).
 */
import type { IncidentState, NotifiedIncidentState } from '../incident/incident';
import type { ReferralState } from '../referral/referral';
import { forbidden, illegalState, notFound, validationError } from '../shared/domain-error';
import type { IncidentId, PartnershipId, ReferralId, ReviewId } from '../shared/types';
import { requireArray, requireDistinct, requireId } from '../shared/validate';
import type { ExtendedCommissionedReviewState, ExtendedReviewState } from './extended-review';
import { MAX_INCIDENTS_PER_REVIEW } from './review-vocabulary';

export const parseIds = (value: unknown, field: string): string[] => {
  const ids = requireArray<string>(value, field, 0, MAX_INCIDENTS_PER_REVIEW).map((id, i) => requireId(id, `${field}.${i}`));
  requireDistinct(ids, field);
  return ids;
};

const incidentAt = (incidents: Record<IncidentId, IncidentState> | undefined, incidentId: IncidentId, field: string): NotifiedIncidentState => {
  const state = incidents?.[incidentId];
  if (!state || state.status === 'none') throw notFound(`${field}: incident ${incidentId} has not been notified`);
  if (state.status === 'withdrawn') throw illegalState(`${field}: incident ${incidentId} was withdrawn`);
  return state;
};

export const requirePartnershipIncidents = (incidentIds: IncidentId[], partnershipId: PartnershipId, incidents: Record<IncidentId, IncidentState> | undefined): void => {
  incidentIds.forEach((incidentId, index) => {
    const field = `incidentIds.${index}`;
    if (incidentAt(incidents, incidentId, field).partnershipId !== partnershipId) throw forbidden(`${field}: incident ${incidentId} belongs to another partnership`);
  });
};

export const requireAlternativeReviewReferrals = (referralIds: ReferralId[], partnershipId: PartnershipId, referrals: Record<ReferralId, ReferralState> | undefined): void => {
  referralIds.forEach((referralId, index) => {
    const field = `referralIds.${index}`;
    const referral = referrals?.[referralId];
    if (!referral || referral.status === 'none') throw notFound(`${field}: referral ${referralId} has not been submitted`);
    if (referral.partnershipId !== partnershipId) throw forbidden(`${field}: referral ${referralId} was made to another partnership`);
    if (referral.decision?.outcome !== 'alternative-review') throw illegalState(`${field}: referral ${referralId} was not decided as an alternative review`);
  });
};

/** Returns the partnerships the linked cases belong to, the owner first. */
export const requireThematicCases = (
  incidentIds: IncidentId[], reviewIds: ReviewId[], owner: PartnershipId | 'national',
  reference: { incidents?: Record<IncidentId, IncidentState>; reviews?: Record<ReviewId, ExtendedReviewState> } | undefined,
): PartnershipId[] => {
  if (incidentIds.length + reviewIds.length < 2) throw validationError('incidentIds', 'incidentIds and reviewIds must link at least two cases in all');
  const partnerships: PartnershipId[] = owner === 'national' ? [] : [owner];
  const add = (ids: readonly PartnershipId[]) => ids.forEach((p) => { if (!partnerships.includes(p)) partnerships.push(p); });
  incidentIds.forEach((incidentId, index) => {
    const field = `incidentIds.${index}`;
    const incident = incidentAt(reference?.incidents, incidentId, field);
    if (owner !== 'national' && incident.partnershipId !== owner) throw forbidden(`${field}: incident ${incidentId} belongs to another partnership`);
    add([incident.partnershipId]);
  });
  reviewIds.forEach((reviewId, index) => {
    const field = `reviewIds.${index}`;
    const review = reference?.reviews?.[reviewId];
    if (!review || review.status === 'none') throw notFound(`${field}: review ${reviewId} has not been commissioned`);
    if (owner !== 'national' && review.ownerPartnershipId !== owner && !review.concernedPartnershipIds.includes(owner)) {
      throw forbidden(`${field}: review ${reviewId} neither belongs to nor concerns partnership '${owner}'`);
    }
    add(reviewPartnerships(review));
  });
  return partnerships;
};

const reviewPartnerships = (review: ExtendedCommissionedReviewState): PartnershipId[] =>
  review.ownerPartnershipId === null ? review.partnershipIds : [review.ownerPartnershipId];
