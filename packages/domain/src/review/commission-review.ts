/**
 * Commissioning, one pure function per kind of review; each opens the review stream with its own event, and the
 * case rules (which incidents, referrals and reviews may be linked) live in commission-rules.ts.
 */
import type {
  CommissionLocalReview,
  CommissionNationalReview,
  CommissionNonStatutoryReview,
  CommissionThematicReview,
} from './review-commands';
import { REVIEW_SCHEMA_VERSION, type ReviewEvent } from './review-events';
import type { ReviewState } from './review';
import {
  parseIds,
  requireAlternativeReviewReferrals,
  requireLocalReviewIncidents,
  requireNationalReviewIncidents,
  requirePartnershipIncidents,
  requireThematicCases,
} from './commission-rules';
import { NON_STATUTORY_REVIEW_KINDS } from './review-vocabulary';
import { editionInForceFor } from '../calendar/guidance-editions';
import { illegalState, validationError } from '../shared/domain-error';
import { requireActingFor, requireRole } from '../shared/authorize';
import { requireBoolean, requireId, requireOneOf, requireString } from '../shared/validate';

const requireNewStream = (state: ReviewState, reviewId: string): void => {
  if (state.status !== 'none') throw illegalState(`Review ${reviewId} has already been commissioned`);
};

export const commissionLocalReview = (command: CommissionLocalReview, state: ReviewState): ReviewEvent[] => {
  const { data, context, reference } = command;
  requireRole(context, ['partnership'], 'commission a local review');
  const partnershipId = requireId(data.partnershipId, 'partnershipId');
  requireActingFor(context, 'partnership', partnershipId, 'commission a review for this partnership');
  const reviewId = requireId(data.reviewId, 'reviewId');
  requireNewStream(state, reviewId);
  const incidentIds = parseIds(data.incidentIds, 'incidentIds', 1);
  // The edition in force on the commissioning day, set by the platform (guidance-editions.ts).
  const guidanceEdition = editionInForceFor(data.guidanceEdition, context.today);
  const caseName = requireString(data.caseName, 'caseName', 100);
  requireLocalReviewIncidents(incidentIds, partnershipId, reference);
  return [
    {
      type: 'LocalReviewCommissioned',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: {
        reviewId,
        partnershipId,
        incidentIds,
        commissionedAt: context.now,
        commissionedOn: context.today,
        guidanceEdition,
      },
      // A pseudonym, but a real name may be typed by mistake: sealed under the review's key (review-events.ts).
      personal: { caseName },
    },
  ];
};

export const commissionNationalReview = (command: CommissionNationalReview, state: ReviewState): ReviewEvent[] => {
  const { data, context, reference } = command;
  requireRole(context, ['panel'], 'commission a national review');
  const reviewId = requireId(data.reviewId, 'reviewId');
  requireNewStream(state, reviewId);
  const incidentIds = parseIds(data.incidentIds, 'incidentIds', 1);
  // The edition in force on the commissioning day, set by the platform (guidance-editions.ts).
  const guidanceEdition = editionInForceFor(data.guidanceEdition, context.today);
  const title = requireString(data.title, 'title');
  const thematic = requireBoolean(data.thematic, 'thematic');
  const partnershipIds = requireNationalReviewIncidents(incidentIds, reference);
  return [
    {
      type: 'NationalReviewCommissioned',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: {
        reviewId,
        incidentIds,
        partnershipIds,
        commissionedAt: context.now,
        commissionedOn: context.today,
        guidanceEdition,
        thematic,
      },
      personal: { title },
    },
  ];
};

export const commissionNonStatutoryReview = (
  command: CommissionNonStatutoryReview,
  state: ReviewState,
): ReviewEvent[] => {
  const { data, context, reference } = command;
  const partnershipId = requireId(data.partnershipId, 'partnershipId');
  requireActingFor(context, 'partnership', partnershipId, 'commission a review for this partnership');
  const reviewId = requireId(data.reviewId, 'reviewId');
  requireNewStream(state, reviewId);
  const kind = requireOneOf(data.kind, 'kind', NON_STATUTORY_REVIEW_KINDS);
  const title = requireString(data.title, 'title', 100);
  const referralIds = parseIds(data.referralIds, 'referralIds');
  const incidentIds = parseIds(data.incidentIds, 'incidentIds');
  if (referralIds.length + incidentIds.length === 0)
    throw validationError('referralIds', 'referralIds and incidentIds must name at least one referral or incident');
  requireAlternativeReviewReferrals(referralIds, partnershipId, reference?.referrals);
  requirePartnershipIncidents(incidentIds, partnershipId, reference?.incidents);
  return [
    {
      type: 'NonStatutoryReviewCommissioned',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: {
        reviewId,
        partnershipId,
        kind,
        referralIds,
        incidentIds,
        commissionedAt: context.now,
        commissionedOn: context.today,
      },
      personal: { title },
    },
  ];
};

export const commissionThematicReview = (command: CommissionThematicReview, state: ReviewState): ReviewEvent[] => {
  const { data, context, reference } = command;
  const owner = data.partnershipId === 'national' ? 'national' : requireId(data.partnershipId, 'partnershipId');
  if (owner === 'national') requireRole(context, ['panel'], 'commission a national thematic review');
  else requireActingFor(context, 'partnership', owner, 'commission a thematic review for this partnership');
  const reviewId = requireId(data.reviewId, 'reviewId');
  requireNewStream(state, reviewId);
  const title = requireString(data.title, 'title', 200);
  const theme = requireString(data.theme, 'theme', 200);
  const incidentIds = parseIds(data.incidentIds, 'incidentIds');
  const reviewIds = parseIds(data.reviewIds, 'reviewIds');
  if (reviewIds.includes(reviewId))
    throw validationError(
      `reviewIds.${reviewIds.indexOf(reviewId)}`,
      'reviewIds must not name the thematic review itself',
    );
  const partnershipIds = requireThematicCases(incidentIds, reviewIds, owner, reference);
  return [
    {
      type: 'ThematicReviewCommissioned',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: {
        reviewId,
        partnershipId: owner,
        partnershipIds,
        incidentIds,
        reviewIds,
        commissionedAt: context.now,
        commissionedOn: context.today,
      },
      personal: { title, theme },
    },
  ];
};
