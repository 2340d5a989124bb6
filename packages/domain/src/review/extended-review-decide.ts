/**
 * The decider of review streams of every kind: local and national reviews exactly as `reviewDecider` decides them
 * (same functions, same events), plus non-statutory and thematic reviews, concerned partnerships and learning.
 * Non-statutory and thematic reviews share the tracking commands but run on no statutory clock: publishing needs
 * no final report sent 7 working days before, and read models set them no 6-month aim.
 */
import type { CommissionNonStatutoryReview, CommissionThematicReview, ExtendedReviewCommand, NameConcernedPartnerships } from './extended-review-commands';
import type { ExtendedReviewEvent } from './extended-review-events';
import { evolveExtendedReview, initialExtendedReviewState, trackingView, type ExtendedReviewState } from './extended-review';
import { parseIds, requireAlternativeReviewReferrals, requirePartnershipIncidents, requireThematicCases } from './extended-commission-rules';
import { existingReview, requireReviewOwner } from './review-ownership';
import type { ReviewCommand } from './review-commands';
import type { ReviewState } from './review';
import {
  appointReviewer, closeReview, commissionLocalReview, commissionNationalReview, delayPublication, publishReport, recordActionPlanProgress, REVIEW_SCHEMA_VERSION, submitFinalReport,
} from './review-decide';
import { parsePublication } from './publication-input';
import { addRecommendation, recordActionForRecommendation, recordLearning, updateActionStatus } from '../learning/learning-decide';
import { NON_STATUTORY_REVIEW_KINDS } from '../referral/referral-vocabulary';
import { illegalState, notFound, validationError } from '../shared/domain-error';
import { assertNever, type Decider } from '../shared/event';
import { requireActingFor, requireContext, requireRole } from '../shared/authorize';
import { requireDate, requireId, requireNotFuture, requireOneOf, requireOrder, requireString } from '../shared/validate';

const asReviewState = (state: ExtendedReviewState): ReviewState => (state.status === 'none' ? state : trackingView(state));

export const commissionNonStatutoryReview = (command: CommissionNonStatutoryReview, state: ExtendedReviewState): ExtendedReviewEvent[] => {
  const { data, context, reference } = command;
  const partnershipId = requireId(data.partnershipId, 'partnershipId');
  requireActingFor(context, 'partnership', partnershipId, 'commission a review for this partnership');
  const reviewId = requireId(data.reviewId, 'reviewId');
  if (state.status !== 'none') throw illegalState(`Review ${reviewId} has already been commissioned`);
  const kind = requireOneOf(data.kind, 'kind', NON_STATUTORY_REVIEW_KINDS);
  const title = requireString(data.title, 'title', 100);
  const referralIds = parseIds(data.referralIds, 'referralIds');
  const incidentIds = parseIds(data.incidentIds, 'incidentIds');
  if (referralIds.length + incidentIds.length === 0) throw validationError('referralIds', 'referralIds and incidentIds must name at least one referral or incident');
  requireAlternativeReviewReferrals(referralIds, partnershipId, reference?.referrals);
  requirePartnershipIncidents(incidentIds, partnershipId, reference?.incidents);
  return [{
    type: 'NonStatutoryReviewCommissioned',
    schemaVersion: REVIEW_SCHEMA_VERSION,
    data: { reviewId, partnershipId, kind, referralIds, incidentIds, title, commissionedAt: context.now, commissionedOn: context.today },
  }];
};

export const commissionThematicReview = (command: CommissionThematicReview, state: ExtendedReviewState): ExtendedReviewEvent[] => {
  const { data, context, reference } = command;
  const owner = data.partnershipId === 'national' ? 'national' : requireId(data.partnershipId, 'partnershipId');
  if (owner === 'national') requireRole(context, ['panel'], 'commission a national thematic review');
  else requireActingFor(context, 'partnership', owner, 'commission a thematic review for this partnership');
  const reviewId = requireId(data.reviewId, 'reviewId');
  if (state.status !== 'none') throw illegalState(`Review ${reviewId} has already been commissioned`);
  const title = requireString(data.title, 'title', 200);
  const theme = requireString(data.theme, 'theme', 200);
  const incidentIds = parseIds(data.incidentIds, 'incidentIds');
  const reviewIds = parseIds(data.reviewIds, 'reviewIds');
  if (reviewIds.includes(reviewId)) throw validationError(`reviewIds.${reviewIds.indexOf(reviewId)}`, 'reviewIds must not name the thematic review itself');
  const partnershipIds = requireThematicCases(incidentIds, reviewIds, owner, reference);
  return [{
    type: 'ThematicReviewCommissioned',
    schemaVersion: REVIEW_SCHEMA_VERSION,
    data: { reviewId, partnershipId: owner, partnershipIds, title, theme, incidentIds, reviewIds, commissionedAt: context.now, commissionedOn: context.today },
  }];
};

/** Allowed at every stage, closed included: a partnership may list an old published review that mentions it. */
export const nameConcernedPartnerships = (command: NameConcernedPartnerships, state: ExtendedReviewState): ExtendedReviewEvent[] => {
  const { data, context, reference } = command;
  const review = existingReview(state, data.reviewId);
  requireReviewOwner(context, review, 'name concerned partnerships');
  const partnershipIds = parseIds(data.partnershipIds, 'partnershipIds');
  if (partnershipIds.length === 0) throw validationError('partnershipIds', 'partnershipIds must name at least one partnership');
  partnershipIds.forEach((partnershipId, index) => {
    const field = `partnershipIds.${index}`;
    if (!(reference?.knownPartnershipIds ?? []).includes(partnershipId)) throw notFound(`${field}: partnership '${partnershipId}' is not registered`);
    if (partnershipId === review.ownerPartnershipId || review.partnershipIds.includes(partnershipId)) throw validationError(field, `${field} is a partnership the review already covers`);
    if (review.concernedPartnershipIds.includes(partnershipId)) throw validationError(field, `${field} has already been named`);
  });
  return [{ type: 'ReviewConcernsPartnerships', schemaVersion: REVIEW_SCHEMA_VERSION, data: { reviewId: review.reviewId, partnershipIds, namedOn: context.today } }];
};

/** Publication of a review on no statutory clock: no final report is required and no working days are counted. */
export const publishWithoutStatutoryClock = (command: Extract<ExtendedReviewCommand, { type: 'PublishReport' }>, state: ExtendedReviewState): ExtendedReviewEvent[] => {
  const { data, context } = command;
  const review = existingReview(state, data.reviewId);
  requireReviewOwner(context, review, 'publish the report');
  if (review.status !== 'commissioned') throw illegalState(`Review ${review.reviewId} is ${review.status}: cannot publish it`);
  const publishedOn = requireDate(data.publishedOn, 'publishedOn');
  requireNotFuture(publishedOn, 'publishedOn', context.today);
  requireOrder(review.finalReportSubmittedOn ?? review.commissionedOn, review.finalReportSubmittedOn ? 'the final report submission' : 'the commissioning date', publishedOn, 'publishedOn');
  const caseName = data.caseName === undefined ? review.caseName : requireString(data.caseName, 'caseName', 100);
  return [{ type: 'ReportPublished', schemaVersion: REVIEW_SCHEMA_VERSION, data: { reviewId: review.reviewId, publishedOn, caseName, ...parsePublication(data) } }];
};

/**
 * The existing tracking functions refuse any role they do not know as `forbidden` (requireRole, requireOwnPartnership),
 * so an extended context is safe to pass them; the cast only widens the context's declared role.
 */
const tracked = (command: ExtendedReviewCommand, state: ExtendedReviewState, run: (c: ReviewCommand, s: ReviewState) => ExtendedReviewEvent[]) =>
  run(command as ReviewCommand, asReviewState(state));

const statutory = (state: ExtendedReviewState) => state.status === 'none' || state.statutory;

export const decideExtendedReview = (command: ExtendedReviewCommand, state: ExtendedReviewState): ExtendedReviewEvent[] => {
  requireContext(command.context);
  switch (command.type) {
    case 'CommissionLocalReview': return tracked(command, state, (c, s) => commissionLocalReview(c as never, s));
    case 'CommissionNationalReview': return tracked(command, state, (c, s) => commissionNationalReview(c as never, s));
    case 'AppointReviewer': return tracked(command, state, (c, s) => appointReviewer(c as never, s));
    case 'DelayPublication': return tracked(command, state, (c, s) => delayPublication(c as never, s));
    case 'SubmitFinalReport': return tracked(command, state, (c, s) => submitFinalReport(c as never, s));
    case 'PublishReport':
      return statutory(state) ? tracked(command, state, (c, s) => publishReport(c as never, s)) : publishWithoutStatutoryClock(command, state);
    case 'RecordActionPlanProgress': return tracked(command, state, (c, s) => recordActionPlanProgress(c as never, s));
    case 'CloseReview': return tracked(command, state, (c, s) => closeReview(c as never, s));
    case 'CommissionNonStatutoryReview': return commissionNonStatutoryReview(command, state);
    case 'CommissionThematicReview': return commissionThematicReview(command, state);
    case 'NameConcernedPartnerships': return nameConcernedPartnerships(command, state);
    case 'RecordLearning': return recordLearning(command, state);
    case 'AddRecommendation': return addRecommendation(command, state);
    case 'RecordActionForRecommendation': return recordActionForRecommendation(command, state);
    case 'UpdateActionStatus': return updateActionStatus(command, state);
    default: return assertNever(command, 'review command');
  }
};

export const extendedReviewDecider: Decider<ExtendedReviewCommand, ExtendedReviewEvent, ExtendedReviewState> = {
  initialState: initialExtendedReviewState,
  evolve: evolveExtendedReview,
  decide: decideExtendedReview,
};
