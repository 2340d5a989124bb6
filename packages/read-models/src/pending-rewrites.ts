/**
 * Tables that held opened pseudonyms an erasure blanked, waiting to be rewritten (`holdsOpenedPseudonyms`). A batch
 * that blanks such a table records it here in its own transaction, so a projector that stops before the rewrite
 * (a crash, a deploy) finds it on start: the blanked text's old row versions never outlive an erasure unnoticed.
 * Each entry keeps the id of the last transaction that asked: a rewrite clears only what it covered.
 */
import type { Sql, TransactionSql } from 'postgres';

export const PENDING_REWRITES_TABLE_SQL = `
create table read_models.pending_rewrites (
  table_name text primary key,
  requested_xid xid8 not null,
  requested_at timestamptz not null default now()
);
`;

export const recordPendingRewrites = async (tx: TransactionSql, tables: Iterable<string>): Promise<void> => {
  const names = [...tables];
  if (names.length === 0) return;
  await tx`
    insert into read_models.pending_rewrites (table_name, requested_xid)
    select name, pg_current_xact_id() from unnest(${names}::text[]) as name
    on conflict (table_name) do update set requested_xid = excluded.requested_xid, requested_at = now()`;
};

/** The tables waiting, and the transaction id below which every transaction has been assigned (see clear). */
export const readPendingRewrites = async (sql: Sql): Promise<{ tables: string[]; before: string }> => {
  const [{ before }] = await sql<[{ before: string }]>`select pg_snapshot_xmax(pg_current_snapshot())::text as before`;
  const rows = await sql<{ table_name: string }[]>`
    select table_name from read_models.pending_rewrites order by table_name`;
  return { tables: rows.map((r) => r.table_name), before };
};

/**
 * Clears the entries a rewrite covered: those asked by transactions below `before`, read before the rewrite began
 * (a rewrite removes what every transaction that ended before it left behind). A later request stays.
 */
export const clearPendingRewrites = async (sql: Sql, tables: readonly string[], before: string): Promise<void> => {
  await sql`
    delete from read_models.pending_rewrites
    where table_name = any(${tables as string[]}::text[]) and requested_xid < ${before}::xid8`;
};
