/**
 * Commands that record learning on a review (any kind). Only the review's owner writes: its partnership, or the
 * Panel for a national review or a national thematic review; before or after publication, not after closure.
 */
import type { Agency } from '../incident/incident-events';
import type { CalendarDate, CommandContext, ReviewId } from '../shared/types';
import type { LearningActionStatus, LearningItem } from './learning-events';

export type RecordLearning = {
  type: 'RecordLearning';
  data: { reviewId: ReviewId; items: LearningItem[]; themes: string[] };
  context: CommandContext;
};

export type AddRecommendation = {
  type: 'AddRecommendation';
  data: { reviewId: ReviewId; recommendationId: string; text: string; assignedAgency: Agency };
  context: CommandContext;
};

export type RecordActionForRecommendation = {
  type: 'RecordActionForRecommendation';
  data: {
    reviewId: ReviewId;
    actionId: string;
    recommendationId: string;
    description: string;
    owner: string;
    dueOn: CalendarDate;
    /** Default: not-started. */
    status?: LearningActionStatus;
  };
  context: CommandContext;
};

/** Changes an action's status and, if given, its owner or due date. */
export type UpdateActionStatus = {
  type: 'UpdateActionStatus';
  data: {
    reviewId: ReviewId;
    actionId: string;
    recommendationId: string;
    status: LearningActionStatus;
    owner?: string;
    dueOn?: CalendarDate;
    note?: string;
  };
  context: CommandContext;
};

export type LearningCommand = RecordLearning | AddRecommendation | RecordActionForRecommendation | UpdateActionStatus;
