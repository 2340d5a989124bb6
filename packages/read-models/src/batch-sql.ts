/**
 * The database half of a batch: one statement loads every row the batch touches, one statement writes every changed
 * row (round trips, not rows, dominate on a busy server). SQL is built from fragments and constant identifiers only.
 */
import type { TransactionSql } from 'postgres';
import type { DeadLetter, TableState } from './batch-memory';

type Fragment = ReturnType<TransactionSql['unsafe']>;

/** Joins fragments with commas (postgres.js has no join helper); every piece stays a parameterised fragment. */
const commaList = (tx: TransactionSql, fragments: Fragment[]): Fragment =>
  fragments.slice(1).reduce((list, fragment) => tx`${list}, ${fragment}` as unknown as Fragment, fragments[0]!);

/** Where a batch reads and writes a projection's table: the served one, or the one a rebuild fills (rebuild-tables.ts). */
export type TableOf = (table: string) => string;
const served: TableOf = (table) => table;

/** One statement loads the rows of every table the batch touches (round trips, not rows, dominate a busy server). */
export const loadRows = async (
  tx: TransactionSql,
  states: TableState[],
  keysByState: Set<string>[],
  tableOf: TableOf = served,
) => {
  const parts: Fragment[] = [];
  states.forEach((state, index) => {
    const keys = keysByState[index]!;
    if (keys.size === 0) return;
    for (const key of keys) state.loaded.add(key);
    const { table, key } = state.projection;
    parts.push(
      tx`select ${index}::int as source, to_jsonb(t) as row from ${tx(tableOf(table))} t
      where ${tx(key)} in (select jsonb_array_elements_text(${JSON.stringify([...keys])}::text::jsonb))` as unknown as Fragment,
    );
  });
  if (parts.length === 0) return;
  const query = parts.slice(1).reduce((all, part) => tx`${all} union all ${part}` as unknown as Fragment, parts[0]!);
  const found = await tx<{ source: number; row: Record<string, unknown> }[]>`${query}`;
  for (const { source, row } of found) {
    const state = states[source]!;
    state.rows.set(String(row[state.projection.key]), row);
  }
};

/**
 * One statement writes every changed row of every table: an upsert per table (columns from the rows themselves,
 * which the projection code defines) and a delete of rows the batch removed, as data-modifying CTEs on distinct rows.
 */
export const writeRows = async (
  tx: TransactionSql,
  states: TableState[],
  letters: DeadLetter[],
  tableOf: TableOf = served,
) => {
  const ctes: Fragment[] = [];
  for (const state of states) {
    if (state.dirty.size === 0) continue;
    const table = tableOf(state.projection.table);
    const { key } = state.projection;
    const rows = [...state.dirty].map((k) => state.rows.get(k)).filter((row) => row !== undefined);
    const removed = [...state.dirty].filter((k) => !state.rows.has(k));
    const name = (suffix: string) => tx(`${state.projection.name.replace(/-/g, '_')}_${suffix}`);
    if (rows.length > 0) {
      const columns = Object.keys(rows[0]!).filter((column) => column !== key);
      const set = commaList(
        tx,
        columns.map((column) => tx`${tx(column)}` as unknown as Fragment),
      );
      const excluded = commaList(
        tx,
        columns.map((column) => tx`excluded.${tx(column)}` as unknown as Fragment),
      );
      ctes.push(
        tx`${name('upsert')} as (
        insert into ${tx(table)} select * from jsonb_populate_recordset(null::${tx(table)}, ${JSON.stringify(rows)}::text::jsonb)
        on conflict (${tx(key)}) do update set (${set}) = row (${excluded}) returning 1)` as unknown as Fragment,
      );
    }
    if (removed.length > 0) {
      ctes.push(
        tx`${name('delete')} as (
        delete from ${tx(table)} where ${tx(key)} in (select jsonb_array_elements_text(${JSON.stringify(removed)}::text::jsonb)) returning 1)` as unknown as Fragment,
      );
    }
  }
  if (letters.length > 0) {
    const rows = letters.map((l) => ({
      event_id: l.eventId,
      event_type: l.eventType,
      stream_id: l.streamId,
      position: l.position,
      projection: l.projection,
      reason: l.reason,
      recorded_at: l.recordedAt,
    }));
    const deadLetters = tx(tableOf('read_models.dead_letters'));
    ctes.push(
      tx`dead_letters as (
      insert into ${deadLetters}
      select * from jsonb_populate_recordset(null::${deadLetters}, ${JSON.stringify(rows)}::text::jsonb)
      on conflict do nothing returning 1)` as unknown as Fragment,
    );
  }
  if (ctes.length > 0) await tx`with ${commaList(tx, ctes)} select 1`;
};
