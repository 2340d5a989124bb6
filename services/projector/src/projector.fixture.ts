/** Test helpers: a log appended through the real store, and table dumps to compare read models. */
import type { Sql } from 'postgres';
import { LOG_START, type EventStore, type LogPosition } from '@cspr/event-store';
import { READ_MODEL_TABLES } from '@cspr/read-models';
import { generateSampleLog } from './sample-log';

/**
 * Appends a sample log through the store; returns the event count and the position of the last append, which is
 * what a reader must wait for (the store's head can lag behind while any other transaction is open).
 */
export const appendSampleLog = async (
  store: EventStore,
  incidents: number,
  seed = 7,
): Promise<{ count: number; last: LogPosition }> => {
  let count = 0;
  let last = LOG_START;
  for (const append of generateSampleLog({ incidents, seed })) {
    last = (await store.appendToStream(append.streamId, append.events, { expectedRevision: 'any' })).position;
    count += append.events.length;
  }
  return { count, last };
};

/** Every read-model table as sorted JSON lines: equal dumps mean equal read models. */
export const dumpReadModels = async (sql: Sql): Promise<Record<string, string[]>> => {
  const dump: Record<string, string[]> = {};
  for (const table of READ_MODEL_TABLES) {
    const rows = await sql<{ row: string }[]>`select to_jsonb(t)::text as row from ${sql(table)} t`;
    dump[table] = rows.map((r) => r.row).sort();
  }
  return dump;
};
