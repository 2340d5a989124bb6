/**
 * The working-day calendar deadlines count in: Monday to Friday except England and Wales bank holidays.
 * Day 0 is the anchor; a deadline of N working days is the Nth working day after it (domain.md, "Steps and
 * clocks"). Holidays are cached per year because read-model rebuilds compute deadlines for every incident.
 */
import { validationError } from '../shared/domain-error';
import type { CalendarDate } from '../shared/types';
import {
  DATE_HOLIDAYS_VERSION,
  englandAndWalesMovedHolidays,
  englandAndWalesOneOffHolidays,
  libraryHolidaysOf,
  ONE_OFF_HOLIDAYS_REVISION,
  type BankHoliday,
} from './bank-holidays';
import { fromDayNumber, isWeekend, toDayNumber, yearOf, type DayNumber } from './calendar-date';

export type WorkingDayCalendar = {
  /** Identifies the calendar data, so a read model can tell which calendar computed a stored figure. */
  version: string;
  isWorkingDay: (date: CalendarDate) => boolean;
  /**
   * Day 0 = anchor; the result is the nth working day after it (n = 0 returns the anchor unchanged).
   * A negative n gives the |n|th working day before the anchor (used by "at least N working days before").
   */
  addWorkingDays: (anchor: CalendarDate, n: number) => CalendarDate;
  /** Working days after `from` up to and including `to`; negative (days after `to` up to `from`) when to < from. */
  workingDaysBetween: (from: CalendarDate, to: CalendarDate) => number;
  /** Bank holidays from `from` to `to` inclusive, date order (weekend holidays included, with their substitutes). */
  holidaysBetween: (from: CalendarDate, to: CalendarDate) => BankHoliday[];
};

export type HolidayOverrides = { extraHolidays?: BankHoliday[]; removedHolidays?: CalendarDate[] };

const BASE_VERSION = `england-and-wales/date-holidays-${DATE_HOLIDAYS_VERSION}+overrides-${ONE_OFF_HOLIDAYS_REVISION}`;

/** A short stable fingerprint of caller overrides (FNV-1a), so two different override lists get different versions. */
const fingerprint = (text: string): string => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
};

const versionOf = (overrides: HolidayOverrides): string => {
  const extra = [...(overrides.extraHolidays ?? [])].map((h) => `+${h.date}`).sort();
  const removed = [...(overrides.removedHolidays ?? [])].map((d) => `-${d}`).sort();
  if (extra.length === 0 && removed.length === 0) return BASE_VERSION;
  return `${BASE_VERSION}+custom-${fingerprint([...extra, ...removed].join(','))}`;
};

/** Guards the day-by-day walks below against a runaway n (about 40 years of working days). */
const MAX_WORKING_DAYS = 10_000;

export const createEnglandAndWalesCalendar = (overrides: HolidayOverrides = {}): WorkingDayCalendar => {
  for (const [index, holiday] of (overrides.extraHolidays ?? []).entries()) toDayNumber(holiday.date, `extraHolidays.${index}.date`);
  for (const [index, date] of (overrides.removedHolidays ?? []).entries()) toDayNumber(date, `removedHolidays.${index}`);
  const removed = new Set(overrides.removedHolidays ?? []);
  const extras = [...englandAndWalesOneOffHolidays, ...(overrides.extraHolidays ?? [])];
  const byYear = new Map<number, Map<DayNumber, string>>();

  const holidaysOfYear = (year: number): Map<DayNumber, string> => {
    let holidays = byYear.get(year);
    if (!holidays) {
      holidays = new Map();
      const fromLibrary = libraryHolidaysOf(year).filter((h) => !englandAndWalesMovedHolidays.includes(h.date));
      const candidates = [...fromLibrary, ...extras.filter((h) => h.date.startsWith(`${year}-`))];
      for (const holiday of candidates) {
        const day = toDayNumber(holiday.date);
        // The first name wins: the library's wording for a day it knows, the override's for one it lacks.
        if (!removed.has(holiday.date) && !holidays.has(day)) holidays.set(day, holiday.name);
      }
      byYear.set(year, holidays);
    }
    return holidays;
  };

  const isWorkingDayNumber = (day: DayNumber): boolean => !isWeekend(day) && !holidaysOfYear(yearOf(day)).has(day);

  const checkCount = (n: number) => {
    if (!Number.isInteger(n) || Math.abs(n) > MAX_WORKING_DAYS) {
      throw validationError('n', `working days must be a whole number up to ${MAX_WORKING_DAYS}`);
    }
  };

  const addWorkingDays = (anchor: CalendarDate, n: number): CalendarDate => {
    checkCount(n);
    let day = toDayNumber(anchor, 'anchor');
    const step = n < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0; ) {
      day += step;
      if (isWorkingDayNumber(day)) left -= 1;
    }
    return fromDayNumber(day);
  };

  const workingDaysBetween = (from: CalendarDate, to: CalendarDate): number => {
    const start = toDayNumber(from, 'from');
    const end = toDayNumber(to, 'to');
    const [low, high, sign] = end >= start ? [start, end, 1] : [end, start, -1];
    let count = 0;
    for (let day = low + 1; day <= high; day += 1) if (isWorkingDayNumber(day)) count += 1;
    return sign === 1 || count === 0 ? count : -count;
  };

  const holidaysBetween = (from: CalendarDate, to: CalendarDate): BankHoliday[] => {
    const start = toDayNumber(from, 'from');
    const end = toDayNumber(to, 'to');
    const result: BankHoliday[] = [];
    for (let year = yearOf(start); year <= yearOf(end); year += 1) {
      for (const [day, name] of holidaysOfYear(year)) if (day >= start && day <= end) result.push({ date: fromDayNumber(day), name });
    }
    return result.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  };

  return {
    version: versionOf(overrides),
    isWorkingDay: (date) => isWorkingDayNumber(toDayNumber(date)),
    addWorkingDays,
    workingDaysBetween,
    holidaysBetween,
  };
};
