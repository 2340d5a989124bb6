/**
 * The origin of each stream the feed follows (see `originOf` in @cspr/feed): read once from the stream's first
 * event and kept, because it never changes. Bounded so a long-running relay does not grow without limit; a
 * dropped entry is simply read again.
 */
import { originOf } from '@cspr/feed';
import type { StreamOrigin } from '@cspr/feed';
import type { EventStore, RecordedEvent } from '@cspr/event-store';

export const createStreamOrigins = (store: EventStore, capacity = 20_000) => {
  const cache = new Map<string, StreamOrigin | undefined>();
  const remember = (streamId: string, origin: StreamOrigin | undefined) => {
    if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
    cache.set(streamId, origin);
  };
  return {
    /** Learns origins from the first events of streams in a batch, saving a read. */
    learn: (events: RecordedEvent[]) => {
      for (const event of events) if (event.streamRevision === 0n) remember(event.streamId, originOf(event));
    },
    of: async (streamId: string): Promise<StreamOrigin | undefined> => {
      if (cache.has(streamId)) return cache.get(streamId);
      const [first] = await store.readStream(streamId, { direction: 'forwards', maxCount: 1 });
      const origin = first ? originOf(first) : undefined;
      remember(streamId, origin);
      return origin;
    },
  };
};
