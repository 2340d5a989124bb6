import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@cspr/database';
import { createTestDatabase } from '@cspr/testing';
import type { TestDatabase } from '@cspr/testing';
import { runEventStoreContract } from '../contract-suite';
import { anEvent, eventually, newStreamId, readAllSettled, SETTLE_MS } from '../contract-suite/fixtures';
import type { EventStore, EventToAppend } from '../event-store';
import { createPostgresEventStore } from './postgres-event-store';
import { migrateEventStore } from './schema';
import { toJson } from './rows';

/**
 * Holds an append open on its own pooled connection: the function has run (sequence number and transaction id
 * taken, rows written) but the transaction commits only on `commit()`.
 */
const holdOpen = (db: TestDatabase) => async (streamId: string, events: EventToAppend[]) => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let written!: () => void;
  const ready = new Promise<void>((resolve) => (written = resolve));
  const transaction = db.sql.begin(async (tx) => {
    await tx`select * from event_store.append_to_stream(${streamId}, 'any', ${toJson(events)}::text::jsonb)`;
    written();
    await gate;
  });
  await Promise.race([ready, transaction]);
  return {
    commit: async () => {
      release();
      await transaction;
      db.wakeups.notify('event_store.appended');
    },
  };
};

runEventStoreContract('PostgreSQL server', async () => {
  const db = await createTestDatabase();
  await migrateEventStore(db.sql);
  const store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  return {
    store,
    slowConcurrentWriter: holdOpen(db),
    teardown: async () => {
      await store.close();
      await db.drop();
    },
  };
});

describe('PostgreSQL server specifics', () => {
  let db: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateEventStore(db.sql);
    store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('a late commit takes the lower sequence number but is ordered by its transaction, and holds later ones back', async () => {
    const start = await store.headPosition();
    const [slow, fast] = [anEvent(), anEvent()];
    const streams = [newStreamId(), newStreamId()];
    const held = await holdOpen(db)(streams[0]!, [slow]);
    const fastResult = await store.appendToStream(streams[1]!, [fast]);
    // The fast append committed, but an older transaction is still open: readers must not pass it yet.
    expect((await store.readAll({ after: start })).map((e) => e.eventId)).not.toContain(fast.eventId);
    await held.commit();
    const [first, second] = await readAllSettled(store, start, 2, streams);
    expect([first!.eventId, second!.eventId]).toEqual([slow.eventId, fast.eventId]);
    // The premise of the test: positions were handed out in the opposite order of the commits.
    expect(first!.position.prepare).toBeLessThan(second!.position.prepare);
    expect(second!.position).toEqual(fastResult.position);
  });

  it('leaves out the data fields a reader names, on every read, and only those', async () => {
    const start = await store.headPosition();
    const stream = newStreamId();
    const event = { ...anEvent(), data: { kept: 1, nested: { personal: 'kept too' }, personal: { sealed: 'x' } } };
    await store.appendToStream(stream, [event]);
    const [settled] = await readAllSettled(store, start, 1, [stream]);
    expect(settled!.data).toEqual(event.data);
    const leaveOutData = ['personal'];
    const expected = { kept: 1, nested: { personal: 'kept too' } };
    const [fromLog] = (await store.readAll({ after: start, leaveOutData })).filter((e) => e.streamId === stream);
    expect(fromLog!.data).toEqual(expected);
    expect((await store.readStream(stream, { leaveOutData }))[0]!.data).toEqual(expected);
    const delivered: Record<string, unknown>[] = [];
    const subscription = store.subscribeToAll(
      async (batch) => void delivered.push(...batch.filter((e) => e.streamId === stream).map((e) => e.data)),
      { after: start, leaveOutData },
    );
    await eventually(() => expect(delivered).toEqual([expected]), SETTLE_MS);
    await subscription.stop();
  });

  it('a transaction open in another database does not hold the log back', async () => {
    const other = await createTestDatabase({ maxConnections: 1 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    // Older than the append below, and open until the end of the test.
    const foreign = other.sql.begin(async (tx) => {
      await tx`select pg_current_xact_id()`;
      started();
      await gate;
    });
    try {
      await Promise.race([holding, foreign]);
      const start = await store.headPosition();
      const event = anEvent();
      const stream = newStreamId();
      await store.appendToStream(stream, [event]);
      const [read] = await readAllSettled(store, start, 1, [stream]);
      expect(read!.eventId).toBe(event.eventId);
    } finally {
      release();
      await foreign;
      await other.drop();
    }
  });

  it('wakes a subscriber in another process through LISTEN/NOTIFY, well before its poll interval', async () => {
    const reader = await openDatabase({ databaseUrl: db.url, maxConnections: 2 });
    const readerStore = createPostgresEventStore({ sql: reader.sql, wakeups: reader.wakeups });
    try {
      const received: string[] = [];
      const subscription = readerStore.subscribeToAll(
        async (batch) => void received.push(...batch.map((e) => e.eventId)),
        {
          after: await store.headPosition(),
          pollIntervalMs: 60_000,
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const event = anEvent();
      await store.appendToStream(newStreamId(), [event]);
      await eventually(() => expect(received).toContain(event.eventId), SETTLE_MS);
      await subscription.stop();
    } finally {
      await readerStore.close();
      await reader.close();
    }
  });

  it('stores data and metadata as jsonb, queryable in SQL', async () => {
    const streamId = newStreamId();
    await store.appendToStream(streamId, [anEvent('IncidentNotified', { ageBand: '1-4' })]);
    const [row] =
      await db.sql`select data->>'ageBand' as band, jsonb_typeof(metadata) as kind from event_store.events where stream_id = ${streamId}`;
    expect(row).toEqual({ band: '1-4', kind: 'object' });
  });

  it('migrating again is a no-op', async () => {
    expect(await migrateEventStore(db.sql)).toEqual([]);
  });
});
