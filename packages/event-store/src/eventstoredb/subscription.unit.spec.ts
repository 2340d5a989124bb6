import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { START } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, ReadPosition } from '@eventstore/db-client';
import { EventStoreError } from '../event-store';
import type { RecordedEvent } from '../event-store';
import { subscribeFrom } from './subscription';
import type { OpenSubscription, SubscriptionSource } from './subscription';

// The client's subscription is a Node object stream of resolved events; these tests drive our batching, filtering,
// stop and reconnect logic with such a stream. They say nothing about the server (see eventstoredb.int.spec.ts).
const record = (n: number, streamId = 'incident-1', type = 'SomethingHappened'): AllStreamResolvedEvent =>
  ({
    event: {
      streamId,
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      isJson: true,
      revision: BigInt(n),
      type,
      created: new Date(0),
      data: { n },
      metadata: {},
      position: { commit: BigInt(n * 10), prepare: BigInt(n * 10) },
    },
  }) as AllStreamResolvedEvent;

type TestSource = PassThrough & SubscriptionSource & { unsubscribed: boolean };
const source = (): TestSource => {
  const stream = new PassThrough({ objectMode: true }) as TestSource;
  stream.unsubscribed = false;
  stream.unsubscribe = async () => {
    stream.unsubscribed = true;
    stream.destroy();
  };
  return stream;
};

const until = async (check: () => boolean, ms = 2000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

const options = { reconnectAttempts: 3, reconnectDelayMs: 1 };
const ns = (events: RecordedEvent[]) => events.map((e) => e.data.n);

describe('catch-up subscription over the client stream', () => {
  it('batches what has arrived, at most batchSize, waits for the handler, and drops system records', async () => {
    const opened: TestSource[] = [];
    const open: OpenSubscription = () => {
      const s = source();
      opened.push(s);
      return s;
    };
    const batches: number[][] = [];
    let release: (() => void) | undefined;
    const subscription = subscribeFrom(
      open,
      async (batch) => {
        batches.push(ns(batch) as number[]);
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      { ...options, batchSize: 3 },
    );
    await until(() => opened.length === 1);
    opened[0]!.write(record(1));
    await until(() => batches.length === 1);
    // While the handler is busy, more arrives, with a system record among it.
    for (const n of [2, 3, 4, 5]) opened[0]!.write(record(n));
    opened[0]!.write(record(6, '$stats-node', '$statsCollected'));
    opened[0]!.write(record(7));
    release!();
    await until(() => batches.flat().length === 6);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 7]]);
    await subscription.stop();
    await expect(subscription.done).resolves.toBeUndefined();
    expect(opened[0]!.unsubscribed).toBe(true);
  });

  it('starts after the checkpoint and never hands out the checkpoint itself', async () => {
    const froms: ReadPosition[] = [];
    const opened: TestSource[] = [];
    const received: RecordedEvent[] = [];
    const subscription = subscribeFrom(
      (from) => {
        froms.push(from);
        const s = source();
        opened.push(s);
        return s;
      },
      async (batch) => void received.push(...batch),
      { ...options, after: { commit: 20n, prepare: 20n } },
    );
    await until(() => opened.length === 1);
    for (const n of [2, 3]) opened[0]!.write(record(n));
    await until(() => received.length === 1);
    expect(froms).toEqual([{ commit: 20n, prepare: 20n }]);
    expect(ns(received)).toEqual([3]);
    await subscription.stop();
  });

  it('after a lost connection resubscribes from the last handled event, without repeats', async () => {
    const froms: ReadPosition[] = [];
    const opened: TestSource[] = [];
    const received: RecordedEvent[] = [];
    const subscription = subscribeFrom(
      (from) => {
        froms.push(from);
        const s = source();
        opened.push(s);
        return s;
      },
      async (batch) => void received.push(...batch),
      options,
    );
    await until(() => opened.length === 1);
    opened[0]!.write(record(1));
    opened[0]!.write(record(2));
    await until(() => received.length === 2);
    opened[0]!.destroy(
      Object.assign(new Error('14 UNAVAILABLE: Connection dropped'), { code: 14, details: 'Connection dropped' }),
    );
    await until(() => opened.length === 2);
    expect(froms).toEqual([START, { commit: 20n, prepare: 20n }]);
    // The server may resend the event at the position it resumed from.
    for (const n of [2, 3]) opened[1]!.write(record(n));
    await until(() => received.length === 3);
    expect(ns(received)).toEqual([1, 2, 3]);
    await subscription.stop();
    await expect(subscription.done).resolves.toBeUndefined();
  });

  it('gives up after the reconnect attempts: done rejects with a connection error', async () => {
    let opens = 0;
    const subscription = subscribeFrom(
      () => {
        opens += 1;
        const s = source();
        setImmediate(() =>
          s.destroy(
            Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
              code: 14,
              details: 'No connection established',
            }),
          ),
        );
        return s;
      },
      async () => undefined,
      options,
    );
    const error = await subscription.done.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EventStoreError);
    expect(error).toMatchObject({ code: 'connection' });
    expect(opens).toBe(1 + options.reconnectAttempts);
  });

  it('a handler error stops it at once, without reconnecting: done rejects with that very error', async () => {
    const failure = new Error('projection broke');
    let opens = 0;
    let calls = 0;
    const opened: TestSource[] = [];
    const subscription = subscribeFrom(
      () => {
        opens += 1;
        const s = source();
        opened.push(s);
        return s;
      },
      async () => {
        calls += 1;
        throw failure;
      },
      options,
    );
    await until(() => opened.length === 1);
    opened[0]!.write(record(1));
    await expect(subscription.done).rejects.toBe(failure);
    expect([opens, calls]).toEqual([1, 1]);
    await expect(subscription.stop()).resolves.toBeUndefined();
  });

  it('a server that ends the subscription counts as a lost connection', async () => {
    const opened: TestSource[] = [];
    const subscription = subscribeFrom(
      () => {
        const s = source();
        opened.push(s);
        return s;
      },
      async () => undefined,
      { reconnectAttempts: 1, reconnectDelayMs: 1 },
    );
    await until(() => opened.length === 1);
    opened[0]!.end();
    await until(() => opened.length === 2);
    opened[1]!.end();
    await expect(subscription.done).rejects.toMatchObject({ code: 'connection' });
  });
});
