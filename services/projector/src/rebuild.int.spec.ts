import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import type { EventStore, LogPosition } from '@cspr/event-store';
import {
  getIncident,
  listIncidents,
  readCheckpoint,
  readRebuildCheckpoint,
  REBUILD_SCHEMA,
  waitForPosition,
} from '@cspr/read-models';
import { createProjector } from './projector';
import { projectorLagCheck } from './projector-readiness';
import { appendSampleLog, dumpReadModels, createTestVault } from './projector.fixture';
import type { PersonalDataVault } from '@cspr/personal-data';

let db: TestDatabase;
let store: EventStore;
let vault: PersonalDataVault;
let logSize = 0;
let last: LogPosition;
const calendar = createEnglandAndWalesCalendar();
// The rebuild child process opens the sample log's case names with the same master key.
const masterKey = randomBytes(32);

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateEventStore(db.sql);
  vault = await createTestVault(db.sql, masterKey);
  store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  ({ count: logSize, last } = await appendSampleLog(store, vault, 600, 3));
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitUntil = async (condition: () => boolean | Promise<boolean>, timeoutMs = 30_000) => {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(20))
    if (await condition()) return true;
  return false;
};

/** `npm run rebuild` in a child process, killed with SIGKILL once it has committed `events` of the replay. */
const killRebuildAfter = async (events: number) => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./rebuild-command.ts', import.meta.url)), '--batch-size=10'],
    {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        LOG_LEVEL: 'silent',
        CSPR_MASTER_KEY: Buffer.from(masterKey).toString('base64'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  // Kill once the child has committed some batches of the rebuild, well before the end of the log.
  for (let tries = 0; tries < 3000; tries += 1) {
    const row = await readRebuildCheckpoint(db.sql).catch(() => null);
    if (row && row.eventsProcessed >= events) break;
    await sleep(10);
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const interrupted = await readRebuildCheckpoint(db.sql);
  expect(interrupted?.eventsProcessed).toBeGreaterThan(0);
  expect(interrupted?.eventsProcessed).toBeLessThan(logSize);
};

const rebuildFinished = async () => (await readRebuildCheckpoint(db.sql)) === null;

describe('rebuild', () => {
  it('a rebuild process SIGKILLed mid-way, then a projector started: read models equal a clean rebuild', async () => {
    await killRebuildAfter(200);

    const projector = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar,
      pollIntervalMs: 100,
      rebuildStaleMs: 500,
      checkpointCheckMs: 100,
    });
    await projector.start();
    expect(await waitForPosition(db.sql, last, 30_000)).toBe(true);
    expect(await waitUntil(async () => (await rebuildFinished()) && !projector.status().rebuilding)).toBe(true);
    await projector.stop();
    const resumed = await dumpReadModels(db.sql);
    const done = await readCheckpoint(db.sql);
    expect(done).toMatchObject({ rebuilding: false, eventsProcessed: logSize });

    await createProjector({ openPseudonyms: vault.open, sql: db.sql, store, calendar }).rebuild();
    expect(await dumpReadModels(db.sql)).toEqual(resumed);
    expect(resumed['read_models.incidents']).toHaveLength(600);
  }, 120_000);

  it('a rebuild killed half-way leaves the served tables answering, their rows and checkpoint untouched', async () => {
    const before = await dumpReadModels(db.sql);
    const served = await readCheckpoint(db.sql);
    expect(before['read_models.incidents']).toHaveLength(600);
    await killRebuildAfter(200);
    expect(await dumpReadModels(db.sql)).toEqual(before);
    expect(await readCheckpoint(db.sql)).toEqual({
      ...served,
      updatedAt: expect.any(Date),
      idleMs: expect.any(Number),
    });
    expect((await readCheckpoint(db.sql)).updatedAt).toEqual(served.updatedAt);
    const page = await listIncidents(db.sql, { first: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.totalCount).toBe(600);
    // The new tables were left half-filled beside the served ones; resuming finishes and swaps them in.
    expect((await db.sql`select 1 from pg_namespace where nspname = ${REBUILD_SCHEMA}`).length).toBe(1);
    const resumed = await createProjector({ openPseudonyms: vault.open, sql: db.sql, store, calendar }).rebuild({
      resume: true,
    });
    expect(resumed.completed).toBe(true);
    expect(await rebuildFinished()).toBe(true);
    expect(await dumpReadModels(db.sql)).toEqual(before);
  }, 120_000);

  it('reads during a rebuild, its swap included, never see empty or partial tables', async () => {
    const expected = await db.sql<{ counts: string }[]>`
      select (select count(*) from read_models.incidents) || '/' || (select count(*) from read_models.reviews)
        || '/' || (select count(*) from read_models.published_reports) as counts`;
    const seen = new Set<string>();
    const listed = new Set<number>();
    let reads = 0;
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const [row] = await db.sql<{ counts: string }[]>`
          select (select count(*) from read_models.incidents) || '/' || (select count(*) from read_models.reviews)
            || '/' || (select count(*) from read_models.published_reports) as counts`;
        seen.add(row!.counts);
        listed.add((await listIncidents(db.sql, { first: 20 })).totalCount ?? -1);
        reads += 1;
      }
    })();
    const result = await createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar,
      rebuildBatchSize: 50,
    }).rebuild();
    // A few more reads after the swap, on the new tables through the same prepared statements.
    const after = reads;
    await waitUntil(() => reads >= after + 3);
    reading = false;
    await reader;
    expect(result.completed).toBe(true);
    expect(reads).toBeGreaterThan(10);
    expect([...seen]).toEqual([expected[0]!.counts]);
    expect([...listed]).toEqual([600]);
  }, 120_000);

  it('an aborted in-process rebuild resumed with --resume semantics ends equal to a clean rebuild', async () => {
    const clean = await dumpReadModels(db.sql);
    const projector = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar,
      rebuildBatchSize: 100,
    });
    const aborted = await projector.rebuild({ maxBatches: 5 });
    expect(aborted).toMatchObject({ completed: false, events: 500 });
    expect(await readRebuildCheckpoint(db.sql)).toMatchObject({ rebuilding: true, eventsProcessed: 500 });
    const progress: number[] = [];
    const resumed = await projector.rebuild({ resume: true, onProgress: (p) => progress.push(p.done) });
    expect(resumed).toMatchObject({ completed: true, events: logSize - 500 });
    expect(progress[0]).toBe(600);
    expect(await dumpReadModels(db.sql)).toEqual(clean);
  });

  it('new tables are logged (a crash keeps them with their checkpoint); found emptied, the rebuild starts afresh', async () => {
    const projector = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar,
      rebuildBatchSize: 100,
    });
    await projector.rebuild();
    const clean = await dumpReadModels(db.sql);
    expect(await projector.rebuild({ maxBatches: 3 })).toMatchObject({ completed: false, events: 300 });
    const tables = await db.sql<{ name: string; logged: boolean }[]>`
      select format('%I.%I', ${REBUILD_SCHEMA}::text, relname) as name, relpersistence = 'p' as logged from pg_class
      where relnamespace = ${REBUILD_SCHEMA}::regnamespace and relkind = 'r'`;
    expect(tables.map((t) => t.name)).toContain(`${REBUILD_SCHEMA}.intact`);
    expect(tables.filter((t) => !t.logged)).toEqual([]);
    // What crash recovery does to unlogged tables (an older release created them so): all come back empty, marker too.
    await db.sql.unsafe(`truncate ${tables.map((t) => t.name).join(', ')}`);
    expect(await readRebuildCheckpoint(db.sql)).toBeNull();
    const resumed = await projector.rebuild({ resume: true });
    expect(resumed).toMatchObject({ completed: true, events: logSize });
    expect(await dumpReadModels(db.sql)).toEqual(clean);
  });

  it('a projector that starts finishes a rebuild abandoned half-way, by itself, equal to a clean rebuild', async () => {
    const clean = await dumpReadModels(db.sql);
    const abandoned = await createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar,
      rebuildBatchSize: 100,
    }).rebuild({
      maxBatches: 3,
    });
    expect(abandoned.completed).toBe(false);
    expect(await readRebuildCheckpoint(db.sql)).toMatchObject({ rebuilding: true, eventsProcessed: 300 });

    const projector = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar,
      pollIntervalMs: 50,
      rebuildStaleMs: 300,
      checkpointCheckMs: 50,
    });
    await projector.start();
    expect(
      await waitUntil(
        async () => projector.status().caughtUp && (await rebuildFinished()) && !projector.status().rebuilding,
      ),
    ).toBe(true);
    await projector.stop();
    expect(await readCheckpoint(db.sql)).toMatchObject({ rebuilding: false, eventsProcessed: logSize });
    expect(await dumpReadModels(db.sql)).toEqual(clean);
  });

  it('an idle running projector notices a rebuild abandoned by another process and finishes it', async () => {
    const clean = await dumpReadModels(db.sql);
    const projector = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar,
      pollIntervalMs: 50,
      rebuildStaleMs: 300,
      checkpointCheckMs: 50,
    });
    await projector.start();
    expect(await waitUntil(() => projector.status().caughtUp)).toBe(true);
    // Another process: starts a rebuild, applies two batches, then dies (no new event arrives afterwards).
    await createProjector({ openPseudonyms: vault.open, sql: db.sql, store, calendar, rebuildBatchSize: 100 }).rebuild({
      maxBatches: 2,
    });
    expect(await waitUntil(() => projector.status().rebuilding)).toBe(true);
    expect(await waitUntil(async () => (await rebuildFinished()) && !projector.status().rebuilding)).toBe(true);
    await projector.stop();
    expect(await readCheckpoint(db.sql)).toMatchObject({ rebuilding: false, eventsProcessed: logSize });
    expect(await dumpReadModels(db.sql)).toEqual(clean);
  });

  it('a rebuild whose row cache is far too small (every row evicted and re-read) ends equal to a clean rebuild', async () => {
    const clean = await dumpReadModels(db.sql);
    await createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar,
      rebuildBatchSize: 50,
      rebuildCacheLimit: 3,
    }).rebuild();
    expect(await dumpReadModels(db.sql)).toEqual(clean);
  });

  it('a rebuild that fails half-way leaves the served tables, their checkpoint and readiness untouched', async () => {
    const before = await dumpReadModels(db.sql);
    const served = await readCheckpoint(db.sql);
    const projector = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar,
      rebuildBatchSize: 100,
    });
    expect(await projector.rebuild({ maxBatches: 2 })).toMatchObject({ completed: false });
    // A failure the rebuild cannot get past: one of its new tables is gone, so the next batch's write fails.
    await db.sql.unsafe(`drop table ${REBUILD_SCHEMA}.incidents`);
    await expect(projector.rebuild({ resume: true })).rejects.toThrow();
    expect(projector.status().rebuilding).toBe(false);
    expect(await dumpReadModels(db.sql)).toEqual(before);
    expect((await readCheckpoint(db.sql)).updatedAt).toEqual(served.updatedAt);
    expect(await projectorLagCheck(db.sql, store, 3600)()).toMatchObject({ ok: true, rebuilding: false });
    // A fresh rebuild starts over from new tables and ends where the served ones are.
    expect(await projector.rebuild()).toMatchObject({ completed: true, events: logSize });
    expect(await dumpReadModels(db.sql)).toEqual(before);
  });

  it('rebuilding with a calendar that has an extra holiday moves due dates', async () => {
    const [incident] = (await listIncidents(db.sql, { first: 100 })).items.filter(
      (i) => i.rapidReviewRequired && i.status !== 'withdrawn',
    );
    const before = incident!.deadlines.find((d) => d.kind === 'notification')!;
    // A one-off holiday on the first working day after becoming aware pushes the 5-working-day deadline by one.
    const firstWorkingDay = calendar.addWorkingDays(before.anchorDate, 1);
    const extra = createEnglandAndWalesCalendar({
      extraHolidays: [{ date: firstWorkingDay, name: 'Extra bank holiday' }],
    });
    await createProjector({ openPseudonyms: vault.open, sql: db.sql, store, calendar: extra }).rebuild();
    const after = (await getIncident(db.sql, incident!.id))!.deadlines.find((d) => d.kind === 'notification')!;
    expect(after.dueOn).toBe(extra.addWorkingDays(before.anchorDate, 5));
    expect(after.dueOn > before.dueOn).toBe(true);
    expect((await readCheckpoint(db.sql)).calendarVersion).toBe(extra.version);
  });
});
