/** Queries of the referrals read model: a partnership's referrals (newest first), or one referrer's own. */
import type { Sql } from 'postgres';
import { decodeCursor, pageSize, toPage, type Page } from '../cursor';
import type { ReferralOutcomeRow, ReferralRow, ReferralStatus } from './referrals-projection';

export type ReferralView = {
  id: string;
  partnershipId: string;
  localAuthorityCode: string;
  agency: string;
  /** User id of the referrer: the gateway shows a referral to an agency user only when it is theirs. */
  referredBy: string;
  nature: string;
  incidentOn: string;
  becameAwareOn: string;
  criteriaView: string;
  dslConsulted: boolean;
  children: unknown[];
  submittedAt: string;
  submittedOn: string;
  status: ReferralStatus;
  decision: ReferralOutcomeRow | null;
  withdrawnOn: string | null;
  version: number;
};

const toView = (row: ReferralRow): ReferralView => ({
  id: row.referral_id,
  partnershipId: row.partnership_id,
  localAuthorityCode: row.local_authority_code,
  agency: row.agency,
  referredBy: row.referred_by,
  nature: row.nature,
  incidentOn: row.incident_on,
  becameAwareOn: row.became_aware_on,
  criteriaView: row.criteria_view,
  dslConsulted: row.dsl_consulted,
  children: row.children,
  submittedAt: row.submitted_at,
  submittedOn: row.submitted_on,
  status: row.status,
  decision: row.decision,
  withdrawnOn: row.withdrawn_on,
  version: row.version,
});

export const getReferral = async (sql: Sql, id: string): Promise<ReferralView | null> => {
  const rows = await sql<ReferralRow[]>`select * from read_models.referrals where referral_id = ${id}`;
  return rows[0] ? toView(rows[0]) : null;
};

export type ListReferralsOptions = {
  partnershipId: string;
  /** Only this referrer's referrals (an agency user sees its own). */
  referredBy?: string;
  status?: ReferralStatus;
  first?: number;
  after?: string;
  /** 1-based page number of `first` rows (GOV.UK pagination): an offset, and `after` is then ignored. */
  page?: number;
  /** false: leave totalCount null (the gateway counts only when a client asks, with countReferrals). */
  count?: boolean;
};

type ReferralFilters = Pick<ListReferralsOptions, 'partnershipId' | 'referredBy' | 'status'>;

const whereOf = (sql: Sql, options: ReferralFilters) => sql`
    partnership_id = ${options.partnershipId}
    ${options.referredBy !== undefined ? sql`and referred_by = ${options.referredBy}` : sql``}
    ${options.status !== undefined ? sql`and status = ${options.status}` : sql``}`;

/** How many referrals match, over every row (never the rows of one page). */
export const countReferrals = async (sql: Sql, options: ReferralFilters): Promise<number> => {
  const [{ count }] = await sql<
    [{ count: number }]
  >`select count(*)::int as count from read_models.referrals where ${whereOf(sql, options)}`;
  return count;
};

/** Newest first; keyset on (submitted_at, referral_id), or an offset for `page`. */
export const listReferrals = async (sql: Sql, options: ListReferralsOptions): Promise<Page<ReferralView>> => {
  const size = pageSize(options.first);
  const offset = options.page !== undefined ? (Math.max(1, Math.trunc(options.page)) - 1) * size : undefined;
  const [at, id] = offset === undefined && options.after ? decodeCursor(options.after, 2) : [];
  const rowsQuery = sql<ReferralRow[]>`
    select * from read_models.referrals where ${whereOf(sql, options)}
    ${at !== undefined ? sql`and (submitted_at, referral_id) < (${at}, ${id!})` : sql``}
    order by submitted_at desc, referral_id desc limit ${size + 1} ${offset !== undefined ? sql`offset ${offset}` : sql``}`;
  const [rows, count] = await Promise.all([
    rowsQuery,
    options.count === false ? Promise.resolve(null) : countReferrals(sql, options),
  ]);
  return toPage(rows, size, count, toView, (row) => [row.submitted_at, row.referral_id]);
};
