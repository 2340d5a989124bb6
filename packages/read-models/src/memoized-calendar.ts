/**
 * A rebuild computes the same few deadlines (5, 10 and 15 working days from a few thousand distinct dates) for
 * every incident; the calendar walks day by day. Remembering results per (date, n) makes that a map lookup.
 * The version is the wrapped calendar's, so a read model still says which calendar computed it.
 */
import type { WorkingDayCalendar } from '@cspr/domain';

const memoized = new WeakMap<WorkingDayCalendar, WorkingDayCalendar>();

export const memoizeCalendar = (calendar: WorkingDayCalendar): WorkingDayCalendar => {
  const existing = memoized.get(calendar);
  if (existing) return existing;
  const added = new Map<string, string>();
  const between = new Map<string, number>();
  const wrapped: WorkingDayCalendar = {
    ...calendar,
    addWorkingDays: (anchor, n) => {
      const key = `${anchor}|${n}`;
      let result = added.get(key);
      if (result === undefined) {
        result = calendar.addWorkingDays(anchor, n);
        if (added.size > 200_000) added.clear();
        added.set(key, result);
      }
      return result;
    },
    workingDaysBetween: (from, to) => {
      const key = `${from}|${to}`;
      let result = between.get(key);
      if (result === undefined) {
        result = calendar.workingDaysBetween(from, to);
        if (between.size > 200_000) between.clear();
        between.set(key, result);
      }
      return result;
    },
  };
  memoized.set(calendar, wrapped);
  return wrapped;
};
