import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDefaultPartnerships, createCommandHandler } from '@cspr/application';
import { createInProcessWakeups } from '@cspr/database';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { createMasterKeyWrapper, createPersonalDataVault, migratePersonalData } from '@cspr/personal-data';
import { createLogger } from '@cspr/telemetry';
import { createTestDatabase } from '@cspr/testing';
import { demoStory } from './demo-story';
import { loadDemo } from './load-demo';

describe('the demo story', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('is accepted step by step by the real deciders, and loading it twice appends nothing more', async () => {
    const { sql } = database;
    await migrateEventStore(sql);
    await migratePersonalData(sql);
    const store = createPostgresEventStore({ sql, wakeups: createInProcessWakeups() });
    const vault = createPersonalDataVault({ sql, wrapper: createMasterKeyWrapper(new Uint8Array(32).fill(7)) });
    const logger = createLogger({ service: 'test', level: 'silent' });
    await registerDefaultPartnerships(
      createCommandHandler({ store, vault, clock: () => new Date(), newId: randomUUID }),
    );

    const first = await loadDemo({ store, vault, newId: randomUUID, logger });
    expect(first.failed).toEqual([]);
    expect(first.steps).toBe(demoStory().length);
    const countEvents = async () => (await store.readAll({ maxCount: 100_000 })).length;
    const afterFirst = await countEvents();

    const second = await loadDemo({ store, vault, newId: randomUUID, logger });
    expect(second.failed).toEqual([]);
    expect(await countEvents()).toBe(afterFirst);
    const published = await store.readAll({ maxCount: 100_000 });
    expect(published.filter((event) => event.type === 'ReportPublished')).toHaveLength(1);
    expect(published.filter((event) => event.type === 'NationalReviewCommissioned')).toHaveLength(1);
  });
});
