/**
 * Lists that show everything: the GOV.UK pagination component over page numbers with the true total the gateway
 * counted, and the same list as CSV (the page's own filters, every page). Nothing is cut at a fixed row count.
 */
import { html, type Html } from './html';
import { macro } from '../server/macros';

export const PAGE_SIZE = 25;
/** CSV downloads walk every page of 100 up to this many rows (the national volume is about 400 a year). */
export const CSV_MAX_ROWS = 20_000;

/** The highest page the gateway accepts; a larger `?page=` is read as this one, which is then past the end. */
export const MAX_PAGE = 10_000;

/**
 * The page asked for in `?page=`: 1 when absent, empty, negative, zero or not written as digits ("2.5", "abc",
 * "1e3"); a number above MAX_PAGE is MAX_PAGE, so that a huge page is answered as past the last page, not as the
 * first one.
 */
export const pageFrom = (query: URLSearchParams): number => {
  const asked = (query.get('page') ?? '').trim();
  if (!/^\d{1,20}$/.test(asked)) return 1;
  const page = Number(asked);
  return page < 1 ? 1 : Math.min(page, MAX_PAGE);
};

/** The number of the last page (1 for an empty list, which still has its first page). */
export const lastPage = (total: number, size = PAGE_SIZE): number => Math.max(1, Math.ceil(total / size));

const hrefFor = (path: string, query: URLSearchParams, page: number): string => {
  const next = new URLSearchParams(query);
  next.delete('page');
  if (page > 1) next.set('page', String(page));
  const search = next.toString();
  return search ? `${path}?${search}` : path;
};

type Listing = { path: string; query: URLSearchParams; page: number; total: number; noun: string; size?: number };

/**
 * Where a request for a page past the last one belongs: the last page (the list without `?page=` when it is the
 * first), or undefined when the page asked for exists. A page handler redirects there, as a bookmarked page 5 of a
 * list that has since shrunk to 2 pages should show page 2, not an empty table.
 */
export const pastLastPage = (o: Listing): string | undefined => {
  const last = lastPage(o.total, o.size);
  return o.page > last ? hrefFor(o.path, o.query, last) : undefined;
};

/**
 * "Showing 26 to 50 of 312 incidents": the true total, counted over every record. A page past the last one (a
 * handler that did not redirect) says so and links to the last page instead of showing an impossible range.
 */
export const listCount = (o: Listing): Html => {
  const size = o.size ?? PAGE_SIZE;
  if (o.total === 0) return html`<p class="govuk-body" id="list-count">No ${o.noun} found</p>`;
  const last = lastPage(o.total, size);
  if (o.page > last)
    return html`<p class="govuk-body" id="list-count">There are no ${o.noun} on page ${o.page}. <a class="govuk-link" href="${hrefFor(o.path, o.query, last)}">Go to the last page (page ${last} of ${last})</a>.</p>`;
  const from = (o.page - 1) * size + 1;
  const to = Math.min(o.total, o.page * size);
  return html`<p class="govuk-body" id="list-count">Showing ${from} to ${to} of ${o.total} ${o.noun}</p>`;
};

/** The GOV.UK pagination component (nothing when everything fits on one page); "previous" never leads past the end. */
export const pagination = (o: Listing): Html => {
  const size = o.size ?? PAGE_SIZE;
  const pages = lastPage(o.total, size);
  const shown = new Set([1, pages, o.page - 1, o.page, o.page + 1].filter((n) => n >= 1 && n <= pages));
  const items: Record<string, unknown>[] = [];
  let last = 0;
  for (const n of [...shown].sort((a, b) => a - b)) {
    if (n - last > 1) items.push({ ellipsis: true });
    items.push({ number: String(n), href: hrefFor(o.path, o.query, n), current: n === o.page });
    last = n;
  }
  return pages > 1
    ? macro('govuk', 'pagination', {
        ...(o.page > 1 ? { previous: { href: hrefFor(o.path, o.query, Math.min(o.page - 1, pages)) } } : {}),
        ...(o.page < pages ? { next: { href: hrefFor(o.path, o.query, o.page + 1) } } : {}),
        items,
        landmarkLabel: `${o.noun} pages`,
      })
    : html``;
};

/** A link to the same list as CSV, with the filters on the page. */
export const csvLink = (path: string, query: URLSearchParams, what: string): Html => {
  const next = new URLSearchParams(query);
  next.delete('page');
  next.set('format', 'csv');
  return html`<p class="govuk-body"><a class="govuk-link" href="${path}?${next.toString()}" download>Download ${what} (CSV)</a></p>`;
};

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  // Spreadsheet formula injection: a cell starting with = + - @ is read as text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** RFC 4180 CSV with a header row, CRLF line ends. */
export const toCsv = (head: string[], rows: unknown[][]): string =>
  [head, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';

/** Reads every page of a list (100 at a time) for a CSV download. */
export const everyPage = async <T>(read: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> => {
  const all: T[] = [];
  for (let page = 1; all.length < CSV_MAX_ROWS; page += 1) {
    const { items, total } = await read(page);
    all.push(...items);
    if (items.length === 0 || all.length >= total) break;
  }
  return all;
};
