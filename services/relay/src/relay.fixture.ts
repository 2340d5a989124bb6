/**
 * Test support for the relay's integration tests: a fresh database with the event store, appending fixture
 * events, and reading back everything on the topic.
 */
import { Kafka, logLevel } from 'kafkajs';
import type { EventStore } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import type { FixtureEvent } from '@cspr/feed/fixtures';
import { createTestDatabase } from '@cspr/testing';
import type { TestDatabase } from '@cspr/testing';

export type TestLog = {
  db: TestDatabase;
  store: EventStore;
  append: (events: FixtureEvent[]) => Promise<void>;
  drop: () => Promise<void>;
};

export const createTestLog = async (): Promise<TestLog> => {
  const db = await createTestDatabase();
  await migrateEventStore(db.sql);
  const store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  return {
    db,
    store,
    append: async (events) => {
      for (const { streamId, event } of events) await store.appendToStream(streamId, [event]);
    },
    drop: async () => {
      await store.close();
      await db.drop();
    },
  };
};

export type ConsumedMessage = {
  key: string;
  value: string;
  headers: Record<string, string>;
  partition: number;
  offset: string;
};

/** Reads the topic from the beginning with a fresh group until `until(messages)` holds or the time runs out. */
export const consumeAll = async (
  brokers: string[],
  topic: string,
  until: (messages: ConsumedMessage[]) => boolean,
  timeoutMs = 60_000,
): Promise<ConsumedMessage[]> => {
  const kafka = new Kafka({ clientId: 'relay-test-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({
    groupId: `test-${Math.random().toString(36).slice(2)}`,
    allowAutoTopicCreation: false,
  });
  const messages: ConsumedMessage[] = [];
  // The relay creates the topic when it first becomes active; subscribing earlier would fail.
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(async () => (await admin.listTopics()).includes(topic), timeoutMs, `topic ${topic}`);
  } finally {
    await admin.disconnect();
  }
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]),
        );
        messages.push({
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          headers,
          partition,
          offset: message.offset,
        });
        if (until(messages)) finish();
      },
    });
    const timer = setTimeout(finish, timeoutMs);
    await finished;
    clearTimeout(timer);
    return messages;
  } finally {
    await consumer.disconnect();
  }
};

export const waitFor = async (
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
