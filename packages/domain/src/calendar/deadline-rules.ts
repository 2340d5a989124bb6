/**
 * Deadline rules as versioned data, one rule set per guidance edition (docs/architecture.md "Steps and clocks").
 * Deadlines are computed, never stored as truth: a new edition or a corrected rule re-computes read models.
 * `source` carries the confidence mark of docs/architecture.md "Domain facts": [C] confirmed, [L] local restatement, [U] unconfirmed.
 */
import type { GuidanceEdition } from '../incident/incident-events';

export type DeadlineKind =
  | 'notification'
  | 'rapid-review'
  | 'panel-response'
  | 'local-review-publication'
  | 'final-report-before-publication'
  | 'publication-availability';

export type DeadlineAnchor =
  'became-aware' | 'notified' | 'rapid-review-submitted' | 'review-commissioned' | 'planned-publication' | 'published';

export type DeadlineRule = {
  kind: DeadlineKind;
  anchor: DeadlineAnchor;
  amount: number;
  unit: 'working-days' | 'calendar-days' | 'months' | 'years';
  /** 'before': the due date precedes the anchor (the final report goes at least N working days before publication). */
  direction: 'after' | 'before';
  /** False for service-level targets with no basis in statutory guidance (the Panel's response). */
  statutory: boolean;
  description: string;
  source: string;
};

export type DeadlineRuleSet = { edition: GuidanceEdition; rules: DeadlineRule[] };

/** The default Panel response target; partnerships report about 10 days, nothing official (docs/architecture.md "Domain facts" [L]). */
export const DEFAULT_PANEL_RESPONSE_WORKING_DAYS = 10;

const notification: DeadlineRule = {
  kind: 'notification',
  anchor: 'became-aware',
  amount: 5,
  unit: 'working-days',
  direction: 'after',
  statutory: true,
  description:
    'Notify the Panel (and inform the safeguarding partners) within 5 working days of becoming aware of the incident.',
  source: '[C] Children Act 2004 s16C; Working Together',
};

const rapidReviewFrom = (anchor: DeadlineAnchor, source: string): DeadlineRule => ({
  kind: 'rapid-review',
  anchor,
  amount: 15,
  unit: 'working-days',
  direction: 'after',
  // The Panel's expectation in its guidance, not a duty in the Children Act: shown as such in every view (issue 14).
  statutory: false,
  description:
    anchor === 'notified'
      ? "The Panel's expectation (not a statutory duty): the rapid review reaches the Panel within 15 working days of the notification being submitted."
      : "The Panel's expectation (not a statutory duty): the rapid review reaches the Panel within 15 working days of becoming aware of the incident.",
  source,
});

const panelResponse: DeadlineRule = {
  kind: 'panel-response',
  anchor: 'rapid-review-submitted',
  amount: DEFAULT_PANEL_RESPONSE_WORKING_DAYS,
  unit: 'working-days',
  direction: 'after',
  statutory: false,
  description: 'Service-level target for the Panel to respond to a rapid review (configurable).',
  source: '[L] partnerships report about 10 days; no official figure',
};

const localReviewPublication = (source: string): DeadlineRule => ({
  kind: 'local-review-publication',
  anchor: 'review-commissioned',
  amount: 6,
  unit: 'months',
  direction: 'after',
  statutory: true,
  description:
    'Complete and publish the local child safeguarding practice review within 6 months of the decision to start it.',
  source,
});

const finalReportBeforePublication: DeadlineRule = {
  kind: 'final-report-before-publication',
  anchor: 'planned-publication',
  amount: 7,
  unit: 'working-days',
  direction: 'before',
  statutory: true,
  description:
    'Send the final report to the Panel and the Secretary of State (DfE) at least 7 working days before publication.',
  source: '[U] Working Together; recipients configurable',
};

const publicationAvailability: DeadlineRule = {
  kind: 'publication-availability',
  anchor: 'published',
  amount: 1,
  unit: 'years',
  direction: 'after',
  statutory: true,
  description: 'Keep the published report available for at least 1 year (the earliest date it may be taken down).',
  source: '[L] partnership restatements of Working Together',
};

/**
 * Care-leaver deaths are notified under Working Together 2023's "should", not the statutory duty of s16C (issue 14):
 * the same 5 working days are shown as guidance, never as a statutory deadline or overdue.
 */
export const CARE_LEAVER_NOTIFICATION_GUIDANCE: DeadlineRule = {
  ...notification,
  statutory: false,
  description:
    "Guidance, not a statutory deadline: Working Together 2023 asks for a care leaver's death to be notified, ideally within 5 working days of becoming aware.",
  source: '[C] Working Together 2023 (a "should"); not Children Act 2004 s16C',
};

/** The notification rule of an edition for a nature: guidance only for a care leaver's death. */
export const notificationRuleFor = (rule: DeadlineRule, nature: string | undefined): DeadlineRule =>
  rule.kind === 'notification' && nature === 'care-leaver-death'
    ? { ...CARE_LEAVER_NOTIFICATION_GUIDANCE, anchor: rule.anchor }
    : rule;

/**
 * How many working days before publication an edition wants the final report with the Panel and DfE: read from
 * the edition's rule set, so the number lives in one place.
 */
export const finalReportNoticeWorkingDays = (edition: GuidanceEdition): number => {
  const rule = deadlineRuleSets[edition].rules.find((r) => r.kind === 'final-report-before-publication');
  if (!rule || rule.unit !== 'working-days')
    throw new Error(`The ${edition} rule set has no final-report notice in working days`);
  return rule.amount;
};

export const deadlineRuleSets: Record<GuidanceEdition, DeadlineRuleSet> = {
  'working-together-2018': {
    edition: 'working-together-2018',
    rules: [
      notification,
      rapidReviewFrom('became-aware', '[L] Working Together 2018 practice: 15 working days from becoming aware'),
      panelResponse,
      localReviewPublication('[C] Working Together 2018: within 6 months'),
      finalReportBeforePublication,
      publicationAvailability,
    ],
  },
  'working-together-2023': {
    edition: 'working-together-2023',
    rules: [
      notification,
      rapidReviewFrom('became-aware', '[L] Working Together 2023 practice: 15 working days from becoming aware'),
      panelResponse,
      localReviewPublication('[U] Working Together 2023: 6 months carried over from 2018'),
      finalReportBeforePublication,
      publicationAvailability,
    ],
  },
  'panel-guidance-2025': {
    edition: 'panel-guidance-2025',
    rules: [
      notification,
      rapidReviewFrom(
        'notified',
        '[L] Panel guidance June 2025: 15 working days from the notification being submitted',
      ),
      panelResponse,
      localReviewPublication('[U] 6 months carried over from Working Together 2018'),
      finalReportBeforePublication,
      publicationAvailability,
    ],
  },
};
