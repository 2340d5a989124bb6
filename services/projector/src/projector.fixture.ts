/** Test helpers: a vault, a log appended through the real store, and table dumps to compare read models. */
import { randomBytes } from 'node:crypto';
import type { Sql } from 'postgres';
import { LOG_START, type EventStore, type LogPosition } from '@cspr/event-store';
import {
  createMasterKeyWrapper,
  createPersonalDataVault,
  migratePersonalData,
  type PersonalDataVault,
} from '@cspr/personal-data';
import { READ_MODEL_TABLES } from '@cspr/read-models';
import { generateSampleLog, sealPseudonyms } from './sample-log';

/**
 * A vault on the test database: seals the sample log's pseudonyms and opens them to project. Its master key is random
 * unless given (a child process that opens the same data keys needs it as CSPR_MASTER_KEY).
 */
export const createTestVault = async (
  sql: Sql,
  masterKey: Uint8Array = randomBytes(32),
): Promise<PersonalDataVault> => {
  await migratePersonalData(sql);
  return createPersonalDataVault({ sql, wrapper: createMasterKeyWrapper(masterKey) });
};

/**
 * Appends a sample log through the store; returns the event count and the position of the last append, which is
 * what a reader must wait for (the store's head can lag behind while any other transaction is open).
 */
export const appendSampleLog = async (
  store: EventStore,
  vault: PersonalDataVault,
  incidents: number,
  seed = 7,
): Promise<{ count: number; last: LogPosition }> => {
  let count = 0;
  let last = LOG_START;
  for (const generated of generateSampleLog({ incidents, seed })) {
    const append = await sealPseudonyms(generated, vault.seal);
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
