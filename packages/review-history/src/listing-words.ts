/**
 * The words partnerships use on their review pages, mapped to the platform's vocabulary. Kept as ordered tables:
 * the first rule that matches wins, so the more specific phrase ("Overview Report Accessible Summary") comes before
 * the more general one ("Overview Report").
 */

/** The kinds of review a listing groups its cases under. */
export type ListingReviewKind =
  | 'child-safeguarding-practice-review'
  | 'serious-case-review'
  | 'partnership-review'
  | 'thematic-review'
  | 'national-review';

/** The platform's document kinds, plus the two a listing can name that the platform has no kind for. */
export type ListingDocumentKind =
  | 'overview-report'
  | 'executive-summary'
  | 'learning-summary'
  | 'press-statement'
  | 'agency-response'
  | 'action-plan'
  | 'progress-report'
  | 'accessible-summary'
  | 'summary-for-children'
  | 'recommendations';

const SECTION_HEADINGS: readonly [RegExp, ListingReviewKind][] = [
  [/practice reviews?\b/i, 'child-safeguarding-practice-review'],
  [/serious case reviews?\b/i, 'serious-case-review'],
  [/\b(partnership|learning) reviews?\b/i, 'partnership-review'],
  [/thematic reviews?\b/i, 'thematic-review'],
  [/national reviews?\b/i, 'national-review'],
];

const DOCUMENT_KINDS: readonly [RegExp, ListingDocumentKind][] = [
  [/accessible summary/i, 'accessible-summary'],
  [/summary for children|children (&|and) young people/i, 'summary-for-children'],
  [/executive summary/i, 'executive-summary'],
  [/learning (summary|briefing|leaflet)/i, 'learning-summary'],
  [/press statement|media statement|press conference|press release/i, 'press-statement'],
  [/agency (statement|response)s?/i, 'agency-response'],
  [/action plan/i, 'action-plan'],
  [/progress report/i, 'progress-report'],
  [/recommendations/i, 'recommendations'],
  [/overview report|lessons learnt report|\breport\b|\bSCR\b|serious case review/i, 'overview-report'],
];

/** How a case is named: "Child M", "Baby L", "Young Person J", "Children A-F", "Child A and Child B", "Child Q & S". */
// The identifier after the word is one or two capitals or a range ("A-F"), so "Child Sexual Exploitation" is not one.
const CASE_NAME =
  /^(?:[Cc]hild(?:ren)?|[Bb]ab(?:y|ies)|[Yy]oung [Pp](?:erson|eople)|[Ii]nfant|[Ss]iblings?)\s+[A-Z](?:-[A-Z]|[A-Z])?(?![a-z])/;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

export type ListingMonth = { year: number; month: number };

/** Headings of the prose around the lists ("Learning from Case Reviews", "What to do if …"): a list ends there. */
export const isProseHeading = (line: string): boolean =>
  /^(learning from|why |what |how |undertaking )/i.test(line) && !/[.:;]$/.test(line);

export const sectionKindOf = (line: string): ListingReviewKind | undefined => {
  // A heading is short and is not a sentence; prose that mentions "serious case review" is not a heading.
  if (line.split(/\s+/).length > 8 || /[.:;]$/.test(line)) return undefined;
  return SECTION_HEADINGS.find(([pattern]) => pattern.test(line))?.[1];
};

export const documentKindOf = (title: string): ListingDocumentKind | undefined =>
  DOCUMENT_KINDS.find(([pattern]) => pattern.test(title))?.[1];

export const looksLikeCaseName = (text: string): boolean => CASE_NAME.test(text.trim());

/** "September 2019" → { year: 2019, month: 9 }; anything else → undefined. */
export const monthOf = (text: string): ListingMonth | undefined => {
  const match = /^([a-z]+)\s+(\d{4})$/i.exec(text.trim());
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[1]!.toLowerCase() as (typeof MONTHS)[number]);
  return month < 0 ? undefined : { year: Number(match[2]), month: month + 1 };
};

/** A line that starts with its date, as in "June 2017 Overview Report for Baby Q": the date and the rest. */
export const leadingMonthOf = (line: string): { month: ListingMonth; rest: string } | undefined => {
  const match = /^([A-Za-z]+\s+\d{4})[:,]?\s+(?:–\s+)?(.+)$/.exec(line);
  const month = match ? monthOf(match[1]!) : undefined;
  return month && match ? { month, rest: match[2]!.trim() } : undefined;
};

export const monthLabel = ({ year, month }: ListingMonth): string => {
  const name = MONTHS[month - 1]!;
  return `${name[0]!.toUpperCase()}${name.slice(1)} ${year}`;
};
