/**
 * Published reports for the public: the partnership page listing and the NSPCC record. Searchable by partnership,
 * year, theme (case-insensitive, whole theme) and text (case-insensitive substring of case name, title, summary,
 * themes, keywords, recommendations and document titles).
 */
import type { Sql } from 'postgres';
import { decodeCursor, pageSize, toPage, type Page } from '../cursor';
import type { PublishedDocument, PublishedReportRow } from './published-reports-projection';

export type PublishedReportView = {
  reviewId: string;
  kind: 'local' | 'national';
  partnershipId: string | null;
  partnershipIds: string[];
  /** The partnership's name, or "National" for a national review (the NSPCC record's partnership field). */
  partnershipName: string;
  title: string | null;
  caseName: string;
  publishedOn: string;
  year: number;
  publication: string;
  documents: PublishedDocument[];
  summary: string;
  themes: string[];
  recommendations: string[];
  keywords: string[];
  reviewModel: string | null;
  link: string | null;
};

export type ListPublishedReportsOptions = {
  /** Reports of reviews this partnership commissioned or, for national reviews, took part in. */
  partnershipId?: string;
  year?: number;
  theme?: string;
  search?: string;
  first?: number;
  after?: string;
  /** 1-based page number of `first` rows (GOV.UK pagination): an offset, and `after` is then ignored. */
  page?: number;
  /** false: leave totalCount null (the gateway counts only when a client asks, with countPublishedReports). */
  count?: boolean;
  /**
   * The view's fields the caller will read: only their columns are fetched (a listing shows a few; the summary,
   * recommendations and keywords are most of a row's bytes). The others come back empty (`''`, `[]`, null), so name
   * every field that will be read. Default: all.
   */
  fields?: Iterable<keyof PublishedReportView>;
};

/** The columns each field of the view is made from (`r.`: the report; `p.`: its partnership, joined only then). */
const PUBLISHED_REPORT_VIEW_COLUMNS = {
  reviewId: ['r.review_id'],
  kind: ['r.kind'],
  partnershipId: ['r.partnership_id'],
  partnershipIds: ['r.partnership_ids'],
  partnershipName: ['r.kind', 'r.partnership_id', 'p.name as partnership_name'],
  title: ['r.title'],
  caseName: ['r.case_name'],
  publishedOn: ['r.published_on'],
  year: ['r.year'],
  publication: ['r.publication'],
  documents: ['r.documents'],
  summary: ['r.summary'],
  themes: ['r.themes'],
  recommendations: ['r.recommendations'],
  keywords: ['r.keywords'],
  reviewModel: ['r.review_model'],
  link: ['r.link'],
} as const satisfies Record<keyof PublishedReportView, readonly string[]>;

/** Always read: the id and the sort key (cursors are made from them). */
const KEY_COLUMNS = ['r.review_id', 'r.published_on'] as const;

const columnsOf = (fields: Iterable<keyof PublishedReportView> | undefined): string[] =>
  [
    ...KEY_COLUMNS,
    ...(fields === undefined
      ? Object.values(PUBLISHED_REPORT_VIEW_COLUMNS).flat()
      : [...fields].flatMap((field) => PUBLISHED_REPORT_VIEW_COLUMNS[field] ?? [])),
  ].filter((column, index, all) => all.indexOf(column) === index);

/** LIKE metacharacters in the search text are matched literally. */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The columns a listing may read (not the search text, the listing's placement or the areas it mentions); those a
 * caller did not ask for are absent (see `fields`).
 */
type Row = Pick<PublishedReportRow, 'review_id' | 'published_on'> &
  Partial<
    Pick<
      PublishedReportRow,
      | 'review_id'
      | 'kind'
      | 'partnership_id'
      | 'partnership_ids'
      | 'title'
      | 'case_name'
      | 'published_on'
      | 'year'
      | 'publication'
      | 'documents'
      | 'summary'
      | 'themes'
      | 'recommendations'
      | 'keywords'
      | 'review_model'
      | 'link'
    >
  > & { partnership_name?: string | null };

type PublishedReportFilters = Pick<ListPublishedReportsOptions, 'partnershipId' | 'year' | 'theme' | 'search'>;

const whereOf = (sql: Sql, options: PublishedReportFilters) => {
  const search = options.search?.trim();
  return sql`
    ${options.partnershipId !== undefined ? sql`and r.partnership_ids @> ${JSON.stringify([options.partnershipId])}::text::jsonb` : sql``}
    ${options.year !== undefined ? sql`and r.year = ${options.year}` : sql``}
    ${options.theme !== undefined ? sql`and exists (select 1 from jsonb_array_elements_text(r.themes) t where lower(t) = lower(${options.theme}))` : sql``}
    ${search ? sql`and r.search_text like ${likePattern(search)} escape '\\'` : sql``}`;
};

/** How many published reports match, over every row (never the rows of one page). */
export const countPublishedReports = async (sql: Sql, options: PublishedReportFilters): Promise<number> => {
  const [{ count }] = await sql<[{ count: number }]>`
    select count(*)::int as count from read_models.published_reports r
    where r.published_on is not null ${whereOf(sql, options)}`;
  return count;
};

export const listPublishedReports = async (
  sql: Sql,
  options: ListPublishedReportsOptions,
): Promise<Page<PublishedReportView>> => {
  const size = pageSize(options.first);
  const offset = options.page !== undefined ? (Math.max(1, Math.trunc(options.page)) - 1) * size : undefined;
  const [afterOn, afterId] = offset === undefined && options.after !== undefined ? decodeCursor(options.after, 2) : [];
  const where = whereOf(sql, options);
  const counted = options.count !== false;
  // The columns the caller reads (never the search text, the longest of a row); the count rides in the same
  // statement (an InitPlan run once), so a page is one round trip.
  const columns = columnsOf(options.fields);
  const named = columns.some((column) => column.startsWith('p.'));
  const rows = await sql<(Row & { total_count?: number })[]>`
    select ${sql.unsafe(columns.join(', '))}
      ${
        counted
          ? sql`, (select count(*)::int from read_models.published_reports r
              where r.published_on is not null ${where}) as total_count`
          : sql``
      }
    from read_models.published_reports r
    ${named ? sql`left join read_models.partnerships p on p.partnership_id = r.partnership_id` : sql``}
    where r.published_on is not null ${where}
    ${afterOn !== undefined ? sql`and (r.published_on, r.review_id) < (${afterOn}, ${afterId!})` : sql``}
    order by r.published_on desc, r.review_id desc
    limit ${size + 1} ${offset !== undefined ? sql`offset ${offset}` : sql``}`;
  // A page past the end has no row to carry the count: then it is counted on its own.
  const count = !counted ? null : rows[0] ? rows[0].total_count! : await countPublishedReports(sql, options);
  return toPage(
    rows,
    size,
    count,
    (row) => ({
      reviewId: row.review_id,
      kind: row.kind ?? 'local',
      partnershipId: row.partnership_id ?? null,
      partnershipIds: row.partnership_ids ?? [],
      partnershipName:
        row.kind === 'national' ? 'National' : (row.partnership_name ?? row.partnership_id ?? 'Anonymous'),
      title: row.title ?? null,
      caseName: row.case_name ?? '',
      publishedOn: row.published_on!,
      year: row.year ?? 0,
      publication: row.publication ?? '',
      documents: row.documents ?? [],
      summary: row.summary ?? '',
      themes: row.themes ?? [],
      recommendations: row.recommendations ?? [],
      keywords: row.keywords ?? [],
      reviewModel: row.review_model ?? null,
      link: row.link ?? null,
    }),
    (row) => [row.published_on!, row.review_id],
  );
};
