/**
 * Which incidents a review may be commissioned for, checked against their current states (reference data).
 *
 * Local review (LCSPR), chosen rule: each incident belongs to the commissioning partnership, is notified and not
 * withdrawn, has a rapid review, and either
 *   - its latest rapid review decided `local-review` (the partners' own decision; they need not wait for the Panel,
 *     whatever the Panel later says, since a national review does not stop a local one), or
 *   - the Panel answered `reconsider` (the Panel asked the partners to think again: they may go straight to a
 *     local review without resubmitting),
 * and it is not already part of another local review.
 *
 * National review, chosen rule: each incident is notified, not withdrawn, has a rapid review, and the Panel's
 * response to it was `national-review` or `national-thematic-review` (either, whatever the `thematic` flag: the Panel
 * may review a flagged case singly or within a theme); it is not already part of another national review.
 * The Panel records its outcome first (RespondToRapidReview), so its discretion is exercised there, on the record.
 *
 * Non-statutory review, chosen rule: each referral is the partnership's and was decided `alternative-review`; each
 * incident is the partnership's and not withdrawn (its rapid review decision does not matter: these reviews exist
 * for cases that miss the statutory criteria). At least one referral or incident.
 *
 * Thematic review, chosen rule: at least two cases in all. A partnership links its own incidents and reviews, or
 * reviews named as concerning it; the Panel links any. Withdrawn incidents are refused (duplicates and errors are
 * not cases).
 */
import type { IncidentState, NotifiedIncidentState } from '../incident/incident';
import type { ReferralState } from '../referral/referral';
import type { LinkedIncidents } from './review-commands';
import type { CommissionedReviewState, ReviewState } from './review';
import { ownsOrIsConcerned } from './review-ownership';
import { forbidden, illegalState, notFound, validationError } from '../shared/domain-error';
import type { IncidentId, PartnershipId, ReferralId, ReviewId } from '../shared/types';
import { requireArray, requireDistinct, requireId } from '../shared/validate';
import { MAX_INCIDENTS_PER_REVIEW } from './review-vocabulary';

type Incidents = Record<IncidentId, IncidentState> | undefined;

const incidentAt = (incidents: Incidents, incidentId: IncidentId, field: string): NotifiedIncidentState => {
  // A missing reference (a handler that loaded nothing) refuses like an unknown incident rather than crashing.
  const state = incidents?.[incidentId];
  if (!state || state.status === 'none') throw notFound(`${field}: incident ${incidentId} has not been notified`);
  return state;
};

const notWithdrawn = (incidents: Incidents, incidentId: IncidentId, field: string): NotifiedIncidentState => {
  const incident = incidentAt(incidents, incidentId, field);
  if (incident.status === 'withdrawn') throw illegalState(`${field}: incident ${incidentId} was withdrawn`);
  return incident;
};

const usable = (incident: NotifiedIncidentState, field: string) => {
  if (incident.status === 'withdrawn') throw illegalState(`${field}: incident ${incident.incidentId} was withdrawn`);
  if (!incident.rapidReview) throw illegalState(`${field}: incident ${incident.incidentId} has no rapid review yet`);
  return incident.rapidReview;
};

/** Distinct ids, at least `min` of them (statutory reviews need one incident; the other kinds count cases in all). */
export const parseIds = (value: unknown, field: string, min = 0): string[] => {
  const ids = requireArray<string>(value, field, min, MAX_INCIDENTS_PER_REVIEW).map((id, i) =>
    requireId(id, `${field}.${i}`),
  );
  requireDistinct(ids, field);
  return ids;
};

export const requireLocalReviewIncidents = (
  incidentIds: IncidentId[],
  partnershipId: PartnershipId,
  reference: LinkedIncidents,
): void => {
  incidentIds.forEach((incidentId, index) => {
    const field = `incidentIds.${index}`;
    const incident = incidentAt(reference?.incidents, incidentId, field);
    if (incident.partnershipId !== partnershipId)
      throw forbidden(`${field}: incident ${incidentId} belongs to another partnership`);
    const rapidReview = usable(incident, field);
    if (rapidReview.localReviewDecision !== 'local-review' && rapidReview.panelOutcome !== 'reconsider') {
      throw illegalState(
        `${field}: incident ${incidentId} has neither a local-review decision nor a Panel request to reconsider`,
      );
    }
    if (incident.linkedReviews.some((l) => l.reviewKind === 'local'))
      throw illegalState(`${field}: incident ${incidentId} is already part of a local review`);
  });
};

/** Returns the partnerships whose incidents the national review covers, in the order first met. */
export const requireNationalReviewIncidents = (
  incidentIds: IncidentId[],
  reference: LinkedIncidents,
): PartnershipId[] => {
  const partnerships: PartnershipId[] = [];
  incidentIds.forEach((incidentId, index) => {
    const field = `incidentIds.${index}`;
    const incident = incidentAt(reference?.incidents, incidentId, field);
    const rapidReview = usable(incident, field);
    if (rapidReview.panelOutcome !== 'national-review' && rapidReview.panelOutcome !== 'national-thematic-review') {
      throw illegalState(
        `${field}: the Panel's response to incident ${incidentId} is not a national review or national thematic review`,
      );
    }
    if (incident.linkedReviews.some((l) => l.reviewKind === 'national'))
      throw illegalState(`${field}: incident ${incidentId} is already part of a national review`);
    if (!partnerships.includes(incident.partnershipId)) partnerships.push(incident.partnershipId);
  });
  return partnerships;
};

export const requirePartnershipIncidents = (
  incidentIds: IncidentId[],
  partnershipId: PartnershipId,
  incidents: Incidents,
): void => {
  incidentIds.forEach((incidentId, index) => {
    const field = `incidentIds.${index}`;
    if (notWithdrawn(incidents, incidentId, field).partnershipId !== partnershipId) {
      throw forbidden(`${field}: incident ${incidentId} belongs to another partnership`);
    }
  });
};

export const requireAlternativeReviewReferrals = (
  referralIds: ReferralId[],
  partnershipId: PartnershipId,
  referrals: Record<ReferralId, ReferralState> | undefined,
): void => {
  referralIds.forEach((referralId, index) => {
    const field = `referralIds.${index}`;
    const referral = referrals?.[referralId];
    if (!referral || referral.status === 'none')
      throw notFound(`${field}: referral ${referralId} has not been submitted`);
    if (referral.partnershipId !== partnershipId)
      throw forbidden(`${field}: referral ${referralId} was made to another partnership`);
    if (referral.decision?.outcome !== 'alternative-review')
      throw illegalState(`${field}: referral ${referralId} was not decided as an alternative review`);
  });
};

const reviewPartnerships = (review: CommissionedReviewState): PartnershipId[] =>
  review.ownerPartnershipId === null ? review.partnershipIds : [review.ownerPartnershipId];

/** Returns the partnerships the linked cases belong to, the owner first. */
export const requireThematicCases = (
  incidentIds: IncidentId[],
  reviewIds: ReviewId[],
  owner: PartnershipId | 'national',
  reference: { incidents?: Record<IncidentId, IncidentState>; reviews?: Record<ReviewId, ReviewState> } | undefined,
): PartnershipId[] => {
  if (incidentIds.length + reviewIds.length < 2)
    throw validationError('incidentIds', 'incidentIds and reviewIds must link at least two cases in all');
  const partnerships: PartnershipId[] = owner === 'national' ? [] : [owner];
  const add = (ids: readonly PartnershipId[]) =>
    ids.forEach((p) => {
      if (!partnerships.includes(p)) partnerships.push(p);
    });
  incidentIds.forEach((incidentId, index) => {
    const field = `incidentIds.${index}`;
    const incident = notWithdrawn(reference?.incidents, incidentId, field);
    if (owner !== 'national' && incident.partnershipId !== owner)
      throw forbidden(`${field}: incident ${incidentId} belongs to another partnership`);
    add([incident.partnershipId]);
  });
  reviewIds.forEach((reviewId, index) => {
    const field = `reviewIds.${index}`;
    const review = reference?.reviews?.[reviewId];
    if (!review || review.status === 'none') throw notFound(`${field}: review ${reviewId} has not been commissioned`);
    if (owner !== 'national' && !ownsOrIsConcerned(review, owner)) {
      throw forbidden(`${field}: review ${reviewId} neither belongs to nor concerns partnership '${owner}'`);
    }
    add(reviewPartnerships(review));
  });
  return partnerships;
};
