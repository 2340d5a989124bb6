/**
 * The origin of each stream the feed follows (see `originOf` in @cspr/feed): read once from the stream's first
 * event and kept, because it never changes. Bounded so a long-running relay does not grow without limit; a
 * dropped entry is simply read again.
 *
 * Looked up a batch at a time: the streams a batch needs and the cache lacks are read side by side (the driver
 * pipelines them), not one awaited round trip per event. A backlog spanning more streams than the cache holds
 * misses on most of its events (a cache cycled through in order keeps evicting the next stream it needs), so a
 * miss has to be cheap, not merely rare.
 *
 * The bound is two generations of half the capacity each: when the newer one fills, the older one is dropped whole
 * and an entry found in it moves to the newer. Evicting one entry at a time from the front of a Map instead
 * (`keys().next()`) walks past every entry deleted before it, which cost ~50 µs per insert once the cache was full.
 */
import { FEED_UNREAD_DATA, needsOrigin, originOf } from '@cspr/feed';
import type { StreamOrigin } from '@cspr/feed';
import type { EventStore, RecordedEvent } from '@cspr/event-store';

export type OriginsOfBatch = ReadonlyMap<string, StreamOrigin | undefined>;

export const createStreamOrigins = (store: EventStore, capacity = 20_000) => {
  const generationSize = Math.max(1, Math.floor(capacity / 2));
  let newer = new Map<string, StreamOrigin | undefined>();
  let older = new Map<string, StreamOrigin | undefined>();
  const remember = (streamId: string, origin: StreamOrigin | undefined) => {
    if (newer.size >= generationSize) {
      older = newer;
      newer = new Map();
    }
    newer.set(streamId, origin);
  };
  /** The cached origin, `null` when not cached (an origin can be undefined: a stream the feed has no origin for). */
  const cached = (streamId: string): StreamOrigin | undefined | null => {
    if (newer.has(streamId)) return newer.get(streamId);
    if (!older.has(streamId)) return null;
    const origin = older.get(streamId);
    remember(streamId, origin);
    return origin;
  };
  const readOrigin = async (streamId: string) => {
    const [first] = await store.readStream(streamId, {
      direction: 'forwards',
      maxCount: 1,
      leaveOutData: FEED_UNREAD_DATA,
    });
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
        const origin = cached(event.streamId);
        if (origin === null) missing.add(event.streamId);
        else found.set(event.streamId, origin);
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
