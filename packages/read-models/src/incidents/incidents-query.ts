/**
 * Queries of the incidents read model. Days left and overdue are computed for `today` (the caller's day in
 * England), never stored. `sealedPersonal` is returned sealed: only the gateway may open it, and audits when it does.
 */
import type { Sql } from 'postgres';
import { decodeCursor, pageSize, toPage, type Page } from '../cursor';
import { resolveToday, viewDeadline, type DeadlineView, type TodayOptions } from '../deadline-view';
import type {
  HistoryEntry,
  IncidentRow,
  IncidentStatus,
  MergedDuplicate,
  SealedIncidentPersonal,
} from './incidents-projection';

export type IncidentView = {
  id: string;
  /** The case reference people read (`INC-2026-00123`); null for an incident notified before references, until backfilled. */
  reference: string | null;
  partnershipId: string;
  localAuthorityCode: string;
  nature: string;
  status: IncidentStatus;
  guidanceEdition: string;
  /** The became-aware date as it now stands (amendments correct it). */
  becameAwareOn: string;
  /** As declared at notification. */
  becameAwareDeclaredOn: string;
  /** The earliest became-aware date recorded (declared or corrected): the notification deadline counts from it. */
  becameAwareClockOn: string;
  /** The became-aware date was amended away from the declared one. */
  becameAwareAmended: boolean;
  incidentOn: string;
  notifiedAt: string;
  notifiedOn: string;
  referralId: string | null;
  children: Record<string, unknown>[];
  rapidReviewRequired: boolean;
  rapidReview: Record<string, unknown> | null;
  panelResponse: Record<string, unknown> | null;
  withdrawal: Record<string, unknown> | null;
  /** Duplicates merged into this incident (for the Panel). */
  mergedDuplicates: MergedDuplicate[];
  reviewIds: string[];
  deadlines: DeadlineView[];
  /** The earliest open deadline the partnership must meet (never the Panel's response target). */
  nextDueOn: string | null;
  /** A deadline the partnership must meet is past and not met; the Panel's target being past does not count. */
  overdue: boolean;
  sealedPersonal: SealedIncidentPersonal | null;
  personalErased: boolean;
  history: HistoryEntry[];
  lastEventAt: string;
  version: number;
};

/** A row as listed: the columns a caller did not ask for are absent (see `ListIncidentsOptions.fields`). */
type ListedRow = Partial<IncidentRow> & Pick<IncidentRow, 'incident_id' | 'notified_at' | 'next_due_on'>;

const toView = (row: ListedRow, options: TodayOptions): IncidentView => {
  // Days left are computed per deadline for today: only for rows whose deadlines were read.
  const { today, calendar } = resolveToday(options);
  const deadlines = row.deadlines ? row.deadlines.map((d) => viewDeadline(d, today, calendar)) : [];
  return {
    id: row.incident_id,
    reference: row.reference ?? null,
    partnershipId: row.partnership_id ?? '',
    localAuthorityCode: row.local_authority_code ?? '',
    nature: row.nature ?? '',
    status: row.status ?? 'notified',
    guidanceEdition: row.guidance_edition ?? '',
    becameAwareOn: row.became_aware_on ?? '',
    becameAwareDeclaredOn: row.became_aware_declared_on ?? '',
    becameAwareClockOn: row.became_aware_clock_on ?? row.became_aware_declared_on ?? '',
    becameAwareAmended: row.became_aware_amended ?? false,
    incidentOn: row.incident_on ?? '',
    notifiedAt: row.notified_at,
    notifiedOn: row.notified_on ?? '',
    referralId: row.referral_id ?? null,
    children: (row.children ?? []) as Record<string, unknown>[],
    rapidReviewRequired: row.rapid_review_required ?? false,
    rapidReview: row.rapid_review ?? null,
    panelResponse: row.panel_response ?? null,
    withdrawal: row.withdrawal ?? null,
    mergedDuplicates: row.merged_duplicates ?? [],
    reviewIds: row.review_ids ?? [],
    deadlines,
    nextDueOn: row.next_due_on,
    // next_due_on is the earliest open due date the partnership must meet (stored-deadlines.ts nextDueOn): exactly
    // the deadlines that can be overdue, so one comparison answers without viewing every deadline (the `overdue`
    // filter reads the same column, so field and filter always agree).
    overdue: row.next_due_on !== null && row.next_due_on < today,
    sealedPersonal: row.sealed_personal ?? null,
    personalErased: row.personal_erased ?? false,
    history: row.history ?? [],
    lastEventAt: row.last_event_at ?? '',
    version: row.version ?? 0,
  };
};

export const getIncident = async (sql: Sql, id: string, options: TodayOptions = {}): Promise<IncidentView | null> => {
  const rows = await sql<IncidentRow[]>`select * from read_models.incidents where incident_id = ${id}`;
  return rows[0] ? toView(rows[0], options) : null;
};

/** The incident a case reference names (`INC-2026-00123`, already normalised), or null. */
export const getIncidentByReference = async (
  sql: Sql,
  reference: string,
  options: TodayOptions = {},
): Promise<IncidentView | null> => {
  const rows = await sql<IncidentRow[]>`select * from read_models.incidents where reference = ${reference}`;
  return rows[0] ? toView(rows[0], options) : null;
};

/** How a list is ordered: newest notification first, or the most urgent first (overdue, then the nearest due date). */
export type IncidentOrder = 'newest' | 'most-urgent';

export type IncidentFilters = {
  partnershipId?: string;
  status?: IncidentStatus;
  nature?: string;
  localAuthorityCode?: string;
  /** The case reference, exact (already normalised: `INC-2026-00123`). */
  reference?: string;
  /** Notified on or after this date in England (YYYY-MM-DD). */
  notifiedFrom?: string;
  /** Notified on or before this date in England (YYYY-MM-DD). */
  notifiedTo?: string;
  /**
   * true: only incidents with a deadline the partnership must meet past and not met on `today`; false: only those
   * without. Reads `next_due_on`, which leaves out the Panel's response target.
   */
  overdue?: boolean;
};

export type ListIncidentsOptions = TodayOptions &
  IncidentFilters & {
    order?: IncidentOrder;
    first?: number;
    after?: string;
    /** 1-based page number (GOV.UK pagination): skips `(page - 1) * first` rows; `after` is ignored when given. */
    page?: number;
    /** Count the matching rows (default true). The gateway counts only when `totalCount` is asked for. */
    count?: boolean;
    /**
     * The view's fields the caller will read: only their columns are fetched (a list page shows a few of a row's
     * thirty, and history and the sealed parts are most of its bytes). The others come back empty (`''`, `[]`,
     * null, false), so name every field that will be read. Default: all.
     */
    fields?: Iterable<keyof IncidentView>;
  };

/** The columns each field of the view is made from; `satisfies` keeps it in step with both types. */
const INCIDENT_VIEW_COLUMNS = {
  id: ['incident_id'],
  reference: ['reference'],
  partnershipId: ['partnership_id'],
  localAuthorityCode: ['local_authority_code'],
  nature: ['nature'],
  status: ['status'],
  guidanceEdition: ['guidance_edition'],
  becameAwareOn: ['became_aware_on'],
  becameAwareDeclaredOn: ['became_aware_declared_on'],
  becameAwareClockOn: ['became_aware_clock_on', 'became_aware_declared_on'],
  becameAwareAmended: ['became_aware_amended'],
  incidentOn: ['incident_on'],
  notifiedAt: ['notified_at'],
  notifiedOn: ['notified_on'],
  referralId: ['referral_id'],
  children: ['children'],
  rapidReviewRequired: ['rapid_review_required'],
  rapidReview: ['rapid_review'],
  panelResponse: ['panel_response'],
  withdrawal: ['withdrawal'],
  mergedDuplicates: ['merged_duplicates'],
  reviewIds: ['review_ids'],
  deadlines: ['deadlines'],
  nextDueOn: ['next_due_on'],
  overdue: ['next_due_on'],
  sealedPersonal: ['sealed_personal'],
  personalErased: ['personal_erased'],
  history: ['history'],
  lastEventAt: ['last_event_at'],
  version: ['version'],
} as const satisfies Record<keyof IncidentView, readonly (keyof IncidentRow)[]>;

/**
 * Always read: the id and both orders' sort keys (cursors are made from them). The names are this file's constants,
 * plain lower-case words, so they are written into the statement as they are: postgres.js's identifier helper
 * searches the statement text so far on every call.
 */
const KEY_COLUMNS = ['incident_id', 'notified_at', 'next_due_on'] as const satisfies readonly (keyof IncidentRow)[];

const columnsOf = (fields: Iterable<keyof IncidentView> | undefined): string[] => {
  if (fields === undefined) return Object.values(INCIDENT_VIEW_COLUMNS).flat().filter(unique);
  return [...KEY_COLUMNS, ...[...fields].flatMap((field) => INCIDENT_VIEW_COLUMNS[field] ?? [])].filter(unique);
};

const unique = <T>(value: T, index: number, all: readonly T[]) => all.indexOf(value) === index;

const whereOf = (sql: Sql, options: IncidentFilters & TodayOptions) => {
  const { today } = resolveToday(options);
  return sql`
    ${options.partnershipId !== undefined ? sql`and partnership_id = ${options.partnershipId}` : sql``}
    ${options.status !== undefined ? sql`and status = ${options.status}` : sql``}
    ${options.nature !== undefined ? sql`and nature = ${options.nature}` : sql``}
    ${options.localAuthorityCode !== undefined ? sql`and local_authority_code = ${options.localAuthorityCode}` : sql``}
    ${options.reference !== undefined ? sql`and reference = ${options.reference}` : sql``}
    ${options.notifiedFrom !== undefined ? sql`and notified_on >= ${options.notifiedFrom}` : sql``}
    ${options.notifiedTo !== undefined ? sql`and notified_on <= ${options.notifiedTo}` : sql``}
    ${options.overdue === true ? sql`and next_due_on < ${today}` : sql``}
    ${options.overdue === false ? sql`and (next_due_on is null or next_due_on >= ${today})` : sql``}`;
};

/** How many incidents match, over every row (never the rows of one page). */
export const countIncidents = async (sql: Sql, options: IncidentFilters & TodayOptions): Promise<number> => {
  const [{ count }] = await sql<[{ count: number }]>`
    select count(*)::int as count from read_models.incidents where true ${whereOf(sql, options)}`;
  return count;
};

/**
 * Keyset on (notified_at, incident_id) for newest first; on (urgency, next_due_on, notified_at, incident_id) for
 * most urgent first, where urgency 0 is a date due (overdue ones have the earliest) and 1 none. `page` uses an offset.
 */
export const listIncidents = async (sql: Sql, options: ListIncidentsOptions): Promise<Page<IncidentView>> => {
  const size = pageSize(options.first);
  const urgent = options.order === 'most-urgent';
  const offset = options.page !== undefined ? (Math.max(1, Math.trunc(options.page)) - 1) * size : undefined;
  const after =
    offset === undefined && options.after !== undefined ? decodeCursor(options.after, urgent ? 4 : 2) : undefined;
  const keyset =
    after === undefined
      ? sql``
      : urgent
        ? sql`and (case when next_due_on is null then 1 else 0 end, coalesce(next_due_on, ''), notified_at, incident_id)
          > (${Number(after[0])}, ${after[1]!}, ${after[2]!}, ${after[3]!})`
        : sql`and (notified_at, incident_id) < (${after[0]!}, ${after[1]!})`;
  const where = whereOf(sql, options);
  const counted = options.count !== false;
  // The count rides in the page's own statement (an InitPlan run once): one round trip instead of two.
  const rows = await sql<(ListedRow & { total_count?: number })[]>`
    select ${sql.unsafe(columnsOf(options.fields).join(', '))}
      ${counted ? sql`, (select count(*)::int from read_models.incidents where true ${where}) as total_count` : sql``}
    from read_models.incidents
    where true ${where} ${keyset}
    order by ${
      urgent
        ? sql`case when next_due_on is null then 1 else 0 end, coalesce(next_due_on, ''), notified_at, incident_id`
        : sql`notified_at desc, incident_id desc`
    }
    limit ${size + 1} ${offset !== undefined ? sql`offset ${offset}` : sql``}`;
  // A page past the end has no row to carry the count: then it is counted on its own.
  const count = !counted ? null : rows[0] ? rows[0].total_count! : await countIncidents(sql, options);
  const keyOf = (row: ListedRow) =>
    urgent
      ? [row.next_due_on === null ? '1' : '0', row.next_due_on ?? '', row.notified_at, row.incident_id]
      : [row.notified_at, row.incident_id];
  return toPage(rows, size, count, (row) => toView(row, options), keyOf);
};

/** Dashboard figures over every incident of the filter (a partnership's, or all), for `today`. */
export type IncidentFigures = { notified: number; open: number; overdue: number; dueThisWeek: number };

/**
 * `dueThisWeek`: open incidents whose next deadline falls from today to the Sunday of this week (Monday to Sunday,
 * England), not already overdue. `open` leaves out withdrawn incidents; `notified` counts every notification.
 */
export const incidentFigures = async (
  sql: Sql,
  options: TodayOptions & { partnershipId?: string },
): Promise<IncidentFigures> => {
  const { today } = resolveToday(options);
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
  const sunday = new Date(Date.parse(`${today}T12:00:00Z`) + ((7 - weekday) % 7) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const [row] = await sql<[IncidentFigures]>`
    select count(*)::int as notified,
      count(*) filter (where status <> 'withdrawn')::int as open,
      count(*) filter (where next_due_on < ${today})::int as overdue,
      count(*) filter (where next_due_on >= ${today} and next_due_on <= ${sunday})::int as "dueThisWeek"
    from read_models.incidents
    where true ${options.partnershipId !== undefined ? sql`and partnership_id = ${options.partnershipId}` : sql``}`;
  return row;
};
