/**
 * A rebuild writes into NEW tables while the served ones keep answering and keep following the log: the schema
 * `read_models_next` holds a copy of every read-model table with its primary key only (secondary indexes are built
 * once, after the load, instead of being maintained row by row), and its own checkpoint row `read-models-rebuild`.
 * When the replay has reached the end of the log, one transaction drops the served tables and moves the new ones
 * into `read_models`, and the served checkpoint jumps to the rebuild's position (the live projector's next
 * compare-and-set fails, it re-reads and applies whatever arrived since). A rebuild that dies or fails leaves the
 * served tables untouched; a later one resumes from the rebuild checkpoint or starts the copy afresh.
 *
 * The new tables are created LOGGED and loaded by COPY with their primary keys only. Loading them unlogged and
 * turning them logged before the swap wrote every row twice (the table, then the whole of it into the WAL in one
 * pass while nothing else ran: half of the index-and-swap time); logged from the start, the WAL is written while the
 * projector folds the next batch, and a server crash keeps the tables with the checkpoint they committed with, so a
 * resumed rebuild carries on from there. The marker table `intact` says the new tables are there; a marker found
 * empty (unlogged tables of an older release emptied by crash recovery) starts the rebuild afresh. Statements use
 * constant table names only.
 */
import type { Sql } from 'postgres';
import { CHECKPOINT_NAME, readCheckpoint, type Checkpoint } from './checkpoint';
import { READ_MODEL_TABLES, READ_MODELS_SCHEMA } from './migrations';
import type { LogPosition } from '@cspr/event-store';

export const REBUILD_SCHEMA = 'read_models_next';
export const REBUILD_CHECKPOINT_NAME = 'read-models-rebuild';

/** The table a rebuild writes in place of a served one (`read_models.incidents` -> `read_models_next.incidents`). */
export const rebuildTableOf = (table: string): string => {
  const [schema, name] = table.split('.');
  if (schema !== READ_MODELS_SCHEMA || !name) throw new Error(`not a read-model table: ${table}`);
  return `${REBUILD_SCHEMA}.${name}`;
};

const bare = (table: string) => table.split('.')[1]!;

/** The rebuild's own checkpoint, or null when no rebuild is under way (or the shadow tables are gone). */
export const readRebuildCheckpoint = async (sql: Sql): Promise<Checkpoint | null> => {
  try {
    const [intact] = await sql.unsafe(`select 1 from ${REBUILD_SCHEMA}.intact`);
    if (!intact) return null; // emptied by crash recovery with the unlogged tables: nothing to resume
  } catch (error) {
    // No marker (never started, or swapped in and dropped, perhaps a moment ago): no rebuild under way.
    if ((error as { code?: unknown }).code === '42P01') return null;
    throw error;
  }
  const checkpoint = await readCheckpoint(sql, REBUILD_CHECKPOINT_NAME);
  return checkpoint.updatedAt === null ? null : checkpoint;
};

/**
 * Starts a rebuild afresh: new empty tables shaped like the served ones (columns, defaults, constraints, storage
 * and the served tables' storage parameters) with only their primary keys, and the rebuild checkpoint at the start
 * of the log, labelled with the calendar the replay computes due dates with.
 */
export const prepareRebuildTables = async (sql: Sql, calendarVersion: string): Promise<void> => {
  await sql.begin(async (tx) => {
    await tx.unsafe(`drop schema if exists ${REBUILD_SCHEMA} cascade`);
    await tx.unsafe(`create schema ${REBUILD_SCHEMA}`);
    await tx.unsafe(`create table ${REBUILD_SCHEMA}.intact (since timestamptz not null)`);
    await tx.unsafe(`insert into ${REBUILD_SCHEMA}.intact values (now())`);
    for (const table of READ_MODEL_TABLES) {
      await tx.unsafe(`create table ${rebuildTableOf(table)} (like ${table} including all)`);
      const [options] = await tx<{ reloptions: string[] | null }[]>`
        select reloptions from pg_class where oid = ${table}::regclass`;
      if (options?.reloptions?.length) {
        await tx.unsafe(`alter table ${rebuildTableOf(table)} set (${options.reloptions.join(', ')})`);
      }
    }
    const secondary = await tx<{ name: string }[]>`
      select format('%I.%I', ${REBUILD_SCHEMA}::text, c.relname) as name
      from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
      where t.relnamespace = ${REBUILD_SCHEMA}::regnamespace and not i.indisprimary`;
    for (const { name } of secondary) await tx.unsafe(`drop index ${name}`);
    await tx`
      insert into read_models.checkpoints
        (name, commit_position, prepare_position, rebuilding, events_processed, calendar_version, updated_at)
      values (${REBUILD_CHECKPOINT_NAME}, 0, 0, true, 0, ${calendarVersion}, now())
      on conflict (name) do update set commit_position = 0, prepare_position = 0, rebuilding = true,
        events_processed = 0, calendar_version = excluded.calendar_version, updated_at = now()`;
  });
};

/**
 * Tables prepared for the swap at a time, each on its own connection. The largest (incidents) takes most of the time
 * and the others fit beside it; more would only compete for the same disks and maintenance memory.
 */
const PREPARING_AT_ONCE = 2;

/**
 * Builds the served tables' secondary indexes on the loaded tables (idempotent: a resumed swap skips what is done)
 * and analyses them, after making durable any table still unlogged (a rebuild begun by an older release that created
 * them unlogged). Each table's work is one chain; chains run side by side, largest table first.
 */
const makeDurableAndIndex = async (sql: Sql) => {
  const tables = await sql<{ name: string; unlogged: boolean }[]>`
    select relname as name, relpersistence = 'u' as unlogged from pg_class
    where relnamespace = ${REBUILD_SCHEMA}::regnamespace and relkind = 'r' and relname in ${sql(READ_MODEL_TABLES.map(bare))}
    order by pg_relation_size(oid) desc`;
  const definitions = await sql<{ name: string; definition: string }[]>`
    select t.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class t on t.oid = i.indrelid
    where t.relnamespace = ${READ_MODELS_SCHEMA}::regnamespace and t.relname in ${sql(READ_MODEL_TABLES.map(bare))}
      and not i.indisprimary`;
  // Fresh tables have no statistics: the served queries would be planned blind after the swap. Sampling the wide
  // JSON columns (histories, sealed parts) took three quarters of the analysis and no filter reads them, so only the
  // scalar columns and the indexed ones are analysed; the rest is left to autovacuum.
  const analysed = await sql<{ name: string; target: string }[]>`
    select c.relname as name,
      format('%I.%I (%s)', n.nspname, c.relname, string_agg(quote_ident(a.attname), ', ' order by a.attnum)) as target
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = ${REBUILD_SCHEMA} and c.relname in ${sql(READ_MODEL_TABLES.map(bare))}
      and (a.atttypid not in ('json'::regtype, 'jsonb'::regtype)
        or exists (select 1 from pg_index i where i.indrelid = c.oid and a.attnum = any(i.indkey)))
    group by n.nspname, c.relname`;
  const prepare = async ({ name, unlogged }: { name: string; unlogged: boolean }) => {
    if (unlogged) await sql.unsafe(`alter table ${REBUILD_SCHEMA}.${name} set logged`);
    for (const { definition } of definitions.filter((d) => d.name === name)) {
      const onNext = definition
        .replace(/^CREATE (UNIQUE )?INDEX /, (start) => `${start}IF NOT EXISTS `)
        .replace(` ON ${READ_MODELS_SCHEMA}.`, ` ON ${REBUILD_SCHEMA}.`);
      if (onNext === definition) throw new Error('unexpected index definition: cannot build it on the rebuilt tables');
      await sql.unsafe(onNext);
    }
    const target = analysed.find((a) => a.name === name)?.target;
    if (target) await sql.unsafe(`analyze ${target}`);
  };
  const queue = [...tables];
  // Settled, not raced: a failure stops its chain and takes no more tables, and is thrown once the other chain ends.
  const chains = await Promise.allSettled(
    Array.from({ length: PREPARING_AT_ONCE }, async () => {
      for (let table = queue.shift(); table; table = queue.shift()) {
        try {
          await prepare(table);
        } catch (error) {
          queue.length = 0;
          throw error;
        }
      }
    }),
  );
  const failed = chains.find((chain) => chain.status === 'rejected');
  if (failed) throw failed.reason;
};

/**
 * Indexes the rebuilt tables, then swaps them in: one transaction takes the served checkpoint's row lock first (the
 * live projector takes it first too, so the two queue instead of deadlocking), checks the rebuild is still the one
 * at `at` (a stale rebuild swaps nothing), replaces every served table and moves the served checkpoint. Readers wait
 * for the drop's lock for the length of the transaction and then read the new tables: they never see empty ones.
 * Returns false when the rebuild checkpoint is no longer at `at`.
 */
export const swapInRebuiltTables = async (sql: Sql, at: LogPosition): Promise<boolean> => {
  await makeDurableAndIndex(sql);
  return sql.begin(async (tx) => {
    await tx`select 1 from read_models.checkpoints where name = ${CHECKPOINT_NAME} for update`;
    const [rebuild] = await tx<{ events_processed: string; calendar_version: string | null }[]>`
      select events_processed::text, calendar_version from read_models.checkpoints
      where name = ${REBUILD_CHECKPOINT_NAME}
        and commit_position = ${at.commit.toString()}::numeric and prepare_position = ${at.prepare.toString()}::numeric
      for update`;
    if (!rebuild) return false;
    for (const table of READ_MODEL_TABLES) {
      await tx.unsafe(`drop table ${table}`);
      await tx.unsafe(`alter table ${rebuildTableOf(table)} set schema ${READ_MODELS_SCHEMA}`);
    }
    await tx`
      update read_models.checkpoints
      set commit_position = ${at.commit.toString()}::numeric, prepare_position = ${at.prepare.toString()}::numeric,
        events_processed = ${rebuild.events_processed}::bigint, calendar_version = ${rebuild.calendar_version},
        rebuilding = false, updated_at = now()
      where name = ${CHECKPOINT_NAME}`;
    await tx`delete from read_models.checkpoints where name = ${REBUILD_CHECKPOINT_NAME}`;
    await tx.unsafe(`drop schema ${REBUILD_SCHEMA} cascade`); // what is left: the marker table
    return true;
  });
};
