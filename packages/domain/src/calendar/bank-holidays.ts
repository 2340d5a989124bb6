/**
 * England and Wales bank holidays: the rules from `date-holidays` (GB, region ENG, type 'public', which
 * includes substitute days) plus one-off holidays kept here as data, so a library upgrade that drops a
 * one-off cannot silently move a past deadline. Guidance does not define "working day" (docs/architecture.md "Domain facts" [U]),
 * so the calendar is data with a version.
 */
import Holidays from 'date-holidays';
import type { CalendarDate } from '../shared/types';

export type BankHoliday = { date: CalendarDate; name: string };

/** Bump when the installed date-holidays changes (a unit test compares it with the installed package). */
export const DATE_HOLIDAYS_VERSION = '3.37.0';
/** Bump when `englandAndWalesOneOffHolidays` changes. */
export const ONE_OFF_HOLIDAYS_REVISION = '2026-11';

/**
 * One-off bank holidays proclaimed for England and Wales (gov.uk/bank-holidays and proclamations).
 * date-holidays 3.37 lacks the 2011 royal wedding and the 2012 move of the Spring bank holiday to 4 June;
 * it yields the others itself, and listing them here keeps the merge explicit and idempotent.
 */
export const englandAndWalesOneOffHolidays: readonly BankHoliday[] = [
  { date: '2011-04-29', name: 'Royal wedding (Prince William and Catherine Middleton)' },
  { date: '2012-06-04', name: 'Spring bank holiday (moved for the Diamond Jubilee)' },
  { date: '2012-06-05', name: 'Queen’s Diamond Jubilee' },
  { date: '2022-06-03', name: 'Queen’s Platinum Jubilee' },
  { date: '2022-09-19', name: 'State funeral of Queen Elizabeth II' },
  { date: '2023-05-08', name: 'Coronation of King Charles III' },
];

/** Library dates that were not bank holidays in England and Wales because the holiday moved (see above). */
export const englandAndWalesMovedHolidays: readonly CalendarDate[] = ['2012-05-28'];

let library: Holidays | undefined;

/** The public holidays date-holidays yields for England in one year, date-sorted. */
export const libraryHolidaysOf = (year: number): BankHoliday[] => {
  // Built lazily: constructing the GB rule set parses a large table and most callers never need it.
  library ??= new Holidays('GB', 'ENG', { languages: 'en' });
  return library
    .getHolidays(year, 'en')
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }))
    .filter((holiday) => holiday.date.startsWith(`${year}-`));
};
