import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event-store';
import type { ContractContext } from './contract-context';
import { events, eventually, ids, newStreamId, readAllSettled, SETTLE_MS } from './fixtures';

const collector = () => {
  const received: RecordedEvent[] = [];
  const batches: number[] = [];
  const handler = async (batch: RecordedEvent[]) => {
    batches.push(batch.length);
    received.push(...batch);
  };
  return { received, batches, handler };
};

export const subscribeContract = (context: ContractContext): void => {
  const store = () => context().store;

  describe('subscribe to all', () => {
    it('from a checkpoint: catches up after it, then follows live appends', async () => {
      const streamId = newStreamId();
      const before = events(3);
      const { position: start } = await store().appendToStream(newStreamId(), events(1));
      await store().appendToStream(streamId, before);
      const [first] = await readAllSettled(store(), start, 3, [streamId]);
      const { received, handler } = collector();
      const subscription = store().subscribeToAll(handler, { after: first!.position, pollIntervalMs: 100 });
      await eventually(() => expect(ids(received)).toEqual(before.slice(1).map((e) => e.eventId)), SETTLE_MS);
      const live = events(2);
      await store().appendToStream(streamId, live, { expectedRevision: 2n });
      await eventually(
        () => expect(ids(received)).toEqual([...before.slice(1), ...live].map((e) => e.eventId)),
        SETTLE_MS,
      );
      await subscription.stop();
      await expect(subscription.done).resolves.toBeUndefined();
    });

    it('hands events over in batches of at most batchSize, in log order', async () => {
      const start = await store().headPosition();
      const streamId = newStreamId();
      const appended = events(7);
      await store().appendToStream(streamId, appended);
      await readAllSettled(store(), start, 7, [streamId]);
      const { received, batches, handler } = collector();
      const subscription = store().subscribeToAll(handler, { after: start, batchSize: 3, pollIntervalMs: 100 });
      await eventually(() => expect(received.filter((e) => e.streamId === streamId)).toHaveLength(7), SETTLE_MS);
      await subscription.stop();
      expect(Math.max(...batches)).toBeLessThanOrEqual(3);
      expect(ids(received.filter((e) => e.streamId === streamId))).toEqual(appended.map((e) => e.eventId));
    });

    it('stop: done resolves and nothing more is delivered', async () => {
      const { received, handler } = collector();
      const subscription = store().subscribeToAll(handler, { after: await store().headPosition(), pollIntervalMs: 20 });
      const first = events(1);
      await store().appendToStream(newStreamId(), first);
      await eventually(() => expect(ids(received)).toContain(first[0]!.eventId), SETTLE_MS);
      await subscription.stop();
      await expect(subscription.done).resolves.toBeUndefined();
      const count = received.length;
      await store().appendToStream(newStreamId(), events(1));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).toHaveLength(count);
    });

    it('a handler error ends the subscription: done rejects with that error', async () => {
      const failure = new Error('projection broke');
      let calls = 0;
      const subscription = store().subscribeToAll(
        async () => {
          calls += 1;
          throw failure;
        },
        { after: await store().headPosition(), pollIntervalMs: 20 },
      );
      await store().appendToStream(newStreamId(), events(1));
      await expect(subscription.done).rejects.toBe(failure);
      await store().appendToStream(newStreamId(), events(1));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(calls).toBe(1);
      await expect(subscription.stop()).resolves.toBeUndefined();
    });
  });
};
