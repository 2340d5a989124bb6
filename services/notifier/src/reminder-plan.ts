/**
 * Which reminders a deadline calls for, and on which working day each is due: pure, from the due date, the
 * working-day calendar and the configured offsets. Used both to plan a day and, in the benchmark, at scale.
 *
 * A partnership's deadline: a reminder N working days before for each configured N (0 = on the due day), then an
 * overdue alert on the first working day after. The Panel's response target: alerts to the Panel before it, no
 * overdue alert (it is a service-level target, not a statutory duty).
 */
import type { WorkingDayCalendar } from '@cspr/domain';

export type ReminderKind = `reminder-${number}` | 'overdue';

export type PlannedReminder = { kind: ReminderKind; scheduledOn: string };

export type PlanOptions = {
  reminderDays: readonly number[];
  panelReminderDays: readonly number[];
  catchUpWorkingDays: number;
};

/** The last working day on or before `date` (a deadline counted in months can fall on a weekend). */
const workingDayOnOrBefore = (calendar: WorkingDayCalendar, date: string): string =>
  calendar.isWorkingDay(date) ? date : calendar.addWorkingDays(date, -1);

export const remindersFor = (
  owner: 'partnership' | 'panel',
  dueOn: string,
  calendar: WorkingDayCalendar,
  options: PlanOptions,
): PlannedReminder[] => {
  const days = owner === 'panel' ? options.panelReminderDays : options.reminderDays;
  const lastWorking = workingDayOnOrBefore(calendar, dueOn);
  const planned: PlannedReminder[] = days.map((n) => ({
    kind: `reminder-${n}` as const,
    scheduledOn: n === 0 ? lastWorking : calendar.addWorkingDays(lastWorking, -n),
  }));
  if (owner === 'partnership') planned.push({ kind: 'overdue', scheduledOn: calendar.addWorkingDays(dueOn, 1) });
  return planned.sort((a, b) => (a.scheduledOn < b.scheduledOn ? -1 : a.scheduledOn > b.scheduledOn ? 1 : 0));
};

export type DueToday = { kind: ReminderKind; scheduledOn: string; status: 'pending' | 'superseded' | 'expired' };

/**
 * What to record on `today` for one open deadline: the latest reminder whose day has come is sent (pending); any
 * earlier one never sent is recorded superseded (a day missed while the service was down is not sent late next to a
 * newer one); one whose day is more than `catchUpWorkingDays` working days ago is recorded expired. Nothing is
 * dropped unrecorded: the outbox says why each was not sent.
 */
export const dueOnDay = (
  owner: 'partnership' | 'panel',
  dueOn: string,
  today: string,
  calendar: WorkingDayCalendar,
  options: PlanOptions,
): DueToday[] => {
  const come = remindersFor(owner, dueOn, calendar, options).filter((r) => r.scheduledOn <= today);
  if (come.length === 0) return [];
  const latest = come[come.length - 1]!;
  const late = calendar.workingDaysBetween(latest.scheduledOn, today) > options.catchUpWorkingDays;
  return come.map((r) => ({ ...r, status: r !== latest ? 'superseded' : late ? 'expired' : 'pending' }));
};
