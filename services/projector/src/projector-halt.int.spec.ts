import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { LOG_START, type EventStore } from '@cspr/event-store';
import { listIncidents, projections, readCheckpoint, waitForPosition, type Projection } from '@cspr/read-models';
import { createProjector, type ProjectorLogger } from './projector';
import { appendSampleLog, createTestVault } from './projector.fixture';
import type { PersonalDataVault } from '@cspr/personal-data';

let db: TestDatabase;
let store: EventStore;
let vault: PersonalDataVault;

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateEventStore(db.sql);
  vault = await createTestVault(db.sql);
  store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

const waitUntil = async (check: () => boolean | Promise<boolean>, what: string) => {
  for (let tries = 0; tries < 200; tries += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('projector halted by a bug in projection code', () => {
  it('stops with a logged reason and no personal data, skips nothing, retries with backoff and catches up once fixed', async () => {
    let fixed = false;
    const buggy: Projection = {
      name: 'buggy',
      table: 'read_models.partnerships',
      key: 'partnership_id',
      handles: new Set(['IncidentNotified']),
      keysOf: () => [],
      evolve: () => {
        if (!fixed) throw new RangeError('child date of birth 2019-01-01 out of range');
      },
    };
    const errors: { details: Record<string, unknown>; message: string }[] = [];
    const logger: ProjectorLogger = {
      info: () => undefined,
      warn: () => undefined,
      error: (details, message) => void errors.push({ details: details as Record<string, unknown>, message }),
    };
    const projector = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar: createEnglandAndWalesCalendar(),
      logger,
      projections: [...projections, buggy],
      pollIntervalMs: 50,
      retryDelayMs: 10,
      maxRetryDelayMs: 40,
    });
    const { last, count } = await appendSampleLog(store, vault, 4);
    await projector.start();
    try {
      await waitUntil(() => projector.status().consecutiveFailures >= 3, 'three failed attempts');
      const status = projector.status();
      expect(status.lastError).toMatch(/projection buggy failed on IncidentNotified at .* \(RangeError\)/);
      expect(status.deadLetters).toBe(0);
      expect((await readCheckpoint(db.sql)).position).toEqual(LOG_START);
      expect(errors[0]).toMatchObject({
        details: { eventType: 'IncidentNotified', projection: 'buggy', errorName: 'RangeError' },
        message: expect.stringContaining('projector stopped'),
      });
      // Backoff: the pause doubles up to the maximum.
      expect(errors.slice(0, 4).map((e) => e.details.retryInMs)).toEqual(
        [10, 20, 40, 40].slice(0, Math.min(errors.length, 4)),
      );
      expect(JSON.stringify(errors)).not.toContain('2019-01-01');

      fixed = true;
      expect(await waitForPosition(db.sql, last, 10_000)).toBe(true);
      expect(projector.status()).toMatchObject({ lastError: null, consecutiveFailures: 0, deadLetters: 0 });
      expect((await readCheckpoint(db.sql)).eventsProcessed).toBe(count);
      expect((await listIncidents(db.sql, { first: 100 })).totalCount).toBe(4);
    } finally {
      await projector.stop();
    }
  });
});
