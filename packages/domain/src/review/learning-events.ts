/**
 * Learning from a review, in the review's own stream (`review-<uuid>`): learning summaries and briefings that reach
 * practitioners, recommendations each assigned to an agency, and the actions that answer them with their progress.
 * It is meant to be pseudonymised and is published in action plans, but people type real names by mistake: the free
 * text of a learning item's title, a learning theme, a recommendation, an action and a progress note is a `personal`
 * part, sealed under the review's key, so the review's erasure reaches it. Events written before that carry the text
 * in `data` (plaintext, still read as it is).
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

/** A learning item as the event's `data` carries it: its title is sealed (the `titles` of the personal part). */
export type RecordedLearningItem = Omit<LearningItem, 'title'>;

export type LearningRecorded = DomainEvent<
  'LearningRecorded',
  {
    reviewId: ReviewId;
    recordedOn: CalendarDate;
    items: RecordedLearningItem[];
  },
  {
    /** The items' titles, in the order of `items` (the gateway opens them per read, audited). */
    titles: string[];
    /**
     * Learning themes (e.g. "online safety"): the library and the Panel's recurring themes read them, so the
     * projector opens them (a pseudonym, review-events.ts). Events written before carry them in `data`, and
     * events written before the titles were sealed carry no personal part at all.
     */
    themes: string[];
  }
>;

export type RecommendationMade = DomainEvent<
  'RecommendationMade',
  {
    reviewId: ReviewId;
    recommendationId: string;
    assignedAgency: Agency;
    madeOn: CalendarDate;
  },
  { text: string }
>;

/** `overdue` is not a status: it is computed from `dueOn` and the day. */
export type LearningActionStatus = 'not-started' | 'in-progress' | 'completed';

export type ActionAssigned = DomainEvent<
  'ActionAssigned',
  {
    reviewId: ReviewId;
    actionId: string;
    recommendationId: string;
    /** The agency team or post answerable for the action (not a child's data). */
    owner: string;
    dueOn: CalendarDate;
    status: LearningActionStatus;
    assignedOn: CalendarDate;
  },
  { description: string }
>;

/** A change of status, owner or due date of an action; the fields not changed repeat their current values. */
export type ActionProgressed = Omit<
  DomainEvent<
    'ActionProgressed',
    {
      reviewId: ReviewId;
      actionId: string;
      recommendationId: string;
      owner: string;
      dueOn: CalendarDate;
      status: LearningActionStatus;
      progressedOn: CalendarDate;
    }
  >,
  'personal'
> & {
  /** A progress note, e.g. "Training delivered to 120 staff": only when one was written. */
  personal?: { note: string };
};

export type LearningEvent = LearningRecorded | RecommendationMade | ActionAssigned | ActionProgressed;
