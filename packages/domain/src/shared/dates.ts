/**
 * The little date arithmetic the deciders need: a child's age at the incident, from calendar dates only.
 * (Working days are the calendar module's business; deciders get them as reference data.)
 */
import type { CalendarDate } from './types';

/** Whole years from `birth` to `on`; a child born on 29 February turns a year older on 1 March in common years. */
export const ageInWholeYears = (birth: CalendarDate, on: CalendarDate): number => {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  const hadBirthday = om > bm || (om === bm && od >= bd);
  return oy - by - (hadBirthday ? 0 : 1);
};
