/** The exact number of events in the PostgreSQL log, for the rebuild's progress total (EventStoreDB: unknown). */
import type { Runtime } from '@cspr/runtime';
import { DEFAULT_SCHEMA } from '@cspr/event-store/postgres';

export const countEventsOf = (runtime: Pick<Runtime, 'config' | 'database'>): (() => Promise<number>) | undefined => {
  if (runtime.config.eventStore !== 'postgres') return undefined;
  const { sql } = runtime.database;
  return async () => {
    const [row] = await sql<[{ count: number }]>`select count(*)::int as count from ${sql(DEFAULT_SCHEMA)}.events`;
    return row.count;
  };
};
