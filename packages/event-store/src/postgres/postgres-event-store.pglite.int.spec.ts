import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEmbeddedDatabase } from '@cspr/testing';
import type { EmbeddedTestDatabase } from '@cspr/testing';
import { runEventStoreContract } from '../contract-suite';
import { anEvent, newStreamId } from '../contract-suite/fixtures';
import type { EventStore } from '../event-store';
import { createPostgresEventStore } from './postgres-event-store';
import { migrateEventStore } from './schema';
import { toJson } from './rows';

/**
 * Embedded PGlite runs the same SQL through the same driver. It has one connection, so the suite's late-commit
 * test does not apply (no `slowConcurrentWriter`): a held-open transaction holds the only connection, and every
 * other append queues behind it. Transactions therefore commit in the order they took their transaction ids and
 * sequence numbers; the test below proves that single-connection case instead.
 */
runEventStoreContract('PostgreSQL on embedded PGlite', async () => {
  const db = await withEmbeddedDatabase();
  await migrateEventStore(db.sql);
  const store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  return {
    store,
    teardown: async () => {
      await store.close();
      await db.drop();
    },
  };
});

describe('PostgreSQL on embedded PGlite specifics', () => {
  let db: EmbeddedTestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    db = await withEmbeddedDatabase();
    await migrateEventStore(db.sql);
    store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('an append issued while a transaction is open waits for it, so commit order is log order: no late commit', async () => {
    const start = await store.headPosition();
    const [slow, fast] = [anEvent(), anEvent()];
    const order: string[] = [];
    let written!: () => void;
    const slowWritten = new Promise<void>((resolve) => (written = resolve));
    const slowTransaction = db.sql.begin(async (tx) => {
      await tx`select * from event_store.append_to_stream(${newStreamId()}, 'any', ${toJson([slow])}::text::jsonb)`;
      written();
      await new Promise((resolve) => setTimeout(resolve, 200));
      order.push('slow committed');
    });
    await slowWritten;
    const fastAppend = store.appendToStream(newStreamId(), [fast]).then((result) => {
      order.push('fast appended');
      return result;
    });
    await slowTransaction;
    const fastResult = await fastAppend;
    expect(order).toEqual(['slow committed', 'fast appended']);
    const read = await store.readAll({ after: start });
    expect(read.map((e) => e.eventId)).toEqual([slow.eventId, fast.eventId]);
    expect(read[0]!.position.commit).toBeLessThan(read[1]!.position.commit);
    expect(read[0]!.position.prepare).toBeLessThan(read[1]!.position.prepare);
    expect(read[1]!.position).toEqual(fastResult.position);
  });

  it('keeps the log across a restart of the embedded database', async () => {
    const streamId = newStreamId();
    await store.appendToStream(streamId, [anEvent()]);
    await store.close();
    await db.database.close();
    const { openDatabase } = await import('@cspr/database');
    const reopened = await openDatabase({ dataDir: db.dataDir });
    try {
      const again = createPostgresEventStore({ sql: reopened.sql, wakeups: reopened.wakeups });
      expect(await again.readStream(streamId)).toHaveLength(1);
      expect(await migrateEventStore(reopened.sql)).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});
