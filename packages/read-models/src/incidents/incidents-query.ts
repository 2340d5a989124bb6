/**
 * Queries of the incidents read model. Days left and overdue are computed for `today` (the caller's day in
 * England), never stored. `sealedPersonal` is returned sealed: only the gateway may open it, and audits when it does.
 */
import type { Sql } from 'postgres';
import { decodeCursor, pageSize, toPage, type Page } from '../cursor';
import { resolveToday, viewDeadline, type DeadlineView, type TodayOptions } from '../deadline-view';
import { partnershipMustMeet } from '../stored-deadlines';
import type { HistoryEntry, IncidentRow, IncidentStatus, MergedDuplicate, SealedIncidentPersonal } from './incidents-projection';

export type IncidentView = {
  id: string;
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

const toView = (row: IncidentRow, options: TodayOptions): IncidentView => {
  const { today, calendar } = resolveToday(options);
  const deadlines = row.deadlines.map((d) => viewDeadline(d, today, calendar));
  return {
    id: row.incident_id,
    partnershipId: row.partnership_id,
    localAuthorityCode: row.local_authority_code,
    nature: row.nature,
    status: row.status,
    guidanceEdition: row.guidance_edition,
    becameAwareOn: row.became_aware_on,
    becameAwareDeclaredOn: row.became_aware_declared_on,
    becameAwareClockOn: row.became_aware_clock_on ?? row.became_aware_declared_on,
    becameAwareAmended: row.became_aware_amended,
    incidentOn: row.incident_on,
    notifiedAt: row.notified_at,
    notifiedOn: row.notified_on,
    referralId: row.referral_id,
    children: row.children as Record<string, unknown>[],
    rapidReviewRequired: row.rapid_review_required,
    rapidReview: row.rapid_review,
    panelResponse: row.panel_response,
    withdrawal: row.withdrawal,
    mergedDuplicates: row.merged_duplicates ?? [],
    reviewIds: row.review_ids,
    deadlines,
    nextDueOn: row.next_due_on,
    overdue: deadlines.some((d) => d.overdue && partnershipMustMeet(d)),
    // Absent when a list left the column out (withSealedPersonal / withHistory false).
    sealedPersonal: row.sealed_personal ?? null,
    personalErased: row.personal_erased,
    history: row.history ?? [],
    lastEventAt: row.last_event_at,
    version: row.version,
  };
};

export const getIncident = async (sql: Sql, id: string, options: TodayOptions = {}): Promise<IncidentView | null> => {
  const rows = await sql<IncidentRow[]>`select * from read_models.incidents where incident_id = ${id}`;
  return rows[0] ? toView(rows[0], options) : null;
};

export type ListIncidentsOptions = TodayOptions & {
  partnershipId?: string;
  status?: IncidentStatus;
  nature?: string;
  /**
   * true: only incidents with a deadline the partnership must meet past and not met on `today`; false: only those
   * without. Reads `next_due_on`, which leaves out the Panel's response target.
   */
  overdue?: boolean;
  first?: number;
  after?: string;
  /**
   * Leave out the parts a list rarely shows (they are most of a row's bytes): `history` comes back empty and
   * `sealedPersonal` null, so pass false only when the caller will not read them. Default true for both.
   */
  withHistory?: boolean;
  withSealedPersonal?: boolean;
  /** Count the matching incidents (a second statement); false leaves `totalCount` at -1. Default true. */
  withTotalCount?: boolean;
};

/** Every column but the two large ones; `satisfies` keeps the list in step with IncidentRow. */
const LIST_COLUMNS = [
  'incident_id', 'partnership_id', 'local_authority_code', 'nature', 'status', 'guidance_edition', 'became_aware_on',
  'became_aware_declared_on', 'became_aware_amended', 'became_aware_clock_on', 'incident_on', 'notified_at', 'notified_on',
  'referral_id', 'children', 'rapid_review_required', 'rapid_review', 'panel_response', 'withdrawal', 'merged_duplicates',
  'review_ids', 'deadlines', 'next_due_on', 'personal_erased', 'last_event_at', 'version',
] as const satisfies readonly (keyof IncidentRow)[];

/** Newest notification first; keyset on (notified_at, incident_id). */
export const listIncidents = async (sql: Sql, options: ListIncidentsOptions): Promise<Page<IncidentView>> => {
  const size = pageSize(options.first);
  const { today } = resolveToday(options);
  const filters = sql`
    ${options.partnershipId !== undefined ? sql`and partnership_id = ${options.partnershipId}` : sql``}
    ${options.status !== undefined ? sql`and status = ${options.status}` : sql``}
    ${options.nature !== undefined ? sql`and nature = ${options.nature}` : sql``}
    ${options.overdue === true ? sql`and next_due_on < ${today}` : sql``}
    ${options.overdue === false ? sql`and (next_due_on is null or next_due_on >= ${today})` : sql``}`;
  const [afterAt, afterId] = options.after !== undefined ? decodeCursor(options.after, 2) : [];
  const withHistory = options.withHistory !== false;
  const withSealed = options.withSealedPersonal !== false;
  const columns = [...LIST_COLUMNS, ...(withHistory ? ['history'] : []), ...(withSealed ? ['sealed_personal'] : [])];
  const rowsQuery = sql<IncidentRow[]>`
    select ${sql(columns)} from read_models.incidents
    where true ${filters}
    ${afterAt !== undefined ? sql`and (notified_at, incident_id) < (${afterAt}, ${afterId!})` : sql``}
    order by notified_at desc, incident_id desc
    limit ${size + 1}`;
  // Both statements go out together (the pool runs them on two connections) rather than one after the other.
  const countQuery = options.withTotalCount === false
    ? Promise.resolve(-1)
    : sql<{ count: number }[]>`select count(*)::int as count from read_models.incidents where true ${filters}`.then((r) => r[0]!.count);
  const [rows, count] = await Promise.all([rowsQuery, countQuery]);
  return toPage(rows, size, count, (row) => toView(row, options), (row) => [row.notified_at, row.incident_id]);
};
