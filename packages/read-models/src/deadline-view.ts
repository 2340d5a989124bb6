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

export const viewDeadline = (stored: StoredDeadline, today: string, calendar: WorkingDayCalendar): DeadlineView => {
  const description =
    stored.guidance === true
      ? CARE_LEAVER_NOTIFICATION_GUIDANCE.description
      : (descriptions.get(`${stored.kind}:${stored.anchor}`) ?? '');
  const deadline = { ...stored, owner: stored.owner ?? deadlineOwner(stored.kind), description };
  if (deadline.cancelled) return { ...deadline, workingDaysLeft: null, overdue: false, dueThisWeek: false };
  const status = deadlineStatus(deadline as unknown as Deadline, today, calendar, deadline.metOn ?? undefined);
  return {
    ...deadline,
    workingDaysLeft: deadline.metOn === null ? status.workingDaysLeft : null,
    // Guidance is shown with its expected date, never as overdue.
    overdue: stored.guidance === true ? false : status.overdue,
    dueThisWeek: status.dueThisWeek,
  };
};
