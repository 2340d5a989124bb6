/**
 * The review decider: the `decide` switch over every review command, of every kind of review, and the pure
 * functions of the tracking commands (reviewer, delays, final report, publication, action plan, closure, concerned
 * partnerships). Commissioning is in commission-review.ts, learning in learning-decide.ts.
 * Who acts on a review: its owner partnership, or the Panel on a review the Panel owns (review-ownership.ts).
 */
import { REVIEW_SCHEMA_VERSION, type ActionPlanProgressRecorded, type ReviewEvent } from './review-events';
import type {
  AppointReviewer,
  CloseReview,
  DelayPublication,
  NameConcernedPartnerships,
  PublishReport,
  RecordActionPlanProgress,
  ReviewCommand,
  SubmitFinalReport,
} from './review-commands';
import { evolveReview, initialReviewState, type CommissionedReviewState, type ReviewState } from './review';
import { existingReview, requireInProgress, requireReviewOwner } from './review-ownership';
import {
  commissionLocalReview,
  commissionNationalReview,
  commissionNonStatutoryReview,
  commissionThematicReview,
} from './commission-review';
import { parseIds } from './commission-rules';
import {
  addRecommendation,
  recordActionForRecommendation,
  recordLearning,
  updateActionStatus,
} from './learning-decide';
import { parseActions, parsePublication } from './publication-input';
import { recordReviewHistory } from './record-review-history';
import { DELAY_REASONS, REPORT_RECIPIENTS, REVIEW_CLOSE_REASONS } from './review-vocabulary';
import { guidanceEditionInForce } from '../calendar/guidance-editions';
import { finalReportNoticeWorkingDays } from '../calendar/deadline-rules';
import { illegalState, notFound, validationError } from '../shared/domain-error';
import { assertNever, type Decider } from '../shared/event';
import { requireContext } from '../shared/authorize';
import { decideErasure, requireErasureAdmin } from '../shared/erasure';
import type { CalendarDate } from '../shared/types';
import {
  optionalDate,
  optionalString,
  requireArray,
  requireBoolean,
  requireDate,
  requireDistinct,
  requireInteger,
  requireNotFuture,
  requireOneOf,
  requireOrder,
  requireString,
} from '../shared/validate';

const requireFutureOrToday = (date: CalendarDate | undefined, field: string, today: CalendarDate): void => {
  if (date !== undefined && date < today) throw validationError(field, `${field} must not be in the past`);
};

/**
 * A publication that came too soon after the final report still happened: refusing it would leave the log saying
 * the report is unpublished. It is recorded with the notice given and flagged (error policy: an expected business
 * outcome is an event).
 */
const finalReportNotice = (review: CommissionedReviewState, workingDaysSinceFinalReport: unknown) => {
  const workingDays = requireInteger(workingDaysSinceFinalReport, 'reference.workingDaysSinceFinalReport', 0, 100_000);
  const notice = finalReportNoticeWorkingDays(review.guidanceEdition ?? guidanceEditionInForce(review.commissionedOn));
  return { finalReportNoticeWorkingDays: workingDays, finalReportNoticeMet: workingDays >= notice };
};

/** Replacing the reviewer is allowed until the final report is in: after that the report is theirs. */
export const appointReviewer = (command: AppointReviewer, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const review = existingReview(state, data.reviewId);
  requireReviewOwner(context, review, 'appoint a reviewer');
  requireInProgress(review, 'appoint a reviewer');
  if (review.finalReportSubmittedOn !== null)
    throw illegalState(`Review ${review.reviewId} already has a final report: the reviewer cannot change`);
  const appointedOn = optionalDate(data.appointedOn, 'appointedOn') ?? context.today;
  requireNotFuture(appointedOn, 'appointedOn', context.today);
  requireOrder(review.commissionedOn, 'the commissioning date', appointedOn, 'appointedOn');
  const organisation = optionalString(data.organisation, 'organisation');
  return [
    {
      type: 'ReviewerAppointed',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: {
        reviewId: review.reviewId,
        appointedOn,
      },
      personal: {
        reviewerName: requireString(data.reviewerName, 'reviewerName'),
        ...(organisation ? { organisation } : {}),
      },
    },
  ];
};

export const delayPublication = (command: DelayPublication, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const review = existingReview(state, data.reviewId);
  requireReviewOwner(context, review, 'delay publication');
  requireInProgress(review, 'delay publication');
  const expectedPublicationOn = optionalDate(data.expectedPublicationOn, 'expectedPublicationOn');
  requireFutureOrToday(expectedPublicationOn, 'expectedPublicationOn', context.today);
  return [
    {
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
    },
  ];
};

/** A revised final report may be submitted again before publication; the latest one starts the 7-day clock. */
export const submitFinalReport = (command: SubmitFinalReport, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const review = existingReview(state, data.reviewId);
  requireReviewOwner(context, review, 'submit the final report');
  requireInProgress(review, 'submit a final report');
  if (!review.reviewerAppointed)
    throw illegalState(`Review ${review.reviewId} has no reviewer: appoint one before submitting the final report`);
  const recipients = requireArray<string>(data.recipients, 'recipients', 1, REPORT_RECIPIENTS.length).map((r, i) =>
    requireOneOf(r, `recipients.${i}`, REPORT_RECIPIENTS),
  );
  requireDistinct(recipients, 'recipients');
  const plannedPublicationOn = optionalDate(data.plannedPublicationOn, 'plannedPublicationOn');
  requireFutureOrToday(plannedPublicationOn, 'plannedPublicationOn', context.today);
  return [
    {
      type: 'FinalReportSubmitted',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: {
        reviewId: review.reviewId,
        submittedAt: context.now,
        submittedOn: context.today,
        recipients,
        ...(plannedPublicationOn ? { plannedPublicationOn } : {}),
      },
    },
  ];
};

/**
 * A statutory review publishes after its final report, and the notice given (working days since the final report)
 * is recorded; a review on no statutory clock needs no final report and counts no working days.
 */
export const publishReport = (command: PublishReport, state: ReviewState): ReviewEvent[] => {
  const { data, context, reference } = command;
  const review = existingReview(state, data.reviewId);
  requireReviewOwner(context, review, 'publish the report');
  if (review.status === 'published') throw illegalState(`Review ${review.reviewId} has already been published`);
  requireInProgress(review, 'publish it');
  if (review.statutory && review.finalReportSubmittedOn === null) {
    throw illegalState(`Review ${review.reviewId} is unfinished: no final report has been submitted`);
  }
  const publishedOn = requireDate(data.publishedOn, 'publishedOn');
  requireNotFuture(publishedOn, 'publishedOn', context.today);
  const from = review.finalReportSubmittedOn;
  const fromLabel = from ? 'the final report submission' : 'the commissioning date';
  requireOrder(from ?? review.commissionedOn, fromLabel, publishedOn, 'publishedOn');
  const notice = review.statutory ? finalReportNotice(review, reference?.workingDaysSinceFinalReport) : {};
  // Without one, the report carries the name the review was commissioned with (sealed there, not copied here).
  const caseName = data.caseName === undefined ? {} : { caseName: requireString(data.caseName, 'caseName', 100) };
  // The record's free text and the documents' titles go in the sealed part with the case name: public once
  // published, but typed by people ("Child M – Overview report"), so one erasure of the review (its key) must be
  // able to take them out of the log too (review-events.ts). The documents keep the rest in `data`, in order.
  const { summary, learningThemes, recommendations, keywords, documents, ...published } = parsePublication(data);
  return [
    {
      type: 'ReportPublished',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: {
        reviewId: review.reviewId,
        publishedOn,
        ...published,
        documents: documents.map(({ kind, address, checksum }) => ({ kind, address, checksum })),
        ...notice,
      },
      personal: {
        ...caseName,
        summary,
        learningThemes,
        recommendations,
        keywords,
        documentTitles: documents.map((d) => d.title),
      },
    },
  ];
};

export const recordActionPlanProgress = (command: RecordActionPlanProgress, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const review = existingReview(state, data.reviewId);
  requireReviewOwner(context, review, 'record action plan progress');
  if (review.status !== 'published')
    throw illegalState(
      `Review ${review.reviewId} is ${review.status}: action plan progress is recorded only after publication`,
    );
  return [
    {
      type: 'ActionPlanProgressRecorded',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      ...actionPlanParts(review.reviewId, context.today, parseActions(data.actions)),
    },
  ];
};

/** The plan's text goes in the sealed part; the statuses and dates the counts need stay in `data`. */
const actionPlanParts = (
  reviewId: string,
  recordedOn: CalendarDate,
  actions: ReturnType<typeof parseActions>,
): Pick<ActionPlanProgressRecorded, 'data' | 'personal'> => ({
  data: {
    reviewId,
    recordedOn,
    actions: actions.map(({ actionRef, dueOn, status }) => ({
      actionRef,
      ...(dueOn !== undefined ? { dueOn } : {}),
      status,
    })),
  },
  personal: { actions: actions.map(({ actionRef, description, owner }) => ({ actionRef, description, owner })) },
});

/** `completed` needs a published report; `superseded` and `withdrawn` may close a review at any stage. */
export const closeReview = (command: CloseReview, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const review = existingReview(state, data.reviewId);
  requireReviewOwner(context, review, 'close the review');
  if (review.status === 'closed') throw illegalState(`Review ${review.reviewId} is already closed`);
  const reason = requireOneOf(data.reason, 'reason', REVIEW_CLOSE_REASONS);
  if (reason === 'completed' && review.status !== 'published')
    throw illegalState(`Review ${review.reviewId} cannot be closed as completed before its report is published`);
  return [
    {
      type: 'ReviewClosed',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: { reviewId: review.reviewId, closedOn: context.today, reason },
    },
  ];
};

/** Allowed at every stage, closed included: a partnership may list an old published review that mentions it. */
export const nameConcernedPartnerships = (command: NameConcernedPartnerships, state: ReviewState): ReviewEvent[] => {
  const { data, context, reference } = command;
  const review = existingReview(state, data.reviewId);
  requireReviewOwner(context, review, 'name concerned partnerships');
  const partnershipIds = parseIds(data.partnershipIds, 'partnershipIds', 1);
  partnershipIds.forEach((partnershipId, index) => {
    const field = `partnershipIds.${index}`;
    if (!(reference?.knownPartnershipIds ?? []).includes(partnershipId))
      throw notFound(`${field}: partnership '${partnershipId}' is not registered`);
    if (partnershipId === review.ownerPartnershipId || review.partnershipIds.includes(partnershipId))
      throw validationError(field, `${field} is a partnership the review already covers`);
    if (review.concernedPartnershipIds.includes(partnershipId))
      throw validationError(field, `${field} has already been named`);
  });
  return [
    {
      type: 'ReviewConcernsPartnerships',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: { reviewId: review.reviewId, partnershipIds, namedOn: context.today },
    },
  ];
};

export const decideReview = (command: ReviewCommand, state: ReviewState): ReviewEvent[] => {
  requireContext(command.context);
  switch (command.type) {
    case 'CommissionLocalReview':
      return commissionLocalReview(command, state);
    case 'CommissionNationalReview':
      return commissionNationalReview(command, state);
    case 'CommissionNonStatutoryReview':
      return commissionNonStatutoryReview(command, state);
    case 'CommissionThematicReview':
      return commissionThematicReview(command, state);
    case 'NameConcernedPartnerships':
      return nameConcernedPartnerships(command, state);
    case 'AppointReviewer':
      return appointReviewer(command, state);
    case 'DelayPublication':
      return delayPublication(command, state);
    case 'SubmitFinalReport':
      return submitFinalReport(command, state);
    case 'PublishReport':
      return publishReport(command, state);
    case 'RecordActionPlanProgress':
      return recordActionPlanProgress(command, state);
    case 'CloseReview':
      return closeReview(command, state);
    case 'RecordLearning':
      return recordLearning(command, state);
    case 'AddRecommendation':
      return addRecommendation(command, state);
    case 'RecordActionForRecommendation':
      return recordActionForRecommendation(command, state);
    case 'UpdateActionStatus':
      return updateActionStatus(command, state);
    case 'RecordReviewHistory':
      return recordReviewHistory(command, state);
    case 'RequestErasure':
    case 'ApproveErasure':
    case 'CancelErasureRequest': {
      requireErasureAdmin(command);
      const review = existingReview(state, command.data.reviewId);
      return decideErasure(command, {
        field: 'reviewId',
        id: review.reviewId,
        label: `review ${review.reviewId}`,
        standing: review,
      });
    }
    default:
      return assertNever(command, 'review command');
  }
};

export const reviewDecider: Decider<ReviewCommand, ReviewEvent, ReviewState> = {
  initialState: initialReviewState,
  evolve: evolveReview,
  decide: decideReview,
};
