/**
 * The working-day calendar deadlines count in: Monday to Friday except England and Wales bank holidays.
 * Day 0 is the anchor; a deadline of N working days is the Nth working day after it (docs/architecture.md "Domain facts", "Steps and
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
import { fromDayNumber, isWeekend, MS_PER_DAY, toDayNumber, yearOf, type DayNumber } from './calendar-date';

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

/** Guards against a runaway n (about 40 years of working days). */
const MAX_WORKING_DAYS = 10_000;

export const createEnglandAndWalesCalendar = (overrides: HolidayOverrides = {}): WorkingDayCalendar => {
  for (const [index, holiday] of (overrides.extraHolidays ?? []).entries())
    toDayNumber(holiday.date, `extraHolidays.${index}.date`);
  for (const [index, date] of (overrides.removedHolidays ?? []).entries())
    toDayNumber(date, `removedHolidays.${index}`);
  const removed = new Set(overrides.removedHolidays ?? []);
  const extras = [...englandAndWalesOneOffHolidays, ...(overrides.extraHolidays ?? [])];
  /**
   * Per year: the holidays and cumulative working-day counts (`cumulative[i]` = working days among the
   * first i days of the year), so counting and stepping cost a binary search instead of a day-by-day walk.
   */
  type Year = { start: DayNumber; holidays: Map<DayNumber, string>; cumulative: Int32Array; total: number };
  const years = new Map<number, Year>();

  const yearData = (year: number): Year => {
    let data = years.get(year);
    if (!data) {
      const holidays = new Map<DayNumber, string>();
      const fromLibrary = libraryHolidaysOf(year).filter((h) => !englandAndWalesMovedHolidays.includes(h.date));
      for (const holiday of [...fromLibrary, ...extras.filter((h) => h.date.startsWith(`${year}-`))]) {
        const day = toDayNumber(holiday.date);
        // The first name wins: the library's wording for a day it knows, the override's for one it lacks.
        if (!removed.has(holiday.date) && !holidays.has(day)) holidays.set(day, holiday.name);
      }
      const start = Date.UTC(year, 0, 1) / MS_PER_DAY;
      const length = Date.UTC(year + 1, 0, 1) / MS_PER_DAY - start;
      const cumulative = new Int32Array(length + 1);
      for (let i = 0; i < length; i += 1) {
        const day = start + i;
        cumulative[i + 1] = (cumulative[i] ?? 0) + (isWeekend(day) || holidays.has(day) ? 0 : 1);
      }
      data = { start, holidays, cumulative, total: cumulative[length] ?? 0 };
      years.set(year, data);
    }
    return data;
  };

  /** Working days from 1 January of the day's year up to and including the day. */
  const countInYear = (day: DayNumber): { year: number; count: number } => {
    const year = yearOf(day);
    const data = yearData(year);
    return { year, count: data.cumulative[day - data.start + 1] ?? 0 };
  };

  /** The first day of `year` whose cumulative count reaches `target` (1 ≤ target ≤ total): a working day. */
  const dayWithCount = (year: number, target: number): DayNumber => {
    const { start, cumulative } = yearData(year);
    let [low, high] = [1, cumulative.length - 1];
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] ?? 0) >= target) high = mid;
      else low = mid + 1;
    }
    return start + low - 1;
  };

  const isWorkingDayNumber = (day: DayNumber): boolean => !isWeekend(day) && !yearData(yearOf(day)).holidays.has(day);

  const checkCount = (n: number) => {
    if (!Number.isInteger(n) || Math.abs(n) > MAX_WORKING_DAYS) {
      throw validationError('n', `working days must be a whole number up to ${MAX_WORKING_DAYS}`);
    }
  };

  const addWorkingDays = (anchor: CalendarDate, n: number): CalendarDate => {
    checkCount(n);
    const day = toDayNumber(anchor, 'anchor');
    if (n === 0) return anchor;
    if (n > 0) {
      const start = countInYear(day);
      let [year, target] = [start.year, start.count + n];
      while (target > yearData(year).total) {
        target -= yearData(year).total;
        year += 1;
      }
      return fromDayNumber(dayWithCount(year, target));
    }
    // The |n|th working day before: the working day d < anchor with |n| working days in [d, anchor).
    const before = countInYear(day - 1);
    let [year, target] = [before.year, before.count + n + 1];
    while (target < 1) {
      year -= 1;
      target += yearData(year).total;
    }
    return fromDayNumber(dayWithCount(year, target));
  };

  const workingDaysBetween = (from: CalendarDate, to: CalendarDate): number => {
    const start = toDayNumber(from, 'from');
    const end = toDayNumber(to, 'to');
    const [low, high, sign] = end >= start ? [start, end, 1] : [end, start, -1];
    const a = countInYear(low);
    const b = countInYear(high);
    let count = b.count - a.count;
    for (let year = a.year; year < b.year; year += 1) count += yearData(year).total;
    return sign === 1 || count === 0 ? count : -count;
  };

  const holidaysBetween = (from: CalendarDate, to: CalendarDate): BankHoliday[] => {
    const start = toDayNumber(from, 'from');
    const end = toDayNumber(to, 'to');
    const result: BankHoliday[] = [];
    for (let year = yearOf(start); year <= yearOf(end); year += 1) {
      for (const [day, name] of yearData(year).holidays)
        if (day >= start && day <= end) result.push({ date: fromDayNumber(day), name });
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
