/**
 * SIGTERM under load, for each service as a real process on a fresh server database: it exits 0 within the bound,
 * and nothing is lost or applied twice.
 * - gateway and platform: every mutation answered before the signal is in the log; retrying every mutation (same
 *   command ids) after a restart leaves exactly one notification per command; read models equal a clean rebuild.
 * - projector: appends run throughout; after a restart the checkpoint counts each event once and the read models
 *   equal a clean rebuild.
 * - relay: at the moment it exits, every event up to its checkpoint is on the topic (never ahead of the acks);
 *   after a restart a consumer de-duplicating on ce_id sees every event.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { Sql } from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { formatPosition, type EventStore } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { incidentStory } from '@cspr/feed/fixtures';
import { loadOrCreateDevSigningKey, mintDevToken } from '@cspr/gateway';
import { createMasterKeyWrapper, createPersonalDataVault, migratePersonalData, openVault } from '@cspr/personal-data';
import { createProjector, generateSampleLog } from '@cspr/projector';
import { getProjectorStatus, migrateReadModels, READ_MODEL_TABLES } from '@cspr/read-models';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { NOTIFY, notifyInput, TEST_BROKERS } from './observed-platform.fixture';
import { answers, freePort, mainOf, startService, waitUntil, type ServiceProcess } from './service-process.fixture';

const BOUND_MS = 10_000;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const freshLog = async (): Promise<{ db: TestDatabase; store: EventStore }> => {
  const db = await createTestDatabase();
  await migrateEventStore(db.sql);
  await migrateReadModels(db.sql);
  const store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  cleanups.push(
    () => db.drop(),
    () => store.close(),
  );
  return { db, store };
};

const track = (service: ServiceProcess) => {
  cleanups.push(() => service.stop('SIGKILL'));
  return service;
};

/** Row count of every read-model table: what a clean rebuild must reproduce. */
const readModelCounts = async (sql: Sql) => {
  const counts: Record<string, number> = {};
  for (const table of READ_MODEL_TABLES) {
    const [row] = await sql<[{ count: number }]>`select count(*)::int as count from ${sql(table)}`;
    counts[table] = row.count;
  }
  return counts;
};

/**
 * Caught up with every event written, not only with those readable now: the log holds back events while any older
 * transaction on the server is open (other test files share it), and the checks below count the table itself.
 */
const caughtUp = (sql: Sql, store: EventStore) => async () => {
  const [{ events }] = await sql<[{ events: number }]>`select count(*)::int as events from event_store.events`;
  if ((await store.readAll({ maxCount: 1_000_000 })).length !== events) return false;
  const status = await getProjectorStatus(sql, store);
  return status.lagEvents === 0 && status.position === formatPosition(await store.headPosition());
};

/** Counts before, a clean rebuild in this process, counts after: equal, and each event was applied once. */
const expectEqualToCleanRebuild = async (sql: Sql, store: EventStore) => {
  const [{ events }] = await sql<[{ events: number }]>`select count(*)::int as events from event_store.events`;
  const processed = (await getProjectorStatus(sql, store)).eventsProcessed;
  const live = await readModelCounts(sql);
  // These logs hold notifications and the sample log's unsealed case names: no pseudonym this vault must open.
  await migratePersonalData(sql);
  const vault = createPersonalDataVault({ sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });
  const projector = createProjector({
    sql,
    store,
    calendar: createEnglandAndWalesCalendar(),
    openPseudonyms: vault.open,
  });
  await projector.rebuild();
  expect(await readModelCounts(sql)).toEqual(live);
  expect(processed).toBe(events);
};

describe.each([
  { service: 'gateway', main: mainOf('@cspr/gateway'), ownProjector: false },
  { service: 'platform (npm start)', main: mainOf('@cspr/platform'), ownProjector: true },
])('SIGTERM to the $service under a stream of mutations', ({ service, main, ownProjector }) => {
  it('answers what it accepted, exits 0 in time, and a retry of every command applies each exactly once', async () => {
    const { db, store } = await freshLog();
    const dataDir = await mkdtemp(join(tmpdir(), 'cspr-sigterm-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    if (!ownProjector) {
      // The gateway alone projects nothing: the projector service's part runs here, through the whole test, with
      // the vault the gateway opens (the same data folder's master key).
      const { vault } = await openVault({ sql: db.sql, dataDir, production: false });
      const projector = createProjector({
        sql: db.sql,
        store,
        calendar: createEnglandAndWalesCalendar(),
        openPseudonyms: vault.open,
        pollIntervalMs: 200,
      });
      await projector.start();
      cleanups.push(() => projector.stop());
    }
    const token = await mintDevToken(await loadOrCreateDevSigningKey(dataDir), {
      role: 'partnership',
      partnership: 'leeds',
    });
    const port = await freePort();
    const env = { DATABASE_URL: db.url, DATA_DIR: dataDir, PORT: String(port), KAFKA_BROKERS: '' };
    const start = async () => {
      const started = track(startService(main, env));
      await waitUntil(answers(`http://127.0.0.1:${port}/health`), `${service} to answer`, 120_000);
      return started;
    };
    const notify = async (commandId: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: NOTIFY, variables: { input: { ...notifyInput(), commandId } } }),
      });
      const body = (await response.json()) as {
        data?: { notifyIncident?: { __typename: string; incidentId: string } };
      };
      if (body.data?.notifyIncident?.__typename !== 'IncidentPayload') throw new Error(JSON.stringify(body));
      return body.data.notifyIncident.incidentId;
    };

    const first = await start();
    // /ready names its checks: database, log, read-model tables; the projector's lag is in /health (issue 15.7).
    await waitUntil(answers(`http://127.0.0.1:${port}/ready`), `${service} to be ready`);
    const ready = (await (await fetch(`http://127.0.0.1:${port}/ready`)).json()) as {
      status: string;
      checks: Record<string, { ok: boolean }>;
    };
    expect(ready).toMatchObject({
      status: 'ready',
      reasons: [],
      checks: { database: { ok: true }, log: { ok: true }, migrations: { ok: true } },
    });
    const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
      status: string;
      checks: Record<string, unknown>;
    };
    expect(health).toMatchObject({ status: 'ok', checks: { readModels: { lagEvents: expect.any(Number) } } });
    const accepted = new Map<string, string>();
    const commands: string[] = [];
    let sending = true;
    const worker = async () => {
      while (sending) {
        const commandId = `load-${randomUUID()}`;
        commands.push(commandId);
        try {
          accepted.set(commandId, await notify(commandId));
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    await waitUntil(() => accepted.size >= 30, 'mutations to be accepted');
    const { code, ms } = await first.stop('SIGTERM');
    sending = false;
    await Promise.all(workers);

    expect(code, first.output()).toBe(0);
    expect(ms).toBeLessThan(BOUND_MS);
    // Nothing answered is lost: every accepted incident is in the log.
    for (const incidentId of accepted.values())
      expect((await store.readStream(`incident-${incidentId}`)).length).toBeGreaterThan(0);

    // Clients retry everything they did not get an answer for (and, to be sure, everything else too).
    await start();
    for (const commandId of commands) await notify(commandId);
    const [{ notified, streams }] = await db.sql<[{ notified: number; streams: number }]>`
      select count(*)::int as notified, count(distinct stream_id)::int as streams from event_store.events where type = 'IncidentNotified'`;
    expect(notified).toBe(commands.length);
    expect(streams).toBe(commands.length);
    await waitUntil(caughtUp(db.sql, store), 'the read models to catch up', 120_000);
    await expectEqualToCleanRebuild(db.sql, store);
  }, 240_000);
});

describe('SIGTERM to the projector while events are appended', () => {
  it('stops between batches, goes on from its checkpoint, and its read models equal a clean rebuild', async () => {
    const { db, store } = await freshLog();
    const port = await freePort();
    // The projector opens the vault (master key and erasure ledger in its data folder): a folder of this test's own.
    const dataDir = await mkdtemp(join(tmpdir(), 'cspr-sigterm-projector-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const start = async () => {
      const started = track(
        startService(mainOf('@cspr/projector'), {
          DATABASE_URL: db.url,
          DATA_DIR: dataDir,
          PROJECTOR_PORT: String(port),
        }),
      );
      await waitUntil(answers(`http://127.0.0.1:${port}/health`), 'the projector to answer', 60_000);
      return started;
    };
    const first = await start();
    await waitUntil(answers(`http://127.0.0.1:${port}/ready`), 'the projector to be ready');
    const ready = (await (await fetch(`http://127.0.0.1:${port}/ready`)).json()) as Record<string, unknown>;
    expect(ready).toMatchObject({
      status: 'ready',
      reasons: [],
      checks: { database: { ok: true }, migrations: { ok: true }, projector: { ok: true, lagEvents: 0 } },
    });
    const appends = [...generateSampleLog({ incidents: 400, seed: 7 })];
    const appending = (async () => {
      for (let i = 0; i < appends.length; i += 4) {
        await Promise.all(appends.slice(i, i + 4).map((a) => store.appendToStream(a.streamId, a.events)));
      }
    })();
    await waitUntil(
      async () => (await getProjectorStatus(db.sql, store)).eventsProcessed > 200,
      'the projector to apply events',
    );
    const { code, ms } = await first.stop('SIGTERM');
    expect(code, first.output()).toBe(0);
    expect(ms).toBeLessThan(BOUND_MS);
    const stoppedAt = (await getProjectorStatus(db.sql, store)).eventsProcessed;
    expect(stoppedAt).toBeGreaterThan(0);

    await start();
    await appending;
    await waitUntil(caughtUp(db.sql, store), 'the projector to catch up', 120_000);
    await expectEqualToCleanRebuild(db.sql, store);
  }, 240_000);
});

describe('SIGTERM to the relay while events are appended', () => {
  it('never checkpoints past an acknowledged message, and after a restart every event is on the topic', async () => {
    const { db, store } = await freshLog();
    const topic = `cspr.sigterm.${randomUUID().slice(0, 8)}`;
    const port = await freePort();
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: TEST_BROKERS.join(','),
      RELAY_TOPIC: topic,
      RELAY_NAME: topic,
      RELAY_BATCH_SIZE: '20',
      RELAY_PORT: String(port),
      RELAY_PARTITIONS: '3',
    };
    const relayStatus = async () =>
      (
        (await (await fetch(`http://127.0.0.1:${port}/ready`)).json()) as {
          relay?: { published: number; lagEvents: number; state: string };
        }
      ).relay;
    const start = async () => {
      const started = track(startService(mainOf('@cspr/relay'), env));
      await waitUntil(answers(`http://127.0.0.1:${port}/health`), 'the relay to answer', 60_000);
      return started;
    };
    const stories = Array.from({ length: 60 }, () => incidentStory());
    const events = stories[0]!.flatMap((_, step) => stories.map((story) => story[step]!));
    const first = await start();
    let appended = 0;
    const appending = (async () => {
      for (const { streamId, event } of events) {
        await store.appendToStream(streamId, [event]);
        appended += 1;
        if (appended % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await waitUntil(async () => ((await relayStatus())?.published ?? 0) > 40, 'the relay to publish');
    const { code, ms } = await first.stop('SIGTERM');
    expect(code, first.output()).toBe(0);
    expect(ms).toBeLessThan(BOUND_MS);

    // With the process gone nothing more can be acknowledged: everything up to the checkpoint must be on the topic.
    const [checkpoint] = await db.sql<{ commit: string; prepare: string }[]>`
      select commit_position::text as commit, prepare_position::text as prepare from relay.checkpoints where name = ${topic}`;
    const upToCheckpoint = (await store.readAll({ maxCount: 100_000 })).filter(
      (e) =>
        e.position.commit < BigInt(checkpoint!.commit) ||
        (e.position.commit === BigInt(checkpoint!.commit) && e.position.prepare <= BigInt(checkpoint!.prepare)),
    );
    expect(upToCheckpoint.length).toBeGreaterThan(0);
    const onTopic = await readIds(topic, upToCheckpoint.length);
    for (const event of upToCheckpoint) expect(onTopic.has(event.eventId)).toBe(true);

    await start();
    await appending;
    await waitUntil(
      async () => (await relayStatus())?.lagEvents === 0 && appended === events.length,
      'the relay to catch up',
      120_000,
    );
    const all = await readIds(topic, events.length);
    expect(all).toEqual(new Set(events.map(({ event }) => event.eventId)));
  }, 240_000);
});

/** ce_id of every message on the topic (a consumer de-duplicating on it), once at least `atLeast` distinct ones arrived. */
const readIds = async (topic: string, atLeast: number): Promise<Set<string>> => {
  const kafka = new Kafka({ clientId: 'sigterm-test', brokers: TEST_BROKERS, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `sigterm-${randomUUID()}` });
  const ids = new Set<string>();
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        ids.add(String(message.headers?.ce_id));
      },
    });
    await waitUntil(() => ids.size >= atLeast, 'the messages', 60_000).catch(() => undefined);
    // A little longer, so that messages beyond the expected ones (which would be a defect) are seen too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return ids;
  } finally {
    await consumer.disconnect();
  }
};
