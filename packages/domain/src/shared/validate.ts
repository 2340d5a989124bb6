/**
 * Shape checks for command input. Commands arrive from GraphQL, scripts and tests, so the deciders check shapes at
 * run time, not only through TypeScript. Every failure is a `validation` DomainError that names the field as a
 * dotted path (`children.2.ageInYears`) and never echoes the value: the value may be a child's personal data.
 */
import { validationError } from './domain-error';
import type { CalendarDate, Instant } from './types';
import { EMAIL_MAX, EMAIL_PATTERN, FREE_TEXT_MAX, SHORT_TEXT_MAX } from './input-limits';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Ids of incidents and reviews: uuids in practice; any short token of letters, digits, `-` and `_` is accepted. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Default upper bound of a single-line text; free text fields pass a larger `max`. */
export { FREE_TEXT_MAX, SHORT_TEXT_MAX };

const daysInMonth = (year: number, month: number): number =>
  [31, (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    month - 1
  ] ?? 0;

export const isCalendarDate = (value: unknown): value is CalendarDate => {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

export const requireString = (value: unknown, field: string, max = SHORT_TEXT_MAX): string => {
  if (typeof value !== 'string' || value.trim() === '')
    throw validationError(field, `${field} is required and must be a non-empty text`);
  if (value.length > max) throw validationError(field, `${field} must be at most ${max} characters`);
  return value;
};

export const optionalString = (value: unknown, field: string, max = SHORT_TEXT_MAX): string | undefined =>
  value === undefined || value === null ? undefined : requireString(value, field, max);

/** A text that may be empty (e.g. the Panel's comments), but must be text. */
export const requireText = (value: unknown, field: string, max = FREE_TEXT_MAX): string => {
  if (typeof value !== 'string') throw validationError(field, `${field} must be a text`);
  if (value.length > max) throw validationError(field, `${field} must be at most ${max} characters`);
  return value;
};

export const requireId = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw validationError(field, `${field} must be an id of letters, digits, '-' or '_' (at most 100 characters)`);
  }
  return value;
};

export const requireBoolean = (value: unknown, field: string): boolean => {
  if (typeof value !== 'boolean') throw validationError(field, `${field} must be true or false`);
  return value;
};

export const optionalBoolean = (value: unknown, field: string): boolean | undefined =>
  value === undefined || value === null ? undefined : requireBoolean(value, field);

export const requireOneOf = <T extends string>(value: unknown, field: string, allowed: readonly T[]): T => {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw validationError(field, `${field} must be one of: ${allowed.join(', ')}`);
  }
  return value as T;
};

export const requireDate = (value: unknown, field: string): CalendarDate => {
  if (!isCalendarDate(value)) throw validationError(field, `${field} must be a real calendar date written YYYY-MM-DD`);
  return value;
};

export const optionalDate = (value: unknown, field: string): CalendarDate | undefined =>
  value === undefined || value === null ? undefined : requireDate(value, field);

export const requireInstant = (value: unknown, field: string): Instant => {
  if (typeof value !== 'string' || !INSTANT_PATTERN.test(value) || !isCalendarDate(value.slice(0, 10))) {
    throw validationError(field, `${field} must be an ISO-8601 instant such as 2026-03-02T09:30:00Z`);
  }
  return value;
};

export const requireEmail = (value: unknown, field: string): string => {
  const text = requireString(value, field, EMAIL_MAX);
  if (!EMAIL_PATTERN.test(text)) throw validationError(field, `${field} must be an email address`);
  return text;
};

export const requireInteger = (value: unknown, field: string, min: number, max: number): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw validationError(field, `${field} must be a whole number from ${min} to ${max}`);
  }
  return value;
};

export const requireArray = <T>(value: unknown, field: string, min: number, max: number): T[] => {
  if (!Array.isArray(value)) throw validationError(field, `${field} must be a list`);
  if (value.length < min || value.length > max) {
    throw validationError(
      field,
      min === max ? `${field} must hold exactly ${min} item(s)` : `${field} must hold from ${min} to ${max} items`,
    );
  }
  return value as T[];
};

/** A list of distinct items; `key` picks what must be unique. */
export const requireDistinct = <T>(
  items: readonly T[],
  field: string,
  key: (item: T) => unknown = (item) => item,
): void => {
  const seen = new Set<unknown>();
  items.forEach((item, index) => {
    const k = key(item);
    if (seen.has(k))
      throw validationError(`${field}.${index}`, `${field}.${index} repeats an earlier item: each must appear once`);
    seen.add(k);
  });
};

/** A date the law counts in must not be later than today (`context.today`). */
export const requireNotFuture = (date: CalendarDate, field: string, today: CalendarDate): void => {
  if (date > today) throw validationError(field, `${field} must not be in the future`);
};

/** `later` must be on or after `earlier`; ISO calendar dates compare as text. */
export const requireOrder = (
  earlier: CalendarDate,
  earlierField: string,
  later: CalendarDate,
  laterField: string,
): void => {
  if (later < earlier) throw validationError(laterField, `${laterField} must not be before ${earlierField}`);
};

/** An https address, as published reports have. */
export const requireHttpsUrl = (value: unknown, field: string): string => {
  const text = requireString(value, field, 2000);
  if (!/^https:\/\/[^\s/]+\.[^\s]+$/.test(text)) throw validationError(field, `${field} must be an https address`);
  return text;
};
