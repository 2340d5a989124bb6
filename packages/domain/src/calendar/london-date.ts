/**
 * The calendar date in England of a UTC instant. Deadlines count in English calendar days, so a notification
 * sent at 00:30 BST on a Monday (23:30 UTC on Sunday) was sent on Monday. Intl carries the BST/GMT rules,
 * so no offset is hard-coded here.
 */
import { validationError } from '../shared/domain-error';
import type { CalendarDate, Instant } from '../shared/types';

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export const londonDate = (instant: Instant): CalendarDate => {
  const time = new Date(instant);
  if (Number.isNaN(time.getTime())) throw validationError('instant', 'instant must be an ISO-8601 date-time');
  const parts = londonFormat.formatToParts(time);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
};
