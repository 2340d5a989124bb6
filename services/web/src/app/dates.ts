/** Dates as GOV.UK asks for them (day, month, year in three boxes), checked and turned into YYYY-MM-DD. */
export type DateParts = { day: string; month: string; year: string };

export const isoFromParts = (parts: DateParts): string | undefined => {
  const [d, m, y] = [parts.day, parts.month, parts.year].map((p) => p.trim());
  if (!/^\d{1,2}$/.test(d!) || !/^\d{1,2}$/.test(m!) || !/^\d{4}$/.test(y!)) return undefined;
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const check = new Date(`${iso}T12:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === iso ? iso : undefined;
};

export const partsFromIso = (iso: string | undefined): DateParts => {
  const [year = '', month = '', day = ''] = (iso ?? '').split('-');
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
};

export const isBlank = (parts: DateParts): boolean => !parts.day.trim() && !parts.month.trim() && !parts.year.trim();

/** Today in England (the day the deadlines count from), as YYYY-MM-DD. */
export const todayInEngland = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

/**
 * Checks a required date in plain words. `what` names it in a sentence ("the date you became aware").
 * Returns the message, or undefined when the date is fine.
 */
export const checkDate = (
  parts: DateParts,
  what: string,
  today: string,
  options: { notAfter?: { iso: string | undefined; what: string } } = {},
): string | undefined => {
  if (isBlank(parts)) return `Enter ${what}`;
  const iso = isoFromParts(parts);
  if (!iso) return `${capitalise(what)} must be a real date, for example 27 3 2026`;
  if (iso > today) return `${capitalise(what)} must be today or in the past`;
  if (options.notAfter?.iso && iso > options.notAfter.iso)
    return `${capitalise(what)} must be the same as or before ${options.notAfter.what}`;
  return undefined;
};

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
