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
};

/** LIKE metacharacters in the search text are matched literally. */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type Row = PublishedReportRow & { partnership_name: string | null };

export const listPublishedReports = async (
  sql: Sql,
  options: ListPublishedReportsOptions,
): Promise<Page<PublishedReportView>> => {
  const size = pageSize(options.first);
  const search = options.search?.trim();
  const filters = sql`
    ${options.partnershipId !== undefined ? sql`and r.partnership_ids @> ${JSON.stringify([options.partnershipId])}::text::jsonb` : sql``}
    ${options.year !== undefined ? sql`and r.year = ${options.year}` : sql``}
    ${options.theme !== undefined ? sql`and exists (select 1 from jsonb_array_elements_text(r.themes) t where lower(t) = lower(${options.theme}))` : sql``}
    ${search ? sql`and r.search_text like ${likePattern(search)} escape '\\'` : sql``}`;
  const [afterOn, afterId] = options.after !== undefined ? decodeCursor(options.after, 2) : [];
  const rows = await sql<Row[]>`
    select r.*, p.name as partnership_name
    from read_models.published_reports r left join read_models.partnerships p on p.partnership_id = r.partnership_id
    where r.published_on is not null ${filters}
    ${afterOn !== undefined ? sql`and (r.published_on, r.review_id) < (${afterOn}, ${afterId!})` : sql``}
    order by r.published_on desc, r.review_id desc
    limit ${size + 1}`;
  const [{ count }] = await sql<[{ count: number }]>`
    select count(*)::int as count from read_models.published_reports r where r.published_on is not null ${filters}`;
  return toPage(
    rows,
    size,
    count,
    (row) => ({
      reviewId: row.review_id,
      kind: row.kind,
      partnershipId: row.partnership_id,
      partnershipIds: row.partnership_ids,
      partnershipName:
        row.kind === 'national' ? 'National' : (row.partnership_name ?? row.partnership_id ?? 'Anonymous'),
      title: row.title,
      caseName: row.case_name ?? '',
      publishedOn: row.published_on!,
      year: row.year!,
      publication: row.publication!,
      documents: row.documents,
      summary: row.summary ?? '',
      themes: row.themes,
      recommendations: row.recommendations,
      keywords: row.keywords,
      reviewModel: row.review_model,
      link: row.link,
    }),
    (row) => [row.published_on!, row.review_id],
  );
};
