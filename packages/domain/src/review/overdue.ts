/**
 * Overdue actions, computed, never stored: an action is overdue on `today` when it is not completed and its due
 * date has passed (due today is not yet overdue). A corrected due date changes the answer on the next read.
 */
import type { LearningAction, ReviewState } from './review';
import type { CalendarDate } from '../shared/types';

export const isActionOverdue = (action: Pick<LearningAction, 'status' | 'dueOn'>, today: CalendarDate): boolean =>
  action.status !== 'completed' && action.dueOn < today;

/** The review's overdue actions on `today`, earliest due first. */
export const overdueActions = (state: ReviewState, today: CalendarDate): LearningAction[] =>
  state.status === 'none'
    ? []
    : state.actions
        .filter((a) => isActionOverdue(a, today))
        .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
