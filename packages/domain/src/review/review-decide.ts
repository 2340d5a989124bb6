/**
 * The review decider: one pure function per command and the `decide` switch.
 * Who acts on a review: the commissioning partnership on a local review, the Panel on a national one; Ofsted,
 * admins and other partnerships never write to a review.
 */
import type { ReviewEvent } from './review-events';
import type {
  AppointReviewer, CloseReview, CommissionLocalReview, CommissionNationalReview, DelayPublication, PublishReport,
  RecordActionPlanProgress, ReviewCommand, SubmitFinalReport,
} from './review-commands';
import { evolveReview, initialReviewState, type CommissionedReviewState, type ReviewState } from './review';
import { parseIncidentIds, requireLocalReviewIncidents, requireNationalReviewIncidents } from './commission-rules';
import { parseActions, parsePublication } from './publication-input';
import {
  DELAY_REASONS, REPORT_RECIPIENTS, REVIEW_CLOSE_REASONS,
} from './review-vocabulary';
import { editionInForceFor, guidanceEditionInForce } from '../calendar/guidance-editions';
import { finalReportNoticeWorkingDays } from '../calendar/deadline-rules';
import { requireContext, requireOwnPartnership, requireRole } from '../shared/authorize';
import { illegalState, notFound, validationError } from '../shared/domain-error';
import { assertNever, type Decider } from '../shared/event';
import type { CalendarDate, CommandContext } from '../shared/types';
import {
  optionalDate, optionalString, requireArray, requireBoolean, requireDate, requireDistinct, requireId, requireInteger,
  requireNotFuture, requireOneOf, requireOrder, requireString,
} from '../shared/validate';

export const REVIEW_SCHEMA_VERSION = 1;

const existing = (state: ReviewState, reviewId: string): CommissionedReviewState => {
  if (state.status === 'none') throw notFound(`Review ${reviewId} has not been commissioned`);
  return state;
};

const requireOwner = (context: CommandContext, review: CommissionedReviewState, action: string): void => {
  if (review.kind === 'national') return requireRole(context, ['panel'], `${action} on a national review`);
  requireRole(context, ['partnership'], `${action} on a local review`);
  requireOwnPartnership(context, review.partnershipIds[0] ?? '', `${action} on this review`);
};

/** Work on the review itself (reviewer, delays, final report) stops at publication and at closure. */
const requireInProgress = (review: CommissionedReviewState, action: string): void => {
  if (review.status !== 'commissioned') throw illegalState(`Review ${review.reviewId} is ${review.status}: cannot ${action}`);
};

const requireFutureOrToday = (date: CalendarDate | undefined, field: string, today: CalendarDate): void => {
  if (date !== undefined && date < today) throw validationError(field, `${field} must not be in the past`);
};

export const commissionLocalReview = (command: CommissionLocalReview, state: ReviewState): ReviewEvent[] => {
  const { data, context, reference } = command;
  requireRole(context, ['partnership'], 'commission a local review');
  const partnershipId = requireId(data.partnershipId, 'partnershipId');
  requireOwnPartnership(context, partnershipId, 'commission a review for this partnership');
  const reviewId = requireId(data.reviewId, 'reviewId');
  if (state.status !== 'none') throw illegalState(`Review ${reviewId} has already been commissioned`);
  const incidentIds = parseIncidentIds(data.incidentIds);
  // The edition in force on the commissioning day, set by the platform (guidance-editions.ts).
  const guidanceEdition = editionInForceFor(data.guidanceEdition, context.today);
  const caseName = requireString(data.caseName, 'caseName', 100);
  requireLocalReviewIncidents(incidentIds, partnershipId, reference);
  return [{
    type: 'LocalReviewCommissioned',
    schemaVersion: REVIEW_SCHEMA_VERSION,
    data: { reviewId, partnershipId, incidentIds, commissionedAt: context.now, commissionedOn: context.today, guidanceEdition, caseName },
  }];
};

export const commissionNationalReview = (command: CommissionNationalReview, state: ReviewState): ReviewEvent[] => {
  const { data, context, reference } = command;
  requireRole(context, ['panel'], 'commission a national review');
  const reviewId = requireId(data.reviewId, 'reviewId');
  if (state.status !== 'none') throw illegalState(`Review ${reviewId} has already been commissioned`);
  const incidentIds = parseIncidentIds(data.incidentIds);
  // The edition in force on the commissioning day, set by the platform (guidance-editions.ts).
  const guidanceEdition = editionInForceFor(data.guidanceEdition, context.today);
  const title = requireString(data.title, 'title');
  const thematic = requireBoolean(data.thematic, 'thematic');
  const partnershipIds = requireNationalReviewIncidents(incidentIds, reference);
  return [{
    type: 'NationalReviewCommissioned',
    schemaVersion: REVIEW_SCHEMA_VERSION,
    data: { reviewId, incidentIds, partnershipIds, commissionedAt: context.now, commissionedOn: context.today, guidanceEdition, title, thematic },
  }];
};

/** Replacing the reviewer is allowed until the final report is in: after that the report is theirs. */
export const appointReviewer = (command: AppointReviewer, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const review = existing(state, data.reviewId);
  requireOwner(context, review, 'appoint a reviewer');
  requireInProgress(review, 'appoint a reviewer');
  if (review.finalReportSubmittedOn !== null) throw illegalState(`Review ${review.reviewId} already has a final report: the reviewer cannot change`);
  const appointedOn = optionalDate(data.appointedOn, 'appointedOn') ?? context.today;
  requireNotFuture(appointedOn, 'appointedOn', context.today);
  requireOrder(review.commissionedOn, 'the commissioning date', appointedOn, 'appointedOn');
  const organisation = optionalString(data.organisation, 'organisation');
  return [{
    type: 'ReviewerAppointed',
    schemaVersion: REVIEW_SCHEMA_VERSION,
    data: { reviewId: review.reviewId, reviewerName: requireString(data.reviewerName, 'reviewerName'), ...(organisation ? { organisation } : {}), appointedOn },
  }];
};

export const delayPublication = (command: DelayPublication, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const review = existing(state, data.reviewId);
  requireOwner(context, review, 'delay publication');
  requireInProgress(review, 'delay publication');
  const expectedPublicationOn = optionalDate(data.expectedPublicationOn, 'expectedPublicationOn');
  requireFutureOrToday(expectedPublicationOn, 'expectedPublicationOn', context.today);
  return [{
    type: 'PublicationDelayed',
    schemaVersion: REVIEW_SCHEMA_VERSION,
    data: {
      reviewId: review.reviewId,
      delayedOn: context.today,
      reason: requireOneOf(data.reason, 'reason', DELAY_REASONS),
      ...(expectedPublicationOn ? { expectedPublicationOn } : {}),
      panelInformed: requireBoolean(data.panelInformed, 'panelInformed'),
    },
    personal: { explanation: requireString(data.explanation, 'explanation', 10_000) },
  }];
};

/** A revised final report may be submitted again before publication; the latest one starts the 7-day clock. */
export const submitFinalReport = (command: SubmitFinalReport, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const review = existing(state, data.reviewId);
  requireOwner(context, review, 'submit the final report');
  requireInProgress(review, 'submit a final report');
  if (review.reviewerName === null) throw illegalState(`Review ${review.reviewId} has no reviewer: appoint one before submitting the final report`);
  const recipients = requireArray<string>(data.recipients, 'recipients', 1, REPORT_RECIPIENTS.length)
    .map((r, i) => requireOneOf(r, `recipients.${i}`, REPORT_RECIPIENTS));
  requireDistinct(recipients, 'recipients');
  const plannedPublicationOn = optionalDate(data.plannedPublicationOn, 'plannedPublicationOn');
  requireFutureOrToday(plannedPublicationOn, 'plannedPublicationOn', context.today);
  return [{
    type: 'FinalReportSubmitted',
    schemaVersion: REVIEW_SCHEMA_VERSION,
    data: { reviewId: review.reviewId, submittedAt: context.now, submittedOn: context.today, recipients, ...(plannedPublicationOn ? { plannedPublicationOn } : {}) },
  }];
};

export const publishReport = (command: PublishReport, state: ReviewState): ReviewEvent[] => {
  const { data, context, reference } = command;
  const review = existing(state, data.reviewId);
  requireOwner(context, review, 'publish the report');
  if (review.status === 'published') throw illegalState(`Review ${review.reviewId} has already been published`);
  requireInProgress(review, 'publish it');
  if (review.finalReportSubmittedOn === null) throw illegalState(`Review ${review.reviewId} is unfinished: no final report has been submitted`);
  const publishedOn = requireDate(data.publishedOn, 'publishedOn');
  requireNotFuture(publishedOn, 'publishedOn', context.today);
  requireOrder(review.finalReportSubmittedOn, 'the final report submission', publishedOn, 'publishedOn');
  const workingDays = requireInteger(reference?.workingDaysSinceFinalReport, 'reference.workingDaysSinceFinalReport', 0, 100_000);
  // A publication that came too soon after the final report still happened: refusing it would leave the log
  // saying the report is unpublished. It is recorded with the notice given and flagged (error policy: an expected
  // business outcome is an event).
  const notice = finalReportNoticeWorkingDays(review.guidanceEdition ?? guidanceEditionInForce(review.commissionedOn));
  const caseName = data.caseName === undefined ? review.caseName : requireString(data.caseName, 'caseName', 100);
  return [{
    type: 'ReportPublished',
    schemaVersion: REVIEW_SCHEMA_VERSION,
    data: { reviewId: review.reviewId, publishedOn, caseName, ...parsePublication(data), finalReportNoticeWorkingDays: workingDays, finalReportNoticeMet: workingDays >= notice },
  }];
};

export const recordActionPlanProgress = (command: RecordActionPlanProgress, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const review = existing(state, data.reviewId);
  requireOwner(context, review, 'record action plan progress');
  if (review.status !== 'published') throw illegalState(`Review ${review.reviewId} is ${review.status}: action plan progress is recorded only after publication`);
  return [{
    type: 'ActionPlanProgressRecorded',
    schemaVersion: REVIEW_SCHEMA_VERSION,
    data: { reviewId: review.reviewId, recordedOn: context.today, actions: parseActions(data.actions) },
  }];
};

/** `completed` needs a published report; `superseded` and `withdrawn` may close a review at any stage. */
export const closeReview = (command: CloseReview, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const review = existing(state, data.reviewId);
  requireOwner(context, review, 'close the review');
  if (review.status === 'closed') throw illegalState(`Review ${review.reviewId} is already closed`);
  const reason = requireOneOf(data.reason, 'reason', REVIEW_CLOSE_REASONS);
  if (reason === 'completed' && review.status !== 'published') throw illegalState(`Review ${review.reviewId} cannot be closed as completed before its report is published`);
  return [{
    type: 'ReviewClosed',
    schemaVersion: REVIEW_SCHEMA_VERSION,
    data: { reviewId: review.reviewId, closedOn: context.today, reason },
  }];
};

export const decideReview = (command: ReviewCommand, state: ReviewState): ReviewEvent[] => {
  requireContext(command.context);
  switch (command.type) {
    case 'CommissionLocalReview': return commissionLocalReview(command, state);
    case 'CommissionNationalReview': return commissionNationalReview(command, state);
    case 'AppointReviewer': return appointReviewer(command, state);
    case 'DelayPublication': return delayPublication(command, state);
    case 'SubmitFinalReport': return submitFinalReport(command, state);
    case 'PublishReport': return publishReport(command, state);
    case 'RecordActionPlanProgress': return recordActionPlanProgress(command, state);
    case 'CloseReview': return closeReview(command, state);
    default: return assertNever(command, 'review command');
  }
};

export const reviewDecider: Decider<ReviewCommand, ReviewEvent, ReviewState> = {
  initialState: initialReviewState,
  evolve: evolveReview,
  decide: decideReview,
};
