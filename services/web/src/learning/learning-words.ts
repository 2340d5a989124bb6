/** Words for reviews of every kind and their learning, as the read models name them. */
import type { Option } from '../app/vocabulary';

const KINDS: Record<string, string> = {
  local: 'Local child safeguarding practice review',
  national: 'National review',
  'partnership-review': 'Partnership review',
  'multi-agency-learning-review': 'Multi-agency learning review',
  'single-agency-review': 'Single-agency review',
  thematic: 'Thematic review',
};

/** `partnership-review`, `PARTNERSHIP_REVIEW` or `LOCAL` as words. */
export const reviewKindLabel = (kind: string): string =>
  KINDS[kind.toLowerCase().replace(/_/g, '-')] ?? kind.replace(/[-_]/g, ' ').toLowerCase();

export const LEARNING_ITEM_KINDS: Option[] = [
  { value: 'LEARNING_SUMMARY', label: 'Learning summary' },
  { value: 'BRIEFING', label: 'Briefing' },
  { value: 'SEVEN_MINUTE_BRIEFING', label: '7-minute briefing' },
  { value: 'OTHER', label: 'Other' },
];

export const ACTION_STATUS_WORDS: Record<string, string> = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
};
