/** Registered partnerships, by id or all (a few hundred at most: no pagination). */
import type { Sql } from 'postgres';
import type { PartnershipRow } from './partnerships-projection';

export type PartnershipView = {
  id: string;
  name: string;
  localAuthorityCodes: string[];
  registeredAt: string;
  version: number;
};

const toView = (row: PartnershipRow): PartnershipView => ({
  id: row.partnership_id,
  name: row.name,
  localAuthorityCodes: row.local_authority_codes,
  registeredAt: row.registered_at,
  version: row.version,
});

export const getPartnership = async (sql: Sql, id: string): Promise<PartnershipView | null> => {
  const rows = await sql<PartnershipRow[]>`select * from read_models.partnerships where partnership_id = ${id}`;
  return rows[0] ? toView(rows[0]) : null;
};

export const listPartnerships = async (sql: Sql): Promise<PartnershipView[]> => {
  const rows = await sql<PartnershipRow[]>`select * from read_models.partnerships order by name, partnership_id`;
  return rows.map(toView);
};
