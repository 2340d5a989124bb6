import { createHash } from 'node:crypto';
import { openDatabase } from '@cspr/database';
import type { Database } from '@cspr/database';
import type { EventStore } from '../event-store';
import { createEventStoreDbEventStore, redactConnectionString } from '../eventstoredb';
import { createPostgresEventStore, migrateEventStore } from '../postgres';
import { fileCheckpointStore, postgresCheckpointStore } from './checkpoints';
import type { CheckpointStore } from './checkpoints';

export type StoreKind = 'postgres' | 'pglite' | 'eventstoredb';

export type OpenedStore = {
  kind: StoreKind;
  store: EventStore;
  /** The address without its password, for output. */
  shown: string;
  /** A checkpoint kept in this store's own database, when it has one (PostgreSQL). */
  checkpointFor?: (sourceKey: string) => Promise<CheckpointStore>;
  close: () => Promise<void>;
};

/**
 * Which store an address names:
 * - `postgres://…` / `postgresql://…`: a PostgreSQL server (the event store schema is created if missing);
 * - `pglite:<folder>`: the embedded database of `npm start` (its DATA_DIR/pglite folder), opened exclusively;
 * - `esdb://…`, `esdb+discover://…`, `kurrentdb://…`: EventStoreDB / KurrentDB.
 */
export const storeKindOf = (address: string): StoreKind => {
  if (/^postgres(ql)?:\/\//i.test(address)) return 'postgres';
  if (/^pglite:/i.test(address)) return 'pglite';
  if (/^(esdb|kurrentdb|kurrent)(\+discover)?:\/\//i.test(address)) return 'eventstoredb';
  throw new Error(
    `Unknown store address (expected postgres://, pglite:<folder>, esdb:// or kurrentdb://): ${redactConnectionString(address)}`,
  );
};

/** A stable key for a source, without its password: names its checkpoint row or file. */
export const sourceKeyOf = (address: string): string =>
  createHash('sha256').update(redactConnectionString(address.trim())).digest('hex').slice(0, 16);

const overPostgres = async (kind: StoreKind, database: Database, shown: string): Promise<OpenedStore> => {
  try {
    await migrateEventStore(database.sql);
  } catch (error) {
    await database.close();
    throw error;
  }
  const store = createPostgresEventStore({ sql: database.sql, wakeups: database.wakeups });
  return {
    kind,
    store,
    shown,
    checkpointFor: (sourceKey) => postgresCheckpointStore(database.sql, sourceKey),
    close: async () => {
      await store.close();
      await database.close();
    },
  };
};

export const openStore = async (address: string): Promise<OpenedStore> => {
  const kind = storeKindOf(address);
  const shown = redactConnectionString(address);
  switch (kind) {
    case 'postgres':
      return overPostgres(kind, await openDatabase({ databaseUrl: address, maxConnections: 4 }), shown);
    case 'pglite':
      return overPostgres(kind, await openDatabase({ dataDir: address.replace(/^pglite:/i, '') }), shown);
    case 'eventstoredb': {
      const store = createEventStoreDbEventStore({ connectionString: address });
      return { kind, store, shown, close: () => store.close() };
    }
  }
};

/** The target's own table when it has one, else a local file named after source and target. */
export const checkpointStoreFor = async (
  source: string,
  target: OpenedStore,
  targetAddress: string,
  file?: string,
): Promise<CheckpointStore> => {
  if (file) return fileCheckpointStore(file);
  if (target.checkpointFor) return target.checkpointFor(sourceKeyOf(source));
  return fileCheckpointStore(`.data/log-copy/${sourceKeyOf(source)}-to-${sourceKeyOf(targetAddress)}.json`);
};
