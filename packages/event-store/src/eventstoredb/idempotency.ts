import { EventStoreError } from '../event-store';
import type { AppendResult, EventToAppend, RecordedEvent } from '../event-store';

/**
 * EventStoreDB's own idempotency is narrow: the server recognises a repeated write only while the event ids are
 * still in its recent-writes cache, and only for the same expected revision. Our contract says "the same ids again
 * return the first result, forever, whatever the expected revision", so the adapter looks in the stream itself
 * before appending (and again after a conflict, for a retry racing its original). See docs/eventstoredb.md for what
 * this costs and what it cannot see (the same ids in ANOTHER stream: EventStoreDB has no index by event id).
 */
export type RepeatCheck =
  { kind: 'new' } | { kind: 'repeat'; result: AppendResult } | { kind: 'partial'; found: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same checks as the PostgreSQL store, before anything goes to the server. */
export const validateAppend = (streamId: string, events: EventToAppend[]): void => {
  if (!streamId) throw new EventStoreError('invalid_event', 'Stream id is empty');
  if (streamId.startsWith('$'))
    throw new EventStoreError('invalid_event', `Stream ${streamId}: names starting with $ belong to the server`);
  if (events.length === 0) throw new EventStoreError('invalid_event', `Stream ${streamId}: nothing to append`);
  const ids = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.eventId))
      throw new EventStoreError('invalid_event', `Stream ${streamId}: event id is not a UUID`);
    const id = event.eventId.toLowerCase();
    if (ids.has(id))
      throw new EventStoreError('invalid_event', `Stream ${streamId}: event id ${event.eventId} appears twice`);
    ids.add(id);
  }
};

/**
 * Whether `events` were appended already, judged from `recorded` (events of the same stream, any order).
 * A repeat is the same ids as one run of consecutive revisions in the same order; any other overlap is partial.
 */
export const checkRepeat = (events: EventToAppend[], recorded: RecordedEvent[]): RepeatCheck => {
  const byId = new Map(recorded.map((event) => [event.eventId.toLowerCase(), event]));
  const found = events.map((event) => byId.get(event.eventId.toLowerCase()));
  const present = found.filter((event) => event !== undefined);
  if (present.length === 0) return { kind: 'new' };
  const first = found[0];
  const inOrder =
    first !== undefined &&
    found.every((event, i) => event !== undefined && event.streamRevision === first.streamRevision + BigInt(i));
  if (!inOrder) return { kind: 'partial', found: present.length };
  const last = found[found.length - 1]!;
  return { kind: 'repeat', result: { nextExpectedRevision: last.streamRevision, position: last.position } };
};

export const partialRepeatError = (streamId: string, found: number, total: number): EventStoreError =>
  new EventStoreError(
    'invalid_event',
    `Stream ${streamId}: ${found} of ${total} event ids were appended before, but not as this same run; refusing a half-repeated append`,
  );
