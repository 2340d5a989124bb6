import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStoreError } from '../event-store';
import type { EventStore } from '../event-store';
import { createEventStoreDbEventStore } from './eventstoredb-event-store';

// The real client against a local port nobody listens on: what callers see when EventStoreDB is down.
// No server of any kind is involved (the connection is refused by the operating system).
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

const event = () => ({
  eventId: randomUUID(),
  type: 'SomethingHappened',
  data: {},
  metadata: {
    actor: { userId: 'system:test', role: 'admin' },
    correlationId: 'c',
    causationId: 'c',
    occurredAt: '2026-11-22T03:00:00Z',
  },
});

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('EventStoreDB unreachable', () => {
  let store: EventStore;
  beforeAll(async () => {
    const port = await closedPort();
    store = createEventStoreDbEventStore({
      connectionString: `esdb://127.0.0.1:${port}?tls=false&defaultDeadline=3000`,
      subscriptionReconnectAttempts: 2,
      subscriptionReconnectDelayMs: 10,
    });
  });
  afterAll(async () => {
    await store.close();
  });

  it.each([
    ['appendToStream', () => store.appendToStream(`s-${randomUUID()}`, [event()], { expectedRevision: 'no_stream' })],
    ['readStream', () => store.readStream(`s-${randomUUID()}`)],
    ['readAll', () => store.readAll({ maxCount: 1 })],
    ['headPosition', () => store.headPosition()],
  ])('%s fails with a typed connection error', async (_, run) => {
    const error = await failure(run());
    expect(error).toBeInstanceOf(EventStoreError);
    expect(error).toMatchObject({ code: 'connection' });
  });

  it('a subscription retries, then done rejects with a connection error', async () => {
    const subscription = store.subscribeToAll(async () => undefined);
    const error = await failure(subscription.done);
    expect(error).toMatchObject({ code: 'connection' });
  });

  it('an invalid event is refused before any network call', async () => {
    const error = await failure(store.appendToStream('s-1', [{ ...event(), data: { n: 1n } }]));
    expect(error).toMatchObject({ code: 'invalid_event' });
  });

  it('after close every call is closed', async () => {
    const port = await closedPort();
    const closing = createEventStoreDbEventStore({ connectionString: `esdb://127.0.0.1:${port}?tls=false` });
    await closing.close();
    await expect(closing.readAll()).rejects.toMatchObject({ code: 'closed' });
    expect(() => closing.subscribeToAll(async () => undefined)).toThrow(expect.objectContaining({ code: 'closed' }));
  });
});
