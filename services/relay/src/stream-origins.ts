/**
 * The origin of each stream the feed follows (see `originOf` in @cspr/feed): read once from the stream's first
 * event and kept, because it never changes. Bounded so a long-running relay does not grow without limit; a
 * dropped entry is simply read again.
 *
 * Looked up a batch at a time: the streams a batch needs and the cache lacks are read side by side (the driver
 * pipelines them), not one awaited round trip per event. A backlog spanning more streams than the cache holds
 * misses on most of its events (a cache cycled through in order keeps evicting the next stream it needs), so a
 * miss has to be cheap, not merely rare.
 */
import { needsOrigin, originOf } from '@cspr/feed';
import type { StreamOrigin } from '@cspr/feed';
import type { EventStore, RecordedEvent } from '@cspr/event-store';

export type OriginsOfBatch = ReadonlyMap<string, StreamOrigin | undefined>;

export const createStreamOrigins = (store: EventStore, capacity = 20_000) => {
  const cache = new Map<string, StreamOrigin | undefined>();
  const remember = (streamId: string, origin: StreamOrigin | undefined) => {
    cache.delete(streamId);
    if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
    cache.set(streamId, origin);
  };
  const readOrigin = async (streamId: string) => {
    const [first] = await store.readStream(streamId, { direction: 'forwards', maxCount: 1 });
    return first ? originOf(first) : undefined;
  };
  return {
    /**
     * The origins of every stream in `events` whose events need one: learnt from the batch's own first events,
     * then from the cache, then read. Returned for the batch, so that evictions made while it is looked up cannot
     * lose an origin it needs.
     */
    ofBatch: async (events: RecordedEvent[]): Promise<OriginsOfBatch> => {
      const found = new Map<string, StreamOrigin | undefined>();
      for (const event of events) {
        if (event.streamRevision !== 0n) continue;
        const origin = originOf(event);
        found.set(event.streamId, origin);
        remember(event.streamId, origin);
      }
      const missing = new Set<string>();
      for (const event of events) {
        if (!needsOrigin(event.type) || found.has(event.streamId)) continue;
        if (cache.has(event.streamId)) found.set(event.streamId, cache.get(event.streamId));
        else missing.add(event.streamId);
      }
      const read = await Promise.all(
        [...missing].map(async (streamId) => [streamId, await readOrigin(streamId)] as const),
      );
      for (const [streamId, origin] of read) {
        found.set(streamId, origin);
        remember(streamId, origin);
      }
      return found;
    },
  };
};
