/**
 * Arithmetic on `YYYY-MM-DD` calendar dates through day numbers (days since 1970-01-01). Dates are civil dates,
 * not instants, so everything runs in UTC arithmetic and no time zone can shift a day.
 */
import { validationError } from '../shared/domain-error';
import type { CalendarDate } from '../shared/types';

export const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DayNumber = number;

/** Parses a calendar date, rejecting impossible dates such as 2026-02-30 (Date.UTC would roll them over). */
export const toDayNumber = (date: CalendarDate, field = 'date'): DayNumber => {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw validationError(field, `${field} must be a calendar date YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw validationError(field, `${field} is not a real calendar date`);
  }
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
};

export const fromDayNumber = (dayNumber: DayNumber): CalendarDate =>
  new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export const weekdayOf = (dayNumber: DayNumber): number => (((dayNumber + 4) % 7) + 7) % 7;

export const isWeekend = (dayNumber: DayNumber): boolean => {
  const weekday = weekdayOf(dayNumber);
  return weekday === 0 || weekday === 6;
};

/** The proleptic Gregorian year of a day number, by arithmetic (hot path: every working-day lookup calls it). */
export const yearOf = (dayNumber: DayNumber): number => {
  // Howard Hinnant's civil_from_days, keeping only the year.
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  return yearOfEra + era * 400 + (monthIndex >= 10 ? 1 : 0);
};

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export const addCalendarDays = (date: CalendarDate, days: number): CalendarDate =>
  fromDayNumber(toDayNumber(date) + days);

/**
 * Adds whole months, clamping to the end of the month when the day does not exist there
 * (31 August + 6 months = 28 or 29 February), which is how "within six months" is read in practice.
 */
export const addMonths = (date: CalendarDate, months: number): CalendarDate => {
  toDayNumber(date);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(targetDay).padStart(2, '0')}`;
};

export const addYears = (date: CalendarDate, years: number): CalendarDate => addMonths(date, years * 12);

/** Monday of the week (Monday–Sunday) holding the date. */
export const startOfWeek = (date: CalendarDate): CalendarDate => {
  const dayNumber = toDayNumber(date);
  return fromDayNumber(dayNumber - ((weekdayOf(dayNumber) + 6) % 7));
};
