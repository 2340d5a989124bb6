/**
 * The rebuild's fast path. A rebuild is the only writer of the read models while it runs (every batch still moves
 * the checkpoint by compare-and-set, so an interloper makes it fail rather than corrupt anything), which allows two
 * things the live path cannot do:
 * - a row cache: rows the rebuild wrote are kept in memory (bounded, least recently used first out), so batches
 *   rarely read the database; a key neither cached nor evicted does not exist when the rebuild started from empty.
 *   Evicted keys, and the values evicted rows are found by (lookupIndex), go into fixed-size filters (key-filter.ts),
 *   so memory stays flat however long the log: only a "maybe evicted" key is read back from the database;
 * - a pipeline: batch N+1 is applied in memory while batch N's transaction is in flight (at most one in flight),
 *   so JavaScript and PostgreSQL work at the same time.
 * Rows loaded outside a transaction are safe: they are read after every earlier batch committed, and the next
 * compare-and-set proves nobody else wrote in between.
 * It writes the rebuild's own tables and checkpoint (rebuild-tables.ts), never the served ones.
 */
import type { Sql, TransactionSql } from 'postgres';
import type { LogPosition, RecordedEvent } from '@cspr/event-store';
import {
  applyEvents,
  keysFor,
  newTableStates,
  toProjectedEvent,
  emptyOutcome,
  type BatchOutcome,
  type DeadLetter,
} from './batch-memory';
import { loadRows, writeRows } from './batch-sql';
import { advanceCheckpoint } from './checkpoint';
import { createKeyFilter, type KeyFilter } from './key-filter';
import type { Projection, ProjectedEvent, ProjectionContext } from './projection';
import { planCopy, readCopyColumns, writeCopies, type CopyColumns, type CopyPlan } from './rebuild-copy';
import { REBUILD_CHECKPOINT_NAME, rebuildTableOf } from './rebuild-tables';

export type RebuildPipelineOptions = {
  sql: Sql;
  projections: Projection[];
  context: ProjectionContext;
  /** The checkpoint the first batch starts from. */
  from: LogPosition;
  /** True when the rebuild's tables were just created: a key never seen does not exist, so it is not looked up. */
  startsEmpty: boolean;
  /**
   * Rows kept per table. Default 2,000: four years of national notifications (some 500 a year), longer than most
   * incidents and reviews keep receiving events. The cache is full early in any real log, so memory is flat from
   * there on; 10,000 full rows (history and sealed parts included) per table were some 100 MB more, still growing
   * past the middle of a 100,000-event replay, and 50,000 took a 1M-event rebuild to 2.5 GB RSS with garbage
   * collection growing with the heap.
   */
  cacheLimit?: number;
};

export type RebuildPipeline = {
  /** Applies the batch in memory, waits for the previous batch's transaction, then starts this one's. */
  push: (recorded: RecordedEvent[]) => Promise<BatchOutcome>;
  /** Waits for the last transaction; rejects if it failed. */
  flush: () => Promise<LogPosition>;
};

type Row = Record<string, unknown>;

/** Events applied between two breaths (below). */
const SLICE = 500;

/**
 * Lets pending I/O callbacks run. The previous batch's transaction needs a turn of the event loop for each of its
 * round trips; applying a whole batch in one go held them back for its full length, so the database waited for
 * JavaScript and then JavaScript for the database.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export const createRebuildPipeline = (options: RebuildPipelineOptions): RebuildPipeline => {
  const { sql, projections, context, startsEmpty } = options;
  const limit = options.cacheLimit ?? 2_000;
  const caches = projections.map(() => new Map<string, Row>());
  // Created at the first eviction: most tables of a short log never evict.
  const evictedKeys: (KeyFilter | undefined)[] = projections.map(() => undefined);
  // Value -> keys of cached rows holding it, for projections that find rows by content; an evicted row's values go
  // into a filter instead, and an event looking for one of those is looked up in the database.
  const indexes = projections.map(() => new Map<string, Set<string>>());
  const evictedValues: (KeyFilter | undefined)[] = projections.map(() => undefined);
  const wasEvicted = (filters: (KeyFilter | undefined)[], index: number, value: string) =>
    filters[index]?.mightHave(value) ?? false;

  const indexRow = (index: number, key: string, row: Row, add: boolean) => {
    const lookupIndex = projections[index]!.lookupIndex;
    if (!lookupIndex) return;
    const byValue = indexes[index]!;
    for (const value of lookupIndex(row)) {
      const keys = byValue.get(value);
      if (add) {
        if (keys) keys.add(key);
        else byValue.set(value, new Set([key]));
      } else if (keys) {
        keys.delete(key);
        if (keys.size === 0) byValue.delete(value);
      }
    }
  };
  let position = options.from;
  let inFlight: Promise<void> = Promise.resolve();
  // Columns of each table for COPY; null on embedded PGlite, whose wire protocol closes the connection on COPY.
  let columns: CopyColumns[] | null | undefined;
  const copyColumns = async () => {
    const [{ embedded }] = await sql<[{ embedded: boolean }]>`select version() like '%PGlite%' as embedded`;
    return embedded ? null : Promise.all(projections.map((p) => readCopyColumns(sql, rebuildTableOf(p.table))));
  };
  // Loads and lookups outside a transaction go through the pool; the queries are the same as inside one.
  const reader = sql as unknown as TransactionSql;

  const remember = (index: number, key: string, row: Row | undefined) => {
    const cache = caches[index]!;
    const previous = cache.get(key);
    if (previous) indexRow(index, key, previous, false);
    cache.delete(key);
    if (row) {
      cache.set(key, row);
      indexRow(index, key, row, true);
    }
    while (cache.size > limit) {
      const [oldest, evictedRow] = cache.entries().next().value as [string, Row];
      cache.delete(oldest);
      indexRow(index, oldest, evictedRow, false);
      (evictedKeys[index] ??= createKeyFilter()).add(oldest);
      const lookupIndex = projections[index]!.lookupIndex;
      if (lookupIndex) {
        const filter = (evictedValues[index] ??= createKeyFilter());
        for (const value of lookupIndex(evictedRow)) filter.add(value);
      }
    }
  };

  const push = async (recorded: RecordedEvent[]): Promise<BatchOutcome> => {
    const last = recorded[recorded.length - 1];
    const outcome = emptyOutcome(position);
    if (!last) return outcome;
    const events: ProjectedEvent[] = [];
    for (let from = 0; from < recorded.length; from += SLICE) {
      for (const event of recorded.slice(from, from + SLICE)) events.push(toProjectedEvent(event));
      await breathe();
    }
    const states = newTableStates(projections);
    const keys = states.map((state) => keysFor(state.projection, events));
    for (const [index, projection] of projections.entries()) {
      const lookups = events.filter((e) => projection.lookupOn?.has(e.type));
      if (lookups.length === 0 || !projection.lookupKeys) continue;
      if (startsEmpty && projection.lookupIndex && projection.lookupValues) {
        // Every row of this table was written by this rebuild: the index knows the cached ones, and only a value an
        // evicted row may hold needs a database search.
        const searched: ProjectedEvent[] = [];
        for (const event of lookups) {
          const values = projection.lookupValues(event);
          if (values.some((value) => wasEvicted(evictedValues, index, value))) searched.push(event);
          for (const value of values) for (const key of indexes[index]!.get(value) ?? []) keys[index]!.add(key);
        }
        if (searched.length > 0) {
          await inFlight;
          for (const key of await projection.lookupKeys(reader, searched, rebuildTableOf(projection.table)))
            keys[index]!.add(key);
        }
      } else {
        await inFlight;
        for (const key of await projection.lookupKeys(reader, lookups, rebuildTableOf(projection.table)))
          keys[index]!.add(key);
      }
    }
    const misses = states.map(() => new Set<string>());
    states.forEach((state, index) => {
      for (const key of keys[index]!) {
        const cached = caches[index]!.get(key);
        if (cached) {
          state.rows.set(key, cached);
          state.loaded.add(key);
        } else if (!startsEmpty || wasEvicted(evictedKeys, index, key)) {
          misses[index]!.add(key);
        } else {
          state.loaded.add(key);
        }
      }
    });
    if (misses.some((m) => m.size > 0)) {
      await inFlight;
      await loadRows(reader, states, misses, rebuildTableOf);
    }
    // Rows present before the batch (cached or loaded) are the only ones its writes must replace.
    const existed = states.map((state) => new Set(state.rows.keys()));
    const letters: DeadLetter[] = [];
    for (let from = 0; from < events.length; from += SLICE) {
      letters.push(...applyEvents(states, events.slice(from, from + SLICE), context, outcome));
      await breathe();
    }
    outcome.deadLettered = letters.length;
    if (columns === undefined) columns = await copyColumns();
    let plans: CopyPlan[] | null = null;
    if (columns) {
      plans = [];
      for (const [index, state] of states.entries()) {
        const plan = planCopy(state, existed[index]!, columns[index]!, rebuildTableOf);
        if (plan) plans.push(plan);
        await breathe();
      }
    }
    states.forEach((state, index) => {
      for (const key of new Set([...state.loaded, ...state.dirty])) remember(index, key, state.rows.get(key));
    });
    const expected = position;
    position = last.position;
    outcome.position = position;
    const previous = inFlight;
    await previous;
    inFlight = sql
      .begin(async (tx) => {
        // Read models are derived and the checkpoint commits with them: losing the last commits in a server crash only
        // means replaying them, so the rebuild does not wait for each commit to reach the disk.
        const setting = tx`set local synchronous_commit = off`.execute(); // goes out with the next: one round trip
        await advanceCheckpoint(tx, expected, last.position, recorded.length, REBUILD_CHECKPOINT_NAME);
        await setting;
        if (plans) await writeCopies(tx, plans, letters, rebuildTableOf);
        else await writeRows(tx, states, letters, rebuildTableOf);
      })
      .then(() => undefined);
    // Failures surface at the next push or at flush, never as an unhandled rejection.
    inFlight.catch(() => undefined);
    return outcome;
  };

  return {
    push,
    flush: async () => {
      await inFlight;
      return position;
    },
  };
};
