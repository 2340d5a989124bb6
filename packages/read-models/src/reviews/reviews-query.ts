/** Queries of the reviews read model; days left and overdue are computed for `today`. */
import type { Sql } from 'postgres';
import { decodeCursor, pageSize, toPage, type Page } from '../cursor';
import { resolveToday, viewDeadline, type DeadlineView, type TodayOptions } from '../deadline-view';
import type { ReviewDelay, ReviewHistoryEntry, ReviewReviewer, ReviewRow, ReviewStatus } from './reviews-projection';

export type ReviewView = {
  id: string;
  /** The case reference people read (`REV-2026-00045`); null for a review commissioned before references, until backfilled. */
  reference: string | null;
  kind: 'local' | 'national';
  partnershipIds: string[];
  incidentIds: string[];
  status: ReviewStatus;
  caseName: string | null;
  title: string | null;
  thematic: boolean;
  commissionedAt: string;
  commissionedOn: string;
  guidanceEdition: string;
  reviewer: ReviewReviewer | null;
  delays: ReviewDelay[];
  finalReport: ReviewRow['final_report'];
  publication: ReviewRow['publication'];
  actionPlan: ReviewRow['action_plan'];
  closure: ReviewRow['closure'];
  deadlines: DeadlineView[];
  nextDueOn: string | null;
  overdue: boolean;
  history: ReviewHistoryEntry[];
  lastEventAt: string;
  version: number;
};

const toView = (row: ReviewRow, options: TodayOptions): ReviewView => {
  const { today, calendar } = resolveToday(options);
  // Viewed for today only when read (a list page shows `overdue` and `nextDueOn`, rarely every deadline), once.
  let deadlines: DeadlineView[] | undefined;
  return {
    id: row.review_id,
    reference: row.reference,
    kind: row.kind,
    partnershipIds: row.partnership_ids,
    incidentIds: row.incident_ids,
    status: row.status,
    caseName: row.case_name,
    title: row.title,
    thematic: row.thematic,
    commissionedAt: row.commissioned_at,
    commissionedOn: row.commissioned_on,
    guidanceEdition: row.guidance_edition,
    reviewer: row.reviewer,
    delays: row.delays,
    finalReport: row.final_report,
    publication: row.publication,
    actionPlan: row.action_plan,
    closure: row.closure,
    get deadlines() {
      return (deadlines ??= row.deadlines.map((d) => viewDeadline(d, today, calendar)));
    },
    nextDueOn: row.next_due_on,
    // next_due_on is the earliest open due date the partnership must meet (stored-deadlines.ts nextDueOn), and every
    // deadline of a review is the partnership's: exactly those that can be overdue, as for incidents.
    overdue: row.next_due_on !== null && row.next_due_on < today,
    history: row.history,
    lastEventAt: row.last_event_at,
    version: row.version,
  };
};

export const getReview = async (sql: Sql, id: string, options: TodayOptions = {}): Promise<ReviewView | null> => {
  const rows = await sql<ReviewRow[]>`select * from read_models.reviews where review_id = ${id}`;
  return rows[0] ? toView(rows[0], options) : null;
};

/** The review a case reference names (`REV-2026-00045`, already normalised), or null. */
export const getReviewByReference = async (
  sql: Sql,
  reference: string,
  options: TodayOptions = {},
): Promise<ReviewView | null> => {
  const rows = await sql<ReviewRow[]>`select * from read_models.reviews where reference = ${reference}`;
  return rows[0] ? toView(rows[0], options) : null;
};

export type ListReviewsOptions = TodayOptions & {
  /** Reviews this partnership commissioned or, for national reviews, whose incidents it owns. */
  partnershipId?: string;
  kind?: 'local' | 'national';
  status?: ReviewStatus;
  /** The case reference, exact (already normalised). */
  reference?: string;
  first?: number;
  after?: string;
  /** 1-based page number (GOV.UK pagination); `after` is ignored when given. */
  page?: number;
  /** Count the matching rows (default true). */
  count?: boolean;
};

/** Most recently commissioned first; keyset on (commissioned_at, review_id). */
export const listReviews = async (sql: Sql, options: ListReviewsOptions): Promise<Page<ReviewView>> => {
  const size = pageSize(options.first);
  const filters = sql`
    ${options.partnershipId !== undefined ? sql`and partnership_ids @> ${JSON.stringify([options.partnershipId])}::text::jsonb` : sql``}
    ${options.kind !== undefined ? sql`and kind = ${options.kind}` : sql``}
    ${options.status !== undefined ? sql`and status = ${options.status}` : sql``}
    ${options.reference !== undefined ? sql`and reference = ${options.reference}` : sql``}`;
  const offset = options.page !== undefined ? (Math.max(1, Math.trunc(options.page)) - 1) * size : undefined;
  const [afterAt, afterId] = offset === undefined && options.after !== undefined ? decodeCursor(options.after, 2) : [];
  const rows = await sql<ReviewRow[]>`
    select * from read_models.reviews
    where true ${filters}
    ${afterAt !== undefined ? sql`and (commissioned_at, review_id) < (${afterAt}, ${afterId!})` : sql``}
    order by commissioned_at desc, review_id desc
    limit ${size + 1} ${offset !== undefined ? sql`offset ${offset}` : sql``}`;
  const count =
    options.count === false
      ? null
      : (
          await sql<[{ count: number }]>`select count(*)::int as count from read_models.reviews where true ${filters}`
        )[0].count;
  return toPage(
    rows,
    size,
    count,
    (row) => toView(row, options),
    (row) => [row.commissioned_at, row.review_id],
  );
};
