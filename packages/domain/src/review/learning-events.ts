/**
 * Learning from a review, in the review's own stream (`review-<uuid>`): learning summaries and briefings that reach
 * practitioners, recommendations each assigned to an agency, and the actions that answer them with their progress.
 * All of it is public and pseudonymised (it is published in action plans and progress reports): no `personal` part.
 * Whether an action is overdue is computed (overdue.ts), never stored: it depends on the day one asks.
 */
import type { DomainEvent } from '../shared/event';
import type { CalendarDate, ReviewId } from '../shared/types';
import type { Agency } from '../incident/incident-events';

export type LearningItemKind = 'learning-summary' | 'briefing' | 'seven-minute-briefing' | 'other';

export type LearningItem = {
  kind: LearningItemKind;
  title: string;
  /** Where it is published (https), if it is. */
  address?: string;
};

export type LearningRecorded = DomainEvent<
  'LearningRecorded',
  {
    reviewId: ReviewId;
    recordedOn: CalendarDate;
    items: LearningItem[];
    /** Learning themes (e.g. "online safety", "self-harm"): the library and the Panel's recurring themes read them. */
    themes: string[];
  }
>;

export type RecommendationMade = DomainEvent<
  'RecommendationMade',
  {
    reviewId: ReviewId;
    recommendationId: string;
    text: string;
    assignedAgency: Agency;
    madeOn: CalendarDate;
  }
>;

/** `overdue` is not a status: it is computed from `dueOn` and the day. */
export type LearningActionStatus = 'not-started' | 'in-progress' | 'completed';

export type ActionAssigned = DomainEvent<
  'ActionAssigned',
  {
    reviewId: ReviewId;
    actionId: string;
    recommendationId: string;
    description: string;
    /** The agency team or post answerable for the action (not a child's data). */
    owner: string;
    dueOn: CalendarDate;
    status: LearningActionStatus;
    assignedOn: CalendarDate;
  }
>;

/** A change of status, owner or due date of an action; the fields not changed repeat their current values. */
export type ActionProgressed = DomainEvent<
  'ActionProgressed',
  {
    reviewId: ReviewId;
    actionId: string;
    recommendationId: string;
    owner: string;
    dueOn: CalendarDate;
    status: LearningActionStatus;
    progressedOn: CalendarDate;
    /** A public progress note, e.g. "Training delivered to 120 staff". */
    note?: string;
  }
>;

export type LearningEvent = LearningRecorded | RecommendationMade | ActionAssigned | ActionProgressed;
