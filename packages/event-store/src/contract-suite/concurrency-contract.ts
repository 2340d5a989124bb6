import { describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from '../event-store';
import type { RecordedEvent } from '../event-store';
import type { ContractContext } from './contract-context';
import { anEvent, events, eventually, ids, newStreamId, readAllSettled, SETTLE_MS } from './fixtures';

export const concurrencyContract = (context: ContractContext): void => {
  const store = () => context().store;

  describe('concurrent writers', () => {
    it('on one stream at the same expected revision: exactly one wins', async () => {
      const streamId = newStreamId();
      await store().appendToStream(streamId, events(1));
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, () => store().appendToStream(streamId, events(2), { expectedRevision: 0n })),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes)
        if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store().readStream(streamId)).map((e) => e.streamRevision)).toEqual([0n, 1n, 2n]);
    });

    it("with 'any' on one stream: all win, each append keeps its events together", async () => {
      const streamId = newStreamId();
      const batches = Array.from({ length: 10 }, () => events(2));
      await Promise.all(batches.map((batch) => store().appendToStream(streamId, batch)));
      const stored = await store().readStream(streamId);
      expect(stored.map((e) => e.streamRevision)).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(i)));
      for (const batch of batches) {
        const at = stored.findIndex((e) => e.eventId === batch[0]!.eventId);
        expect(stored[at + 1]!.eventId).toBe(batch[1]!.eventId);
      }
    });

    it('the same append retried concurrently is stored once and every caller gets the same result', async () => {
      const streamId = newStreamId();
      const batch = events(3);
      const results = await Promise.all(Array.from({ length: 5 }, () => store().appendToStream(streamId, batch)));
      for (const result of results) expect(result).toEqual(results[0]);
      expect(await store().readStream(streamId)).toHaveLength(3);
    });

    it('a subscriber sees every event of many concurrent appends exactly once, in the order readAll gives', async () => {
      const start = await store().headPosition();
      const received: RecordedEvent[] = [];
      const subscription = store().subscribeToAll(async (batch) => void received.push(...batch), {
        after: start,
        pollIntervalMs: 20,
        batchSize: 7,
      });
      const streams = Array.from({ length: 12 }, () => newStreamId());
      await Promise.all(
        streams.map(async (streamId) => {
          for (let i = 0; i < 5; i += 1)
            await store().appendToStream(streamId, events(2), {
              expectedRevision: i === 0 ? 'no_stream' : BigInt(i * 2 - 1),
            });
        }),
      );
      const all = await readAllSettled(store(), start, 120, streams);
      const ours = () => received.filter((e) => streams.includes(e.streamId));
      await eventually(() => expect(ours().length).toBeGreaterThanOrEqual(120), SETTLE_MS);
      await subscription.stop();
      expect(new Set(ids(received)).size).toBe(received.length);
      expect(ids(ours())).toEqual(ids(all));
    });

    it('a late commit (sequence taken first, committed last) is delivered, exactly once, in a stable order', async (test) => {
      const { slowConcurrentWriter } = context();
      if (!slowConcurrentWriter) {
        test.skip('this backend cannot commit two appends out of order (see its test file)');
        return;
      }
      const start = await store().headPosition();
      const received: RecordedEvent[] = [];
      const subscription = store().subscribeToAll(async (batch) => void received.push(...batch), {
        after: start,
        pollIntervalMs: 20,
      });
      const [slow, fast] = [anEvent('SlowCommitted'), anEvent('FastCommitted')];
      const held = await slowConcurrentWriter(newStreamId(), [slow]);
      await store().appendToStream(newStreamId(), [fast]);
      // Let the subscriber poll several times while the slow append is still open.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await held.commit();
      await eventually(
        () => expect(ids(received)).toEqual(expect.arrayContaining([slow.eventId, fast.eventId])),
        SETTLE_MS,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await subscription.stop();
      expect(new Set(ids(received)).size).toBe(received.length);
      const all = await store().readAll({ after: start });
      expect(ids(received)).toEqual(ids(all).slice(0, received.length));
      expect(ids(all).filter((id) => id === slow.eventId || id === fast.eventId)).toHaveLength(2);
    });
  });
};
