/**
 * The EventStore contract (docs/architecture.md, "Event store semantics"). Both backends (PostgreSQL, EventStoreDB) pass
 * the same contract suite (`@cspr/event-store/contract-suite`).
 *
 * Events are stored as given: the store knows nothing of the domain or of encryption. `data` and `metadata` are
 * JSON objects; personal data has already been encrypted by the time an event reaches the store.
 */

/** Where an event sits in the global log. Compared lexicographically: (commit, prepare).
 *
 * PostgreSQL: `commit` is the writing transaction's id (xid8) and `prepare` the event's sequence number; readers
 * read only below the oldest transaction still running that could write to the log, so a late-committing
 * transaction can never be skipped.
 * EventStoreDB: the commit and prepare positions of its `$all` stream. */
export type LogPosition = { commit: bigint; prepare: bigint };

export const LOG_START: LogPosition = { commit: 0n, prepare: 0n };

export const comparePositions = (a: LogPosition, b: LogPosition): number =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;

/** Opaque text form of a position for APIs and checkpoints: `<commit>.<prepare>`. */
export const formatPosition = (p: LogPosition): string => `${p.commit}.${p.prepare}`;
export const parsePosition = (text: string): LogPosition => {
  const match = /^(\d{1,20})\.(\d{1,20})$/.exec(text);
  if (!match) throw new EventStoreError('invalid_position', `Not a log position: expected <commit>.<prepare>`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
};

export type EventMetadata = {
  /** Who caused the event: `user:<id>` with role, or `system:<component>`. */
  actor: { userId: string; role: string };
  partnershipId?: string;
  correlationId: string;
  causationId: string;
  /** W3C trace context of the command that appended the event, so projector and relay continue the trace. */
  traceparent?: string;
  occurredAt: string;
  [key: string]: unknown;
};

export type EventToAppend = {
  /** UUID. The same id appended again is idempotent, forever. */
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
};

export type RecordedEvent = EventToAppend & {
  streamId: string;
  /** 0-based revision of the event within its stream. */
  streamRevision: bigint;
  position: LogPosition;
  recordedAt: Date;
};

/** What the caller believes about the stream before appending. */
export type ExpectedRevision =
  | 'any'
  | 'no_stream'
  | 'stream_exists'
  /** The revision of the stream's last event (0-based). */
  | bigint;

export type AppendResult = {
  /** Revision of the stream's last event after the append. */
  nextExpectedRevision: bigint;
  /** Position of the last event appended. */
  position: LogPosition;
};

/**
 * Top-level fields of `data` the reader never looks at (the relay: the sealed `personal` part). A store may leave
 * them out of what it returns (PostgreSQL drops them on the server, before they are sent and parsed) or return
 * them anyway; the reader must not rely on either.
 */
export type LeaveOutData = { leaveOutData?: readonly string[] };

export type ReadStreamOptions = LeaveOutData & {
  direction?: 'forwards' | 'backwards';
  /** Revision to start from (inclusive). Default: the start (forwards) or the end (backwards). */
  fromRevision?: bigint;
  maxCount?: number;
};

export type ReadAllOptions = LeaveOutData & {
  /** Read events strictly after this position. Default: the beginning of the log. */
  after?: LogPosition;
  maxCount?: number;
};

export type SubscriptionOptions = LeaveOutData & {
  /** Deliver events strictly after this checkpoint. */
  after?: LogPosition;
  /** Events handed to the handler at once when behind. Default 500. */
  batchSize?: number;
  /** Poll interval when no wake-up arrives; polling is the correctness path. Default 1000 ms. */
  pollIntervalMs?: number;
};

/** A batch handler: when it resolves, the batch is done; when it throws, the subscription stops with that error. */
export type BatchHandler = (events: RecordedEvent[]) => Promise<void>;

export type Subscription = {
  /** Stops after the batch in hand; resolves when stopped. */
  stop: () => Promise<void>;
  /** Resolves when the subscription ends (stopped or failed); rejects with the handler's or the store's error. */
  done: Promise<void>;
};

export type EventStore = {
  appendToStream: (
    streamId: string,
    events: EventToAppend[],
    options?: { expectedRevision?: ExpectedRevision },
  ) => Promise<AppendResult>;
  /** Throws `stream_not_found` when the stream has no events. */
  readStream: (streamId: string, options?: ReadStreamOptions) => Promise<RecordedEvent[]>;
  readAll: (options?: ReadAllOptions) => Promise<RecordedEvent[]>;
  /** The position of the newest readable event (LOG_START when empty): used for lag. */
  headPosition: () => Promise<LogPosition>;
  subscribeToAll: (handler: BatchHandler, options?: SubscriptionOptions) => Subscription;
  close: () => Promise<void>;
};

export type EventStoreErrorCode =
  'wrong_expected_revision' | 'stream_not_found' | 'invalid_position' | 'invalid_event' | 'connection' | 'closed';

export class EventStoreError extends Error {
  override readonly name: string = 'EventStoreError';
  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class WrongExpectedRevisionError extends EventStoreError {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      'wrong_expected_revision',
      `Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`,
    );
  }
}

export class StreamNotFoundError extends EventStoreError {
  override readonly name = 'StreamNotFoundError';
  constructor(readonly streamId: string) {
    super('stream_not_found', `Stream ${streamId} not found`);
  }
}
