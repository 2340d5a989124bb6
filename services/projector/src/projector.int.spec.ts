import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import type { EventStore, LogPosition } from '@cspr/event-store';
import { getProjectorStatus, listIncidents, readCheckpoint, waitForPosition } from '@cspr/read-models';
import { createProjector } from './projector';
import { appendSampleLog, dumpReadModels, createTestVault } from './projector.fixture';
import type { PersonalDataVault } from '@cspr/personal-data';

let db: TestDatabase;
let store: EventStore;
let vault: PersonalDataVault;
const calendar = createEnglandAndWalesCalendar();

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

describe('projector', () => {
  it('follows the log live: a write is readable once waitForPosition says so, and lag is reported', async () => {
    const projector = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar,
      pollIntervalMs: 200,
    });
    await projector.start();
    try {
      const { last } = await appendSampleLog(store, vault, 30);
      expect(await waitForPosition(db.sql, last, 10_000)).toBe(true);
      const status = await getProjectorStatus(db.sql, store);
      expect(status).toMatchObject({ lagEvents: 0, lagSeconds: 0, rebuilding: false, deadLetters: 0 });
      expect((await listIncidents(db.sql, { first: 100 })).totalCount).toBe(30);
      // Case names are sealed in the log and opened by the projector: lists read them, the events do not hold them.
      const names = await db.sql<{ case_name: string }[]>`select case_name from read_models.reviews`;
      expect(names.length).toBeGreaterThan(0);
      for (const { case_name } of names) expect(case_name).toMatch(/^Child [A-Z]$/);
      const [commissioned] = await db.sql<{ data: string }[]>`
        select data::text as data from event_store.events where type = 'LocalReviewCommissioned' limit 1`;
      expect(commissioned?.data).toContain('"sealed"');
      expect(commissioned?.data).not.toContain('Child ');
      expect(projector.status()).toMatchObject({ running: true, caughtUp: true, lastError: null });
    } finally {
      await projector.stop();
    }
    expect(projector.status().running).toBe(false);
    // Stopped: new events are lag until a projector applies them.
    const appended = await appendSampleLog(store, vault, 2, 5);
    // Readers see events once every older transaction on the server has ended, so the lag may take a moment to show.
    let lag = await getProjectorStatus(db.sql, store);
    for (let tries = 0; lag.lagEvents < appended.count && tries < 200; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      lag = await getProjectorStatus(db.sql, store);
    }
    expect(lag.lagEvents).toBe(appended.count);
    expect(lag.lagSeconds).toBeGreaterThan(0);
    await projector.start();
    expect(await waitForPosition(db.sql, appended.last, 10_000)).toBe(true);
    await projector.stop();
    expect(await waitForPosition(db.sql, { commit: 2n ** 62n, prepare: 0n }, 50)).toBe(false);
  });

  it('two projectors racing on one checkpoint apply every event exactly once', async () => {
    const live = await dumpReadModels(db.sql);
    const first = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar,
      batchSize: 7,
      retryDelayMs: 5,
      pollIntervalMs: 50,
    });
    const second = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar,
      batchSize: 7,
      retryDelayMs: 5,
      pollIntervalMs: 50,
    });
    await Promise.all([first.start(), second.start()]);
    let last: LogPosition;
    let count = 0;
    try {
      ({ last, count } = await appendSampleLog(store, vault, 40, 99));
      expect(await waitForPosition(db.sql, last, 20_000)).toBe(true);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    const raced = await dumpReadModels(db.sql);
    expect(raced['read_models.dead_letters']).toEqual([]);
    // The checkpoint counted each event once although both projectors read every batch.
    expect((await readCheckpoint(db.sql)).eventsProcessed).toBe((await store.readAll({ maxCount: 100_000 })).length);
    // Whichever lost a compare-and-set applied nothing for that batch: together they applied each event once.
    expect(first.status().eventsApplied + second.status().eventsApplied).toBe(count);
    // Same read models as one projector rebuilding alone: nothing applied twice, nothing skipped.
    const alone = createProjector({ openPseudonyms: vault.open, sql: db.sql, store, calendar });
    await alone.rebuild();
    expect(await dumpReadModels(db.sql)).toEqual(raced);
    expect(live['read_models.incidents']).toHaveLength(32);
    expect(raced['read_models.incidents']).toHaveLength(72);
  });

  it('an incident erased after its reviews: every read model blanks them live, and a rebuild gives the same', async () => {
    // An incident of the log with a review and no erasure yet (the sample log erases some before their reviews).
    const [linked] = await db.sql<{ incident_id: string }[]>`
      select r.incident_ids->>0 as incident_id from read_models.reviews r
      where r.kind = 'local' and not exists (select 1 from event_store.events e
        where e.type = 'PersonalDataErased' and e.data->>'incidentId' = r.incident_ids->>0)
      order by r.review_id limit 1`;
    const incidentId = linked!.incident_id;
    const reviewIds = (
      await db.sql<
        { review_id: string }[]
      >`select review_id from read_models.reviews where incident_ids ? ${incidentId}`
    ).map((r) => r.review_id);
    // The approval destroys the linked reviews' keys, then the event names the incident only (shared/erasure.ts).
    const erasure = { reason: 'court-order', requestedBy: 'user-a', approvedBy: 'user-b' };
    for (const reviewId of reviewIds) await vault.destroyKey(reviewId, erasure);
    const { position } = await store.appendToStream(
      `incident-${incidentId}`,
      [
        {
          eventId: randomUUID(),
          type: 'PersonalDataErased',
          data: {
            schemaVersion: 1,
            incidentId,
            erasedAt: '2030-01-01T10:00:00.000Z',
            legalBasis: 'court-order',
            ...erasure,
          },
          metadata: {
            actor: { userId: 'user-b', role: 'admin' },
            correlationId: 'c',
            causationId: 'c',
            occurredAt: '2030-01-01T10:00:00.000Z',
          },
        },
      ],
      { expectedRevision: 'any' },
    );
    const projector = createProjector({ openPseudonyms: vault.open, sql: db.sql, store, calendar, pollIntervalMs: 50 });
    await projector.start();
    try {
      expect(await waitForPosition(db.sql, position, 10_000)).toBe(true);
    } finally {
      await projector.stop();
    }
    const names = await db.sql<{ name: string | null }[]>`
      select coalesce(case_name, title) as name from read_models.reviews where review_id in ${db.sql(reviewIds)}
      union all select coalesce(case_name, title) from read_models.published_reports where review_id in ${db.sql(reviewIds)}
      union all select title from read_models.review_learning where review_id in ${db.sql(reviewIds)}`;
    expect(names.map((n) => n.name)).toEqual(reviewIds.flatMap(() => Array(3).fill('Details removed')));
    const live = await dumpReadModels(db.sql);
    expect(live['read_models.dead_letters']).toEqual([]);
    // The rebuild finds the incident's reviews through its in-memory index, not the database: same rows.
    await createProjector({ openPseudonyms: vault.open, sql: db.sql, store, calendar }).rebuild();
    expect(await dumpReadModels(db.sql)).toEqual(live);
  });
});
