import { describe, expect, it } from 'vitest';
import { comparePositions, formatPosition, parsePosition, StreamNotFoundError } from '../event-store';
import type { ContractContext } from './contract-context';
import { events, eventually, ids, newStreamId, readAllSettled, SETTLE_MS } from './fixtures';

export const readContract = (context: ContractContext): void => {
  const store = () => context().store;

  describe('read a stream', () => {
    it('forwards, from a revision, at most maxCount', async () => {
      const streamId = newStreamId();
      const batch = events(5);
      await store().appendToStream(streamId, batch);
      const all = await store().readStream(streamId);
      expect(ids(all)).toEqual(batch.map((e) => e.eventId));
      expect(all.map((e) => e.streamRevision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect((await store().readStream(streamId, { fromRevision: 2n })).map((e) => e.streamRevision)).toEqual([
        2n,
        3n,
        4n,
      ]);
      expect(
        (await store().readStream(streamId, { fromRevision: 1n, maxCount: 2 })).map((e) => e.streamRevision),
      ).toEqual([1n, 2n]);
      expect(await store().readStream(streamId, { fromRevision: 5n })).toEqual([]);
    });

    it('backwards, from the end or a revision, at most maxCount', async () => {
      const streamId = newStreamId();
      await store().appendToStream(streamId, events(5));
      const revisions = async (options: Parameters<ReturnType<typeof store>['readStream']>[1]) =>
        (await store().readStream(streamId, { direction: 'backwards', ...options })).map((e) => e.streamRevision);
      expect(await revisions({})).toEqual([4n, 3n, 2n, 1n, 0n]);
      expect(await revisions({ maxCount: 2 })).toEqual([4n, 3n]);
      expect(await revisions({ fromRevision: 2n })).toEqual([2n, 1n, 0n]);
      expect(await revisions({ fromRevision: 3n, maxCount: 1 })).toEqual([3n]);
    });

    it('a stream without events is not found, forwards and backwards', async () => {
      const streamId = newStreamId();
      await expect(store().readStream(streamId)).rejects.toBeInstanceOf(StreamNotFoundError);
      await expect(store().readStream(streamId, { direction: 'backwards' })).rejects.toMatchObject({
        code: 'stream_not_found',
        streamId,
      });
    });
  });

  describe('read all', () => {
    it('returns events after a position in the order they were appended, across streams', async () => {
      const start = await store().headPosition();
      const [a, b] = [newStreamId(), newStreamId()];
      const appended = [events(2), events(1), events(3)];
      await store().appendToStream(a, appended[0]!);
      await store().appendToStream(b, appended[1]!);
      await store().appendToStream(a, appended[2]!);
      const read = await readAllSettled(store(), start, 6, [a, b]);
      expect(ids(read)).toEqual(appended.flat().map((e) => e.eventId));
      expect(read.map((e) => e.streamId)).toEqual([a, a, b, a, a, a]);
      for (let i = 1; i < read.length; i += 1)
        expect(comparePositions(read[i - 1]!.position, read[i]!.position)).toBe(-1);
      expect(ids(await store().readAll({ after: read[2]!.position }))).toEqual(ids(read.slice(3)));
      expect(ids(await store().readAll({ after: read[0]!.position, maxCount: 2 }))).toEqual(ids(read.slice(1, 3)));
      expect(await store().readAll({ after: read.at(-1)!.position })).toEqual([]);
    });

    it('headPosition is the position of the newest event', async () => {
      const result = await store().appendToStream(newStreamId(), events(2));
      await eventually(async () => expect(await store().headPosition()).toEqual(result.position), SETTLE_MS);
    });

    it('positions survive their text form', async () => {
      const result = await store().appendToStream(newStreamId(), events(1));
      expect(parsePosition(formatPosition(result.position))).toEqual(result.position);
    });
  });
};
