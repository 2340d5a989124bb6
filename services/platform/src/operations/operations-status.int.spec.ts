/**
 * ops:status on a fresh server database: the head of the log, the projector's position and lag before and after it
 * ran, a relay checkpoint behind the head, and dead letters counted.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import {
  createMasterKeyWrapper,
  createPersonalDataVault,
  migratePersonalData,
  type PersonalDataVault,
} from '@cspr/personal-data';
import type { EventStore } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { createProjector, generateSampleLog, sealPseudonyms } from '@cspr/projector';
import { migrateRelay } from '@cspr/relay';
import { migrateReadModels } from '@cspr/read-models';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { formatOperationsStatus, readOperationsStatus } from './operations-status';

let db: TestDatabase;
let store: EventStore;
let vault: PersonalDataVault;

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateEventStore(db.sql);
  await migrateReadModels(db.sql);
  await migrateRelay(db.sql);
  await migratePersonalData(db.sql);
  store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  // Review text is sealed under the review's key as the write path does, so the projector opens it.
  vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });
  for (const generated of generateSampleLog({ incidents: 20, seed: 3 })) {
    const { streamId, events } = await sealPseudonyms(generated, vault.seal);
    await store.appendToStream(streamId, events);
  }
}, 60_000);
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

describe('ops:status', () => {
  it('shows the projector behind, then caught up, and a relay behind the head', async () => {
    const before = await readOperationsStatus(db.sql, store);
    expect(before.log.events).toBeGreaterThan(20);
    expect(before.projector?.lagEvents).toBeGreaterThan(0);
    expect(before.relays).toEqual([]);

    const calendar = createEnglandAndWalesCalendar();
    await createProjector({ sql: db.sql, store, calendar, openPseudonyms: vault.open }).rebuild();
    const [fifth] = (await store.readAll({ maxCount: 5 })).slice(-1);
    await db.sql`insert into relay.checkpoints (name, commit_position, prepare_position) values ('ofsted-feed', ${fifth!.position.commit.toString()}, ${fifth!.position.prepare.toString()})`;

    const after = await readOperationsStatus(db.sql, store);
    expect(after.projector).toMatchObject({ lagEvents: 0, position: after.log.head, deadLetters: 0 });
    expect(after.relays).toHaveLength(1);
    expect(after.relays[0]).toMatchObject({ name: 'ofsted-feed', lagEvents: Math.min(1000, after.log.events - 5) });
    const text = formatOperationsStatus(after);
    expect(text).toContain(`head ${after.log.head}`);
    expect(text).toContain('relay ofsted-feed');
    expect(text).toContain('dead letters  0');
  }, 60_000);
});
