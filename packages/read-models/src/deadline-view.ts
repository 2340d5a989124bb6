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
 * same deadlines): the status of (due date, kind, met) is worked out once per calendar and day, in nested maps of
 * the row's own strings (no key is built per deadline). A new day starts empty, so the maps hold one day's dates.
 */
const statuses = new WeakMap<
  WorkingDayCalendar,
  { today: string; byDue: Map<string, Map<string, Map<string, Status>>> }
>();

const statusOf = (deadline: StoredDeadline, today: string, calendar: WorkingDayCalendar): Status => {
  let day = statuses.get(calendar);
  if (day?.today !== today) statuses.set(calendar, (day = { today, byDue: new Map() }));
  let byKind = day.byDue.get(deadline.dueOn);
  if (!byKind) day.byDue.set(deadline.dueOn, (byKind = new Map()));
  let byMet = byKind.get(deadline.kind);
  if (!byMet) byKind.set(deadline.kind, (byMet = new Map()));
  const met = deadline.metOn ?? '';
  let status = byMet.get(met);
  if (!status) {
    const { workingDaysLeft, overdue, dueThisWeek } = deadlineStatus(
      deadline as unknown as Deadline,
      today,
      calendar,
      deadline.metOn ?? undefined,
    );
    status = { workingDaysLeft, overdue, dueThisWeek };
    byMet.set(met, status);
  }
  return status;
};

/** One object of one shape, field by field: a list page views a hundred deadlines, and spreads cost more. */
export const viewDeadline = (stored: StoredDeadline, today: string, calendar: WorkingDayCalendar): DeadlineView => {
  const guidance = stored.guidance === true;
  const description = guidance
    ? CARE_LEAVER_NOTIFICATION_GUIDANCE.description
    : (descriptions.get(`${stored.kind}:${stored.anchor}`) ?? '');
  const status = stored.cancelled ? undefined : statusOf(stored, today, calendar);
  return {
    kind: stored.kind,
    owner: stored.owner ?? deadlineOwner(stored.kind),
    dueOn: stored.dueOn,
    anchor: stored.anchor,
    anchorDate: stored.anchorDate,
    statutory: stored.statutory,
    metOn: stored.metOn,
    metOnTime: stored.metOnTime,
    cancelled: stored.cancelled,
    ...(stored.guidance !== undefined ? { guidance: stored.guidance } : {}),
    description,
    // Cancelled: nothing left to count or miss.
    workingDaysLeft: status && stored.metOn === null ? status.workingDaysLeft : null,
    // Guidance is shown with its expected date, never as overdue.
    overdue: status !== undefined && !guidance && status.overdue,
    dueThisWeek: status?.dueThisWeek ?? false,
  };
};
