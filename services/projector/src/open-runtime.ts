/**
 * What the projector needs from its environment: the database (DATABASE_URL, or embedded PGlite under DATA_DIR)
 * holding the read models, and the event store (the same PostgreSQL by default, EventStoreDB when EVENT_STORE says so).
 */
import { join } from 'node:path';
import { loadConfig, type PlatformConfig } from '@cspr/config';
import { openDatabase, type Database } from '@cspr/database';
import type { EventStore } from '@cspr/event-store';
import { createPostgresEventStore, DEFAULT_SCHEMA, migrateEventStore } from '@cspr/event-store/postgres';
import { createEventStoreDbEventStore } from '@cspr/event-store/eventstoredb';

export type Runtime = {
  config: PlatformConfig;
  database: Database;
  store: EventStore;
  /** Exact event count for progress bars; only on the PostgreSQL store (EventStoreDB: unknown). */
  countEvents?: () => Promise<number>;
  close: () => Promise<void>;
};

export const openRuntime = async (env: Record<string, string | undefined> = process.env): Promise<Runtime> => {
  const config = loadConfig(env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  let store: EventStore;
  let countEvents: (() => Promise<number>) | undefined;
  if (config.eventStore === 'eventstoredb') {
    store = createEventStoreDbEventStore({ connectionString: config.eventStoreConnectionString! });
  } else {
    await migrateEventStore(database.sql);
    store = createPostgresEventStore({ sql: database.sql, wakeups: database.wakeups });
    const { sql } = database;
    countEvents = async () => {
      const [row] = await sql<[{ count: number }]>`select count(*)::int as count from ${sql(DEFAULT_SCHEMA)}.events`;
      return row.count;
    };
  }
  return {
    config,
    database,
    store,
    countEvents,
    close: async () => {
      await store.close();
      await database.close();
    },
  };
};
