/**
 * Calendar dates in words, as GOV.UK writes them ("22 November 2026", "September 2019"). One month table for every
 * service, so pages, download names and listings cannot word the same date two ways.
 */
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const monthName = (month: number): string | undefined => MONTH_NAMES[month - 1];

/** `2026-11-22` (or an ISO instant) → `22 November 2026`; anything that is not a date is returned as given. */
export const dateInWords = (isoDate: string): string => {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  const name = month ? monthName(month) : undefined;
  return year && name && day ? `${day} ${name} ${year}` : isoDate;
};

/** `2019-09` or `2019-09-12` → `September 2019`, the month a listing names; a bare year is returned as the year. */
export const monthInWords = (isoDateOrMonth: string): string => {
  const [year, month] = isoDateOrMonth.split('-');
  const name = month ? monthName(Number(month)) : undefined;
  return name ? `${name} ${year}` : (year ?? '');
};
