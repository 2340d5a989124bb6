/** Query-time view of stored deadlines: days left and overdue depend on `today`, so they are never stored. */
import {
  CARE_LEAVER_NOTIFICATION_GUIDANCE,
  createEnglandAndWalesCalendar,
  deadlineRuleSets,
  deadlineStatus,
  type Deadline,
  type WorkingDayCalendar,
} from '@cspr/domain';
import { deadlineOwner, type StoredDeadline } from './stored-deadlines';

export type DeadlineView = StoredDeadline & {
  /** What the rule asks, from the rule set (not stored: every row would repeat it). */
  description: string;
  workingDaysLeft: number | null;
  overdue: boolean;
  dueThisWeek: boolean;
};

export type TodayOptions = {
  /** The day in England the caller asks about (`londonDate(now)`). Default: today in England at call time. */
  today?: string;
  /** The calendar for days left. Default: England and Wales. */
  calendar?: WorkingDayCalendar;
};

let defaultCalendar: WorkingDayCalendar | undefined;

export const resolveToday = (options: TodayOptions): { today: string; calendar: WorkingDayCalendar } => {
  defaultCalendar ??= createEnglandAndWalesCalendar();
  const today = options.today ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  return { today, calendar: options.calendar ?? defaultCalendar };
};

const descriptions = new Map<string, string>();
for (const ruleSet of Object.values(deadlineRuleSets)) {
  for (const rule of ruleSet.rules) descriptions.set(`${rule.kind}:${rule.anchor}`, rule.description);
}

type Status = { workingDaysLeft: number; overdue: boolean; dueThisWeek: boolean };

/**
 * A page views the same few due dates for the same day over and over (every incident notified that week has the
 * same deadlines): the status of (day, due date, met) is worked out once per calendar, in a bounded map.
 */
const statuses = new WeakMap<WorkingDayCalendar, Map<string, Status>>();

const statusOf = (deadline: DeadlineView | StoredDeadline, today: string, calendar: WorkingDayCalendar): Status => {
  let known = statuses.get(calendar);
  if (!known) statuses.set(calendar, (known = new Map()));
  const key = `${today}|${deadline.dueOn}|${deadline.kind}|${deadline.metOn ?? ''}`;
  let status = known.get(key);
  if (!status) {
    const { workingDaysLeft, overdue, dueThisWeek } = deadlineStatus(
      deadline as unknown as Deadline,
      today,
      calendar,
      deadline.metOn ?? undefined,
    );
    status = { workingDaysLeft, overdue, dueThisWeek };
    if (known.size >= 10_000) known.clear();
    known.set(key, status);
  }
  return status;
};

export const viewDeadline = (stored: StoredDeadline, today: string, calendar: WorkingDayCalendar): DeadlineView => {
  const description =
    stored.guidance === true
      ? CARE_LEAVER_NOTIFICATION_GUIDANCE.description
      : (descriptions.get(`${stored.kind}:${stored.anchor}`) ?? '');
  const deadline = { ...stored, owner: stored.owner ?? deadlineOwner(stored.kind), description };
  if (deadline.cancelled) return { ...deadline, workingDaysLeft: null, overdue: false, dueThisWeek: false };
  const status = statusOf(deadline, today, calendar);
  return {
    ...deadline,
    workingDaysLeft: deadline.metOn === null ? status.workingDaysLeft : null,
    // Guidance is shown with its expected date, never as overdue.
    overdue: stored.guidance === true ? false : status.overdue,
    dueThisWeek: status.dueThisWeek,
  };
};
