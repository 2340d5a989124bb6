/**
 * Erasure requests by status, oldest request first, with the subject's reference, partnership and local authority
 * (from the incidents, referrals or reviews read model, by the subject's kind).
 */
import type { Sql } from 'postgres';
import { pageSize, toPage, type Page } from '../cursor';
import type { ErasureRequestRow, ErasureRequestStatus, ErasureSubjectKind } from './erasure-requests-projection';

export type ErasureRequestView = {
  subjectKind: ErasureSubjectKind;
  subjectId: string;
  reference: string | null;
  partnershipId: string | null;
  localAuthorityCode: string | null;
  status: ErasureRequestStatus;
  legalBasis: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
};

type Row = ErasureRequestRow & {
  reference: string | null;
  partnership_id: string | null;
  local_authority_code: string | null;
};

export type ListErasureRequestsOptions = {
  status?: ErasureRequestStatus;
  first?: number;
  page?: number;
  count?: boolean;
};

export const listErasureRequests = async (
  sql: Sql,
  options: ListErasureRequestsOptions = {},
): Promise<Page<ErasureRequestView>> => {
  const size = pageSize(options.first);
  const offset = (Math.max(1, Math.trunc(options.page ?? 1)) - 1) * size;
  const where = options.status !== undefined ? sql`where e.status = ${options.status}` : sql``;
  const rows = await sql<Row[]>`
    select e.*,
      coalesce(i.reference, v.reference) as reference,
      coalesce(i.partnership_id, r.partnership_id, v.partnership_ids ->> 0) as partnership_id,
      coalesce(i.local_authority_code, r.local_authority_code) as local_authority_code
    from read_models.erasure_requests e
    left join read_models.incidents i on e.subject_kind = 'incident' and i.incident_id = e.subject_id
    left join read_models.referrals r on e.subject_kind = 'referral' and r.referral_id = e.subject_id
    left join read_models.reviews v on e.subject_kind = 'review' and v.review_id = e.subject_id
    ${where}
    order by e.requested_at, e.subject_id
    limit ${size + 1} offset ${offset}`;
  const count =
    options.count === false
      ? null
      : (await sql<[{ count: number }]>`select count(*)::int as count from read_models.erasure_requests e ${where}`)[0]
          .count;
  return toPage(
    rows,
    size,
    count,
    (row) => ({
      subjectKind: row.subject_kind,
      subjectId: row.subject_id,
      reference: row.reference,
      partnershipId: row.partnership_id,
      localAuthorityCode: row.local_authority_code,
      status: row.status,
      legalBasis: row.legal_basis,
      requestedBy: row.requested_by,
      requestedAt: row.requested_at,
      decidedBy: row.decided_by,
      decidedAt: row.decided_at,
    }),
    (row) => [row.requested_at, row.subject_id],
  );
};

/** How many requests wait for a second admin. */
export const countErasureRequests = async (sql: Sql, status: ErasureRequestStatus): Promise<number> =>
  (
    await sql<
      [{ count: number }]
    >`select count(*)::int as count from read_models.erasure_requests where status = ${status}`
  )[0].count;
