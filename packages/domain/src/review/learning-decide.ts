/**
 * Learning commands on a review of any kind, one pure function each; `decideReview` dispatches to them. Only the review's owner writes, at any stage before closure: learning and action plans mostly follow
 * publication, but a partnership may record early learning while the review runs.
 */
import type {
  AddRecommendation,
  RecordActionForRecommendation,
  RecordLearning,
  UpdateActionStatus,
} from './learning-commands';
import type { LearningItem } from './learning-events';
import { LEARNING_ACTION_STATUSES, LEARNING_ITEM_KINDS } from './learning-vocabulary';
import type { CommissionedReviewState, ReviewState } from './review';
import { REVIEW_SCHEMA_VERSION, type ReviewEvent } from './review-events';
import { existingReview, requireReviewOwner } from './review-ownership';
import { AGENCIES } from '../incident/incident-vocabulary';
import { illegalState, notFound, validationError } from '../shared/domain-error';
import type { CommandContext } from '../shared/types';
import {
  optionalDate,
  optionalString,
  requireArray,
  requireDate,
  requireDistinct,
  requireHttpsUrl,
  requireId,
  requireOneOf,
  requireOrder,
  requireString,
} from '../shared/validate';

const writableReview = (
  state: ReviewState,
  reviewId: unknown,
  context: CommandContext,
  action: string,
): CommissionedReviewState => {
  const review = existingReview(state, reviewId);
  requireReviewOwner(context, review, action);
  if (review.status === 'closed') throw illegalState(`Review ${review.reviewId} is closed: cannot ${action}`);
  return review;
};

const parseItem = (value: unknown, index: number): LearningItem => {
  const at = `items.${index}`;
  if (value === null || typeof value !== 'object') throw validationError(at, `${at} must be a learning item record`);
  const input = value as LearningItem;
  const address =
    input.address === undefined || input.address === null ? undefined : requireHttpsUrl(input.address, `${at}.address`);
  return {
    kind: requireOneOf(input.kind, `${at}.kind`, LEARNING_ITEM_KINDS),
    title: requireString(input.title, `${at}.title`),
    ...(address !== undefined ? { address } : {}),
  };
};

export const recordLearning = (command: RecordLearning, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const review = writableReview(state, data.reviewId, context, 'record learning');
  const items = requireArray<unknown>(data.items, 'items', 0, 50).map(parseItem);
  const themes = requireArray<unknown>(data.themes, 'themes', 0, 50).map((t, i) =>
    requireString(t, `themes.${i}`, 100),
  );
  requireDistinct(themes, 'themes');
  if (items.length + themes.length === 0)
    throw validationError('items', 'items and themes must hold at least one learning item or theme');
  return [
    {
      type: 'LearningRecorded',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: {
        reviewId: review.reviewId,
        recordedOn: context.today,
        items: items.map(({ title: _title, ...item }) => item),
      },
      personal: { titles: items.map((item) => item.title), themes },
    },
  ];
};

export const addRecommendation = (command: AddRecommendation, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const review = writableReview(state, data.reviewId, context, 'add a recommendation');
  const recommendationId = requireId(data.recommendationId, 'recommendationId');
  if (review.recommendations.some((r) => r.recommendationId === recommendationId))
    throw illegalState(`Recommendation ${recommendationId} already exists on review ${review.reviewId}`);
  return [
    {
      type: 'RecommendationMade',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: {
        reviewId: review.reviewId,
        recommendationId,
        assignedAgency: requireOneOf(data.assignedAgency, 'assignedAgency', AGENCIES),
        madeOn: context.today,
      },
      personal: { text: requireString(data.text, 'text', 5000) },
    },
  ];
};

const requireRecommendation = (review: CommissionedReviewState, recommendationId: unknown): string => {
  const id = requireId(recommendationId, 'recommendationId');
  if (!review.recommendations.some((r) => r.recommendationId === id))
    throw notFound(`Recommendation ${id} does not exist on review ${review.reviewId}`);
  return id;
};

export const recordActionForRecommendation = (
  command: RecordActionForRecommendation,
  state: ReviewState,
): ReviewEvent[] => {
  const { data, context } = command;
  const review = writableReview(state, data.reviewId, context, 'record an action');
  const recommendationId = requireRecommendation(review, data.recommendationId);
  const actionId = requireId(data.actionId, 'actionId');
  if (review.actions.some((a) => a.actionId === actionId))
    throw illegalState(`Action ${actionId} already exists on review ${review.reviewId}`);
  const dueOn = requireDate(data.dueOn, 'dueOn');
  requireOrder(review.commissionedOn, 'the commissioning date', dueOn, 'dueOn');
  const status =
    data.status === undefined ? 'not-started' : requireOneOf(data.status, 'status', LEARNING_ACTION_STATUSES);
  return [
    {
      type: 'ActionAssigned',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: {
        reviewId: review.reviewId,
        actionId,
        recommendationId,
        owner: requireString(data.owner, 'owner'),
        dueOn,
        status,
        assignedOn: context.today,
      },
      personal: { description: requireString(data.description, 'description', 5000) },
    },
  ];
};

export const updateActionStatus = (command: UpdateActionStatus, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const review = writableReview(state, data.reviewId, context, 'update an action');
  const recommendationId = requireRecommendation(review, data.recommendationId);
  const actionId = requireId(data.actionId, 'actionId');
  const action = review.actions.find((a) => a.actionId === actionId && a.recommendationId === recommendationId);
  if (!action) throw notFound(`Action ${actionId} does not exist for recommendation ${recommendationId}`);
  const status = requireOneOf(data.status, 'status', LEARNING_ACTION_STATUSES);
  const owner = optionalString(data.owner, 'owner') ?? action.owner;
  const dueOn = optionalDate(data.dueOn, 'dueOn') ?? action.dueOn;
  requireOrder(review.commissionedOn, 'the commissioning date', dueOn, 'dueOn');
  const note = optionalString(data.note, 'note', 5000);
  if (status === action.status && owner === action.owner && dueOn === action.dueOn && note === undefined) {
    throw illegalState(`Action ${actionId} already has this status, owner and due date: nothing to record`);
  }
  return [
    {
      type: 'ActionProgressed',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: {
        reviewId: review.reviewId,
        actionId,
        recommendationId,
        owner,
        dueOn,
        status,
        progressedOn: context.today,
      },
      ...(note !== undefined ? { personal: { note } } : {}),
    },
  ];
};
