import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  Position,
  ReadPosition,
  ResolvedEvent,
  StreamingRead,
} from '@eventstore/db-client';
import {
  EventStoreError,
  LOG_START,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  comparePositions,
} from '../event-store';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  LogPosition,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
} from '../event-store';
import { normaliseConnectionString, redactConnectionString } from './connection-string';
import { fromClientError } from './errors';
import { fromResolvedEvent, toEventData } from './event-codec';
import { checkRepeat, partialRepeatError, validateAppend } from './idempotency';
import { readPositionAfter } from './positions';
import { toEsdbExpectedRevision } from './revisions';
import { openClientSubscription, subscribeFrom } from './subscription';

export type EventStoreDbOptions = {
  /** `esdb://`, `esdb+discover://` or `kurrentdb://` connection string (EVENTSTORE_CONNECTION_STRING). */
  connectionString: string;
  /**
   * How many of a stream's last events are searched for already-appended ids before each append. Default: the
   * whole stream ("forever", as the contract says; streams here are short). A number bounds the read on long
   * streams, and a repeat older than that many events is then appended again.
   */
  idempotencyWindow?: number;
  /** Events fetched per request when reading `$all`. Default 500. */
  pageSize?: number;
  /** Reconnects a subscription tries after losing the server before it fails with `connection`. Default 10. */
  subscriptionReconnectAttempts?: number;
  /** First delay before a subscription reconnects, doubled each attempt up to 10 s. Default 500 ms. */
  subscriptionReconnectDelayMs?: number;
};

const collect = async (read: StreamingRead<ResolvedEvent | AllStreamResolvedEvent>): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const resolved of read) {
    const event = fromResolvedEvent(resolved);
    if (event) out.push(event);
  }
  return out;
};

/** An EventStore over EventStoreDB / KurrentDB (gRPC client 6.x). See docs/eventstoredb.md. */
export const createEventStoreDbEventStore = (options: EventStoreDbOptions): EventStore => {
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(normaliseConnectionString(options.connectionString));
  } catch (error) {
    if (error instanceof EventStoreError) throw error;
    throw new EventStoreError(
      'connection',
      `Invalid EVENTSTORE_CONNECTION_STRING ${redactConnectionString(options.connectionString)}`,
      { cause: error },
    );
  }
  const window = options.idempotencyWindow;
  const pageSize = options.pageSize ?? 500;
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const guard = async <T>(
    operation: string,
    context: { streamId?: string; expected?: ExpectedRevision },
    run: () => Promise<T>,
  ): Promise<T> => {
    if (closed) throw new EventStoreError('closed', `${operation}: the event store is closed`);
    try {
      return await run();
    } catch (error) {
      throw fromClientError(error, { operation, ...context });
    }
  };

  const readStream = (streamId: string, read: ReadStreamOptions = {}): Promise<RecordedEvent[]> =>
    guard('readStream', { streamId }, () => {
      if (read.maxCount === 0) return Promise.resolve([]);
      const direction = read.direction === 'backwards' ? BACKWARDS : FORWARDS;
      return collect(
        client.readStream(streamId, {
          direction,
          fromRevision: read.fromRevision ?? (direction === FORWARDS ? START : END),
          ...(read.maxCount === undefined ? {} : { maxCount: read.maxCount }),
        }),
      );
    });

  /** A stream read where "no stream" is just no events. */
  const readOrEmpty = async (streamId: string, read: ReadStreamOptions): Promise<RecordedEvent[]> => {
    try {
      return await readStream(streamId, read);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  };

  /** The stream's events as far back as the idempotency window reaches (default: all of them). */
  const lookBack = (streamId: string): Promise<RecordedEvent[]> =>
    readOrEmpty(streamId, { direction: 'backwards', ...(window === undefined ? {} : { maxCount: window }) });

  const appendToStream = (
    streamId: string,
    events: EventToAppend[],
    append: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> => {
    const expected = append.expectedRevision ?? 'any';
    return guard('appendToStream', { streamId, expected }, async () => {
      validateAppend(streamId, events);
      const data = events.map(toEventData);
      const repeated = async (): Promise<AppendResult | undefined> => {
        const check = checkRepeat(events, await lookBack(streamId));
        if (check.kind === 'partial') throw partialRepeatError(streamId, check.found, events.length);
        return check.kind === 'repeat' ? check.result : undefined;
      };
      const before = await repeated();
      if (before) return before;
      let nextExpectedRevision: bigint;
      try {
        const result = await client.appendToStream(streamId, data, {
          expectedRevision: toEsdbExpectedRevision(expected),
        });
        if (!result.success) {
          // Only with throwOnAppendFailure=false in the connection string; its revision is unreliable, so read it.
          const [last] = await readOrEmpty(streamId, { direction: 'backwards', maxCount: 1 });
          throw new WrongExpectedRevisionError(streamId, expected, last ? last.streamRevision : 'no_stream');
        }
        nextExpectedRevision = result.nextExpectedRevision;
      } catch (error) {
        const mapped = fromClientError(error, { operation: 'appendToStream', streamId, expected });
        // A conflict may be this very append, retried while the original was in flight.
        if (mapped instanceof WrongExpectedRevisionError) {
          const after = await repeated();
          if (after) return after;
        }
        throw mapped;
      }
      // Read the events just written back: the reply's position is that of the write, which the client documents
      // loosely, and our contract wants the last event's own (commit, prepare). It also catches the server having
      // taken the append as a repeat of a concurrent identical one (then the ids sit elsewhere in the stream).
      const written = await readStream(streamId, {
        fromRevision: nextExpectedRevision - BigInt(events.length) + 1n,
        maxCount: events.length,
      });
      const check = checkRepeat(events, written);
      if (check.kind === 'repeat' && check.result.nextExpectedRevision === nextExpectedRevision) return check.result;
      const elsewhere = await repeated();
      if (elsewhere) return elsewhere;
      throw new EventStoreError(
        'invalid_position',
        `Stream ${streamId}: the events just appended could not be read back`,
      );
    });
  };

  const readAll = (read: ReadAllOptions = {}): Promise<RecordedEvent[]> =>
    guard('readAll', {}, async () => {
      const limit = read.maxCount ?? Number.POSITIVE_INFINITY;
      const out: RecordedEvent[] = [];
      let cursor: LogPosition | undefined = read.after;
      let from: ReadPosition = readPositionAfter(read.after);
      while (out.length < limit) {
        // Reads of $all start inclusive: one more than needed, since the first may be the cursor itself.
        const want = Math.min(pageSize, limit - out.length + 1);
        let seen = 0;
        for await (const resolved of client.readAll({ fromPosition: from, maxCount: want, direction: FORWARDS })) {
          seen += 1;
          const position: Position | undefined = resolved.event?.position;
          if (!position || (cursor && comparePositions(position, cursor) <= 0)) continue;
          cursor = { commit: position.commit, prepare: position.prepare };
          from = position;
          const event = fromResolvedEvent(resolved);
          if (event && out.length < limit) out.push(event);
        }
        if (seen < want) break;
      }
      return out;
    });

  const headPosition = (): Promise<LogPosition> =>
    guard('headPosition', {}, async () => {
      // The newest event that readAll would hand out: system records ($stats, metadata) are stepped over.
      let from: ReadPosition = END;
      let cursor: LogPosition | undefined;
      for (;;) {
        let seen = 0;
        for await (const resolved of client.readAll({ fromPosition: from, maxCount: 100, direction: BACKWARDS })) {
          seen += 1;
          const position: Position | undefined = resolved.event?.position;
          if (!position || (cursor && comparePositions(position, cursor) >= 0)) continue;
          cursor = { commit: position.commit, prepare: position.prepare };
          from = position;
          if (fromResolvedEvent(resolved)) return cursor;
        }
        if (seen < 100) return LOG_START;
      }
    });

  const subscribeToAll: EventStore['subscribeToAll'] = (handler, subscribe = {}) => {
    if (closed) throw new EventStoreError('closed', 'subscribeToAll: the event store is closed');
    const subscription = subscribeFrom(openClientSubscription(client), handler, {
      ...subscribe,
      reconnectAttempts: options.subscriptionReconnectAttempts ?? 10,
      reconnectDelayMs: options.subscriptionReconnectDelayMs ?? 500,
    });
    subscriptions.add(subscription);
    void subscription.done.then(
      () => subscriptions.delete(subscription),
      () => subscriptions.delete(subscription),
    );
    return subscription;
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await Promise.allSettled([...subscriptions].map((subscription) => subscription.stop()));
    await client.dispose();
  };

  return { appendToStream, readStream, readAll, headPosition, subscribeToAll, close };
};
