import { describe, expect, it } from 'vitest';
import { comparePositions, EventStoreError, WrongExpectedRevisionError } from '../event-store';
import type { ExpectedRevision } from '../event-store';
import type { ContractContext } from './contract-context';
import { anEvent, events, ids, newStreamId } from './fixtures';

const rejectsWithRevision = async (
  promise: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: bigint | 'no_stream',
) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject({ code: 'wrong_expected_revision', streamId, expected, actual });
};

const rejectsWithCode = async (promise: Promise<unknown>, code: string) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EventStoreError);
  expect(error).toMatchObject({ code });
};

export const appendContract = (context: ContractContext): void => {
  const store = () => context().store;

  describe('expected revision', () => {
    it('no_stream: appends to a new stream, rejects an existing one', async () => {
      const streamId = newStreamId();
      const result = await store().appendToStream(streamId, events(2), { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(1n);
      await rejectsWithRevision(
        store().appendToStream(streamId, events(1), { expectedRevision: 'no_stream' }),
        streamId,
        'no_stream',
        1n,
      );
    });

    it('stream_exists: rejects a missing stream, appends to an existing one', async () => {
      const streamId = newStreamId();
      await rejectsWithRevision(
        store().appendToStream(streamId, events(1), { expectedRevision: 'stream_exists' }),
        streamId,
        'stream_exists',
        'no_stream',
      );
      await store().appendToStream(streamId, events(1));
      const result = await store().appendToStream(streamId, events(1), { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(1n);
    });

    it('exact: appends when the last revision matches, rejects when behind, ahead or missing', async () => {
      const streamId = newStreamId();
      await rejectsWithRevision(
        store().appendToStream(streamId, events(1), { expectedRevision: 0n }),
        streamId,
        0n,
        'no_stream',
      );
      await store().appendToStream(streamId, events(3), { expectedRevision: 'no_stream' });
      const result = await store().appendToStream(streamId, events(1), { expectedRevision: 2n });
      expect(result.nextExpectedRevision).toBe(3n);
      await rejectsWithRevision(
        store().appendToStream(streamId, events(1), { expectedRevision: 2n }),
        streamId,
        2n,
        3n,
      );
      await rejectsWithRevision(
        store().appendToStream(streamId, events(1), { expectedRevision: 9n }),
        streamId,
        9n,
        3n,
      );
      expect(await store().readStream(streamId)).toHaveLength(4);
    });

    it('any (the default): appends to new and existing streams', async () => {
      const streamId = newStreamId();
      expect((await store().appendToStream(streamId, events(1))).nextExpectedRevision).toBe(0n);
      expect(
        (await store().appendToStream(streamId, events(2), { expectedRevision: 'any' })).nextExpectedRevision,
      ).toBe(2n);
    });

    it('a rejected append writes nothing', async () => {
      const streamId = newStreamId();
      await store().appendToStream(streamId, events(1));
      const rejected = events(2);
      await expect(store().appendToStream(streamId, rejected, { expectedRevision: 'no_stream' })).rejects.toThrow(
        WrongExpectedRevisionError,
      );
      expect(ids(await store().readStream(streamId))).not.toContain(rejected[0]!.eventId);
      // The rejected ids are still free: appending them properly works.
      expect((await store().appendToStream(streamId, rejected, { expectedRevision: 0n })).nextExpectedRevision).toBe(
        2n,
      );
    });
  });

  describe('idempotent append', () => {
    it('the same ids again return the first result and write nothing, whatever the expected revision', async () => {
      const streamId = newStreamId();
      const batch = events(3);
      const first = await store().appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
      expect(await store().appendToStream(streamId, batch, { expectedRevision: 'no_stream' })).toEqual(first);
      expect(await store().appendToStream(streamId, batch)).toEqual(first);
      expect(await store().readStream(streamId)).toHaveLength(3);
    });

    it('forever: still the first result after the stream moved on', async () => {
      const streamId = newStreamId();
      const batch = events(2);
      const first = await store().appendToStream(streamId, batch);
      await store().appendToStream(streamId, events(5), { expectedRevision: 1n });
      expect(await store().appendToStream(streamId, batch, { expectedRevision: 1n })).toEqual(first);
      expect(await store().readStream(streamId)).toHaveLength(7);
    });

    it('a partial overlap with stored ids is invalid_event and writes nothing', async () => {
      const streamId = newStreamId();
      const batch = events(2);
      await store().appendToStream(streamId, batch);
      await rejectsWithCode(store().appendToStream(streamId, [batch[1]!, anEvent()]), 'invalid_event');
      await rejectsWithCode(store().appendToStream(streamId, [batch[1]!, batch[0]!]), 'invalid_event');
      await rejectsWithCode(store().appendToStream(newStreamId(), batch), 'invalid_event');
      expect(ids(await store().readStream(streamId))).toEqual(batch.map((e) => e.eventId));
    });

    it('rejects an empty append, a repeated id within one append and an id that is not a UUID', async () => {
      const event = anEvent();
      await rejectsWithCode(store().appendToStream(newStreamId(), []), 'invalid_event');
      await rejectsWithCode(store().appendToStream(newStreamId(), [event, event]), 'invalid_event');
      await rejectsWithCode(
        store().appendToStream(newStreamId(), [{ ...event, eventId: 'not-a-uuid' }]),
        'invalid_event',
      );
    });
  });

  describe('recorded events', () => {
    it('keep type, data and metadata as given, with stream, revision, position and time', async () => {
      const streamId = newStreamId();
      const event = anEvent('IncidentNotified', {
        nested: { list: [1, 'two', null], flag: true },
        text: 'Ŵelsh ✓ "quoted"',
      });
      event.metadata.partnershipId = 'p-1';
      event.metadata.traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const before = Date.now();
      const result = await store().appendToStream(streamId, [event]);
      const [recorded] = await store().readStream(streamId);
      expect(recorded).toMatchObject({
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        streamId,
        streamRevision: 0n,
      });
      expect(recorded!.position).toEqual(result.position);
      expect(recorded!.recordedAt).toBeInstanceOf(Date);
      expect(Math.abs(recorded!.recordedAt.getTime() - before)).toBeLessThan(60_000);
    });

    it('positions grow with each append, within and across streams', async () => {
      const streamId = newStreamId();
      const first = await store().appendToStream(streamId, events(2));
      const second = await store().appendToStream(newStreamId(), events(1));
      expect(comparePositions(first.position, second.position)).toBe(-1);
      const [a, b] = await store().readStream(streamId);
      expect(comparePositions(a!.position, b!.position)).toBe(-1);
      expect(b!.position).toEqual(first.position);
    });
  });
};
