/** Filters the views use: dates as people read them, and nothing that reaches for data (routes load data). */
import { formatDate } from '../app/deadline';

/** An ISO instant → `4 March 2026 at 14:05` in England. */
export const formatDateTime = (value: unknown): string => {
  const date = new Date(String(value ?? ''));
  if (Number.isNaN(date.getTime())) return String(value ?? '');
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')}`;
};

/** `{ field: message }` → the items govukErrorSummary takes, each linking to its field. */
export const errorList = (errors: Record<string, string> | undefined): { text: string; href: string }[] =>
  Object.entries(errors ?? {}).map(([field, text]) => ({ text, href: `#${field}` }));

/** The errorMessage option of a field macro, or false when the field has no error. */
export const errorFor = (errors: Record<string, string> | undefined, field: string): { text: string } | false =>
  errors?.[field] ? { text: errors[field]! } : false;

/** MoJ's timeline formats its dates with a `mojDate` filter; this one words them as the rest of the service does. */
export const mojDate = (timestamp: unknown, type: unknown): string =>
  String(type).includes('time') ? formatDateTime(timestamp) : formatDate(String(timestamp ?? ''));

export const viewFilters = { formatDate, formatDateTime, errorList, errorFor, mojDate };
