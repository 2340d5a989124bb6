import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEmbeddedDatabase, type EmbeddedTestDatabase } from '@cspr/testing';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import type { EventStore } from '@cspr/event-store';
import {
  listReportingYears,
  getPanelQueue,
  listIncidents,
  listPublishedReports,
  listReviews,
  waitForPosition,
} from '@cspr/read-models';
import { createProjector } from './projector';
import { appendSampleLog, dumpReadModels, createTestVault } from './projector.fixture';
import type { PersonalDataVault } from '@cspr/personal-data';

// The embedded default (PGlite over the wire protocol, one connection): the same SQL must run there.
let db: EmbeddedTestDatabase;
let store: EventStore;
let vault: PersonalDataVault;
beforeAll(async () => {
  db = await withEmbeddedDatabase();
  await migrateEventStore(db.sql);
  vault = await createTestVault(db.sql);
  store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

describe('projector on embedded PGlite', () => {
  it('projects live, answers every query, and a rebuild gives the same read models', async () => {
    const projector = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar: createEnglandAndWalesCalendar(),
      pollIntervalMs: 100,
    });
    await projector.start();
    const { last } = await appendSampleLog(store, vault, 80, 11);
    expect(await waitForPosition(db.sql, last, 30_000)).toBe(true);
    await projector.stop();
    const live = await dumpReadModels(db.sql);
    expect(
      (await listIncidents(db.sql, { first: 100, overdue: false, today: '2030-01-01' })).totalCount,
    ).toBeGreaterThan(0);
    expect((await listReviews(db.sql, { first: 5 })).totalCount).toBeGreaterThan(0);
    expect((await listPublishedReports(db.sql, { first: 5, search: 'child' })).totalCount).toBeGreaterThan(0);
    expect((await listReportingYears(db.sql)).length).toBeGreaterThan(0);
    expect((await getPanelQueue(db.sql, { first: 5 })).totalCount).toBeGreaterThan(0);
    await projector.rebuild();
    expect(await dumpReadModels(db.sql)).toEqual(live);
    expect(live['read_models.dead_letters']).toEqual([]);
  });
});
