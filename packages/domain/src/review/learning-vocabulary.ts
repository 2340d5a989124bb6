/** The closed value lists of the learning events as run-time arrays, for validation and the gateway's enums. */
import type { LearningActionStatus, LearningItemKind } from './learning-events';

type Exhaustive<T extends string, List extends readonly T[]> = [T] extends [List[number]] ? List : never;
const list =
  <T extends string>() =>
  <const L extends readonly T[]>(values: Exhaustive<T, L>) =>
    values;

export const LEARNING_ITEM_KINDS = list<LearningItemKind>()([
  'learning-summary',
  'briefing',
  'seven-minute-briefing',
  'other',
]);
export const LEARNING_ACTION_STATUSES = list<LearningActionStatus>()(['not-started', 'in-progress', 'completed']);
