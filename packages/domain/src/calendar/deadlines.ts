/**
 * Computes deadlines from anchor dates, a guidance edition and a calendar, and reports their status on a day.
 * Pure: "today" comes from the caller (CommandContext.today or a read model's clock).
 */
import type { GuidanceEdition } from '../incident/incident-events';
import { validationError } from '../shared/domain-error';
import type { CalendarDate } from '../shared/types';
import { addCalendarDays, addMonths, addYears, startOfWeek, toDayNumber } from './calendar-date';
import {
  deadlineRuleSets,
  notificationRuleFor,
  type DeadlineAnchor,
  type DeadlineKind,
  type DeadlineRule,
} from './deadline-rules';
import type { WorkingDayCalendar } from './working-day-calendar';

export type Deadline = {
  kind: DeadlineKind;
  dueOn: CalendarDate;
  anchor: DeadlineAnchor;
  anchorDate: CalendarDate;
  statutory: boolean;
  rule: DeadlineRule;
};

export type DeadlineOptions = {
  /** The incident's nature: a care leaver's death has guidance, not a statutory notification deadline. */
  nature?: string;
  /** Panel response service-level target in working days. Default: the rule's amount (10). */
  panelResponseTargetWorkingDays?: number;
};

export const applyRule = (rule: DeadlineRule, anchorDate: CalendarDate, calendar: WorkingDayCalendar): CalendarDate => {
  const amount = rule.direction === 'before' ? -rule.amount : rule.amount;
  switch (rule.unit) {
    case 'working-days':
      return calendar.addWorkingDays(anchorDate, amount);
    case 'calendar-days':
      return addCalendarDays(anchorDate, amount);
    case 'months':
      return addMonths(anchorDate, amount);
    case 'years':
      return addYears(anchorDate, amount);
    default: {
      const unknownUnit: never = rule.unit;
      throw validationError('rule.unit', `unknown deadline unit ${String(unknownUnit)}`);
    }
  }
};

/** One deadline per rule of the edition whose anchor date is known, in rule order. */
export const computeDeadlines = (
  anchors: Partial<Record<DeadlineAnchor, CalendarDate>>,
  edition: GuidanceEdition,
  calendar: WorkingDayCalendar,
  options: DeadlineOptions = {},
): Deadline[] => {
  const ruleSet = deadlineRuleSets[edition];
  if (!ruleSet) throw validationError('guidanceEdition', `unknown guidance edition ${String(edition)}`);
  const deadlines: Deadline[] = [];
  for (const baseRule of ruleSet.rules) {
    const anchorDate = anchors[baseRule.anchor];
    if (anchorDate === undefined) continue;
    const target = options.panelResponseTargetWorkingDays;
    const targeted =
      baseRule.kind === 'panel-response' && target !== undefined ? { ...baseRule, amount: target } : baseRule;
    const rule = notificationRuleFor(targeted, options.nature);
    deadlines.push({
      kind: rule.kind,
      dueOn: applyRule(rule, anchorDate, calendar),
      anchor: rule.anchor,
      anchorDate,
      statutory: rule.statutory,
      rule,
    });
  }
  return deadlines;
};

export type DeadlineStatus = {
  dueOn: CalendarDate;
  /** Working days after today up to and including dueOn: 0 when due today, negative when past. */
  workingDaysLeft: number;
  overdue: boolean;
  /** Not met and due from today to the Sunday of today's week (Monday–Sunday). */
  dueThisWeek: boolean;
};

/**
 * The status of a deadline on `today`. `metOn` is the day the step was done (for publication-availability:
 * the day the report was taken down, on time when not before dueOn, since that rule is a minimum period).
 */
export const deadlineStatus = (
  deadline: Deadline,
  today: CalendarDate,
  calendar: WorkingDayCalendar,
  metOn?: CalendarDate,
): DeadlineStatus & { met?: boolean; metOnTime?: boolean } => {
  const todayNumber = toDayNumber(today, 'today');
  const dueNumber = toDayNumber(deadline.dueOn, 'dueOn');
  const workingDaysLeft = calendar.workingDaysBetween(today, deadline.dueOn);
  const minimumPeriod = deadline.kind === 'publication-availability';
  const weekEnd = toDayNumber(startOfWeek(today)) + 6;
  if (metOn !== undefined) {
    const metNumber = toDayNumber(metOn, 'metOn');
    const metOnTime = minimumPeriod ? metNumber >= dueNumber : metNumber <= dueNumber;
    return { dueOn: deadline.dueOn, workingDaysLeft, overdue: false, dueThisWeek: false, met: true, metOnTime };
  }
  return {
    dueOn: deadline.dueOn,
    workingDaysLeft,
    // A minimum period cannot be missed by waiting: passing its date only means the report may now come down.
    overdue: !minimumPeriod && todayNumber > dueNumber,
    dueThisWeek: !minimumPeriod && dueNumber >= todayNumber && dueNumber <= weekEnd,
  };
};
