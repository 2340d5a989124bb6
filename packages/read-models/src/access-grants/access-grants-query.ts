/** Grants in force, for one subject (the gateway, on every request) or all (admins), with partnership names. */
import type { Sql } from 'postgres';

export type AccessGrantView = {
  subject: string;
  role: string;
  partnershipId: string | null;
  partnershipName: string | null;
  email: string | null;
  grantedBy: string;
  grantedAt: string;
};

type Row = {
  subject: string;
  role: string;
  partnership_id: string | null;
  partnership_name: string | null;
  email: string | null;
  granted_by: string;
  granted_at: string;
};

const toView = (row: Row): AccessGrantView => ({
  subject: row.subject,
  role: row.role,
  partnershipId: row.partnership_id,
  partnershipName: row.partnership_name,
  email: row.email,
  grantedBy: row.granted_by,
  grantedAt: row.granted_at,
});

/** Oldest grant first, so "the first grant" is stable for a subject holding several. */
export const grantsForSubject = async (sql: Sql, subject: string): Promise<AccessGrantView[]> =>
  (
    await sql<Row[]>`
    select g.subject, g.role, g.partnership_id, p.name as partnership_name, g.email, g.granted_by, g.granted_at
    from read_models.access_grants g left join read_models.partnerships p on p.partnership_id = g.partnership_id
    where g.subject = ${subject} order by g.granted_at, g.grant_key`
  ).map(toView);

/** Every grant in force (a few thousand people at most), optionally one partnership's. */
export const listAccessGrants = async (sql: Sql, filter: { partnershipId?: string } = {}): Promise<AccessGrantView[]> =>
  (
    await sql<Row[]>`
    select g.subject, g.role, g.partnership_id, p.name as partnership_name, g.email, g.granted_by, g.granted_at
    from read_models.access_grants g left join read_models.partnerships p on p.partnership_id = g.partnership_id
    ${filter.partnershipId ? sql`where g.partnership_id = ${filter.partnershipId}` : sql``}
    order by g.partnership_id nulls first, g.role, g.email, g.subject`
  ).map(toView);
