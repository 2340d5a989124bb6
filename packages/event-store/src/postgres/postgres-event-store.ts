import type { Sql } from 'postgres';
import type { Wakeups } from '@cspr/database';
import { EventStoreError, LOG_START, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  LogPosition,
  RecordedEvent,
  Subscription,
} from '../event-store';
import { startPollingSubscription } from '../polling-subscription';
import { DEFAULT_SCHEMA } from './schema';
import { eventColumns, toJson, toRecordedEvent } from './rows';
import type { EventRow } from './rows';

export type PostgresEventStoreOptions = {
  sql: Sql;
  /** Wakes subscriptions after each append; from `openDatabase`. */
  wakeups: Wakeups;
  /** Default `event_store`. Create it first with `migrateEventStore`. */
  schema?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * The log is read only below this transaction id (schema.ts says why): the oldest transaction running when the
 * statement's snapshot was taken, leaving out those shown running in another database, which cannot write to this
 * one's log. Transaction ids are server-wide, so otherwise any writer anywhere on the server (another application's
 * database, a test's) held every append here back until it ended. The statement's snapshot (pg_current_snapshot())
 * is also the one the read sees rows with: a transaction in its running list whose rows would appear later stays
 * below the line unless pg_stat_activity shows that same transaction id in another database, a fact that cannot
 * change; one that ended since, a prepared transaction, or one whose database is hidden still holds the log back.
 * The activity list is read only when some transaction is running.
 */
const HOLD_BACK_HORIZON = `(
  select coalesce(min(running.xid), pg_snapshot_xmax(pg_current_snapshot()))
    from pg_snapshot_xip(pg_current_snapshot()) as running(xid)
   where xid(running.xid) not in (
     select a.backend_xid from pg_stat_get_activity(null) a
      where a.backend_xid is not null and a.datid <> (select oid from pg_database where datname = current_database())))`;
/** Enough for many writers racing on one stream with 'any'; each retry is a fresh statement. */
const MAX_ATTEMPTS = 50;

type AppendRow = {
  o_outcome: 'appended' | 'duplicate' | 'overlap' | 'conflict';
  o_revision: string | null;
  o_commit: string | null;
  o_prepare: string | null;
};

const expectedText = (expected: ExpectedRevision): string => {
  if (typeof expected === 'bigint') {
    if (expected < 0n)
      throw new EventStoreError('invalid_event', `Expected revision must be 0 or more, got ${expected}`);
    return expected.toString();
  }
  return expected;
};

const validate = (streamId: string, events: EventToAppend[]): void => {
  if (!streamId) throw new EventStoreError('invalid_event', 'Stream id is empty');
  // An empty append has no first result to repeat and no position: callers skip it instead.
  if (events.length === 0) throw new EventStoreError('invalid_event', `Stream ${streamId}: nothing to append`);
  const ids = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.eventId))
      throw new EventStoreError('invalid_event', `Stream ${streamId}: event id is not a UUID`);
    if (!event.type)
      throw new EventStoreError('invalid_event', `Stream ${streamId}: event ${event.eventId} has no type`);
    const id = event.eventId.toLowerCase();
    if (ids.has(id))
      throw new EventStoreError('invalid_event', `Stream ${streamId}: event id ${event.eventId} appears twice`);
    ids.add(id);
  }
};

/** The events as the JSON array the batch append and append_to_stream take apart. */
const eventsJson = (events: EventToAppend[]): string =>
  toJson(events.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })));

const isPostgresError = (error: unknown): error is { code: string; constraint_name?: string } =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  typeof (error as { code: unknown }).code === 'string';

const wrap = (error: unknown): unknown => {
  if (error instanceof EventStoreError) return error;
  if (isPostgresError(error) && /^(08|57P)/.test(error.code))
    return new EventStoreError('connection', 'Event store connection failed', { cause: error });
  if (
    isPostgresError(error) &&
    ['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT'].includes(error.code)
  ) {
    return new EventStoreError('connection', 'Event store connection failed', { cause: error });
  }
  return error;
};

/**
 * The PostgreSQL event store (server or embedded PGlite; same SQL). See schema.ts for the log order.
 *
 * Idempotency decision: appending event ids that are already stored, as the same run of the same stream in the
 * same order, returns the first append's result whatever the expected revision now says (the retry of a command
 * that already succeeded must not turn into a conflict). Any other overlap with stored ids is `invalid_event`.
 */
export const createPostgresEventStore = (options: PostgresEventStoreOptions): EventStore => {
  const { sql, wakeups } = options;
  const schema = options.schema ?? DEFAULT_SCHEMA;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new EventStoreError('invalid_event', `Not a plain schema name: ${schema}`);
  const s = `"${schema}"`;
  const topic = `${schema}.appended`;
  const subscriptions = new Set<Subscription>();
  let closed = false;

  // Both fast appends: `accepted` holds the stream's last revision when the expected one ($2, an exact value in $4)
  // holds, and no row when it does not.
  const revisionCheck = `stream as (select max(e.stream_revision) as revision from ${s}.events e where e.stream_id = $1),
      accepted as (
        select stream.revision from stream
        where case $2::text when 'any' then true when 'no_stream' then stream.revision is null
          when 'stream_exists' then stream.revision is not null else stream.revision = $4::bigint end
      )`;
  const q = {
    // The usual append, as one statement: revision check and insert, nothing else. The unique keys do the rest:
    // a stored event id fails it on events_event_id_key, a concurrent writer on events_stream_revision_key. Every
    // other outcome (no row inserted, or that error) is settled by append_to_stream, which also answers retries.
    // Planned once per connection as a generic plan (possibly while the table is empty): the revision lookup stays
    // an index scan there, and rows take positions in array order (the ordinality scan is already in that order).
    fastAppend: `with input as (
        select (i.x->>'eventId')::uuid as event_id, i.x->>'type' as type, i.x->'data' as data, i.x->'metadata' as metadata, i.ord
        from jsonb_array_elements($3::text::jsonb) with ordinality as i(x, ord)
      ),
      ${revisionCheck},
      appended as (
        insert into ${s}.events (event_id, stream_id, stream_revision, type, data, metadata)
        select i.event_id, $1, coalesce(accepted.revision, -1) + i.ord, i.type, i.data, i.metadata
          from input i cross join accepted order by i.ord
        returning transaction_id, position, stream_revision
      )
      select last.transaction_id::text as commit, last.position::text as prepare, last.stream_revision::text as revision
      from appended last order by last.position desc limit 1`,
    // The same for one event, the usual command, with its fields as parameters: no array to build, parse and take
    // apart, nothing to order: a sixth less server time per append, which is what many concurrent writers run out of.
    fastAppendOne: `with ${revisionCheck}
      insert into ${s}.events (event_id, stream_id, stream_revision, type, data, metadata)
        select $3::uuid, $1, coalesce(accepted.revision, -1) + 1, $5::text, $6::text::jsonb, $7::text::jsonb from accepted
        returning transaction_id::text as commit, position::text as prepare, stream_revision::text as revision`,
    append: `select * from ${s}.append_to_stream($1, $2, $3::text::jsonb)`,
    current: `select max(stream_revision)::text as revision from ${s}.events where stream_id = $1`,
    forwards: `select ${eventColumns('$4')} from ${s}.events where stream_id = $1 and stream_revision >= $2 order by stream_revision limit $3`,
    backwards: `select ${eventColumns('$4')} from ${s}.events where stream_id = $1 and stream_revision <= $2 order by stream_revision desc limit $3`,
    exists: `select 1 from ${s}.events where stream_id = $1 limit 1`,
    // Only below the hold-back horizon: nothing can ever commit there again, so no cursor skips.
    readAll: `select ${eventColumns('$4')} from ${s}.events
      where (transaction_id, position) > ($1::text::xid8, $2::bigint) and transaction_id < ${HOLD_BACK_HORIZON}
      order by transaction_id, position limit $3`,
    head: `select transaction_id::text as commit, position::text as prepare from ${s}.events
      where transaction_id < ${HOLD_BACK_HORIZON} order by transaction_id desc, position desc limit 1`,
  };
  const run = async <T extends object>(
    text: string,
    params: (string | number | null | readonly string[])[],
  ): Promise<T[]> => {
    if (closed) throw new EventStoreError('closed', 'Event store is closed');
    try {
      return (await sql.unsafe(text, params, { prepare: true })) as unknown as T[];
    } catch (error) {
      throw wrap(error);
    }
  };

  const currentRevision = async (streamId: string): Promise<bigint | 'no_stream'> => {
    const [row] = await run<{ revision: string | null }>(q.current, [streamId]);
    return row?.revision == null ? 'no_stream' : BigInt(row.revision);
  };

  const appendToStream: EventStore['appendToStream'] = async (streamId, events, appendOptions = {}) => {
    validate(streamId, events);
    const expected = appendOptions.expectedRevision ?? 'any';
    const revision = expectedText(expected);
    const kind = typeof expected === 'bigint' ? 'exact' : revision;
    const exactRevision = typeof expected === 'bigint' ? revision : null;
    try {
      const one = events.length === 1 ? events[0]! : undefined;
      const [row] = await run<{ commit: string; prepare: string; revision: string }>(
        one ? q.fastAppendOne : q.fastAppend,
        one
          ? [streamId, kind, one.eventId, exactRevision, one.type, toJson(one.data), toJson(one.metadata)]
          : [streamId, kind, eventsJson(events), exactRevision],
      );
      if (row) {
        wakeups.notify(topic);
        return {
          nextExpectedRevision: BigInt(row.revision),
          position: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) },
        };
      }
    } catch (error) {
      if (!(isPostgresError(error) && error.code === '23505')) throw error;
    }
    // Nothing appended: a stored id (a retry, or an overlap), a revision that did not match, or a concurrent writer.
    for (let attempt = 1; ; attempt += 1) {
      let row: AppendRow | undefined;
      try {
        [row] = await run<AppendRow>(q.append, [streamId, revision, eventsJson(events)]);
      } catch (error) {
        // A concurrent writer took the same revision or the same event ids: ask again with a fresh snapshot.
        if (isPostgresError(error) && error.code === '23505' && attempt < MAX_ATTEMPTS) continue;
        if (isPostgresError(error) && error.code === '23505') {
          throw new WrongExpectedRevisionError(streamId, expected, await currentRevision(streamId));
        }
        throw error;
      }
      if (!row) throw new EventStoreError('connection', 'append_to_stream returned nothing');
      switch (row.o_outcome) {
        case 'appended':
        case 'duplicate': {
          const result: AppendResult = {
            nextExpectedRevision: BigInt(row.o_revision!),
            position: { commit: BigInt(row.o_commit!), prepare: BigInt(row.o_prepare!) },
          };
          if (row.o_outcome === 'appended') wakeups.notify(topic);
          return result;
        }
        case 'conflict':
          throw new WrongExpectedRevisionError(
            streamId,
            expected,
            row.o_revision == null ? 'no_stream' : BigInt(row.o_revision),
          );
        case 'overlap':
          throw new EventStoreError(
            'invalid_event',
            `Stream ${streamId}: some of these event ids were already appended, but not as this same append`,
          );
      }
    }
  };

  const readStream: EventStore['readStream'] = async (streamId, readOptions = {}) => {
    const backwards = readOptions.direction === 'backwards';
    const from = readOptions.fromRevision ?? (backwards ? 2n ** 63n - 1n : 0n);
    const rows = await run<EventRow>(backwards ? q.backwards : q.forwards, [
      streamId,
      from.toString(),
      readOptions.maxCount ?? null,
      readOptions.leaveOutData ?? [],
    ]);
    if (rows.length === 0 && (await run(q.exists, [streamId])).length === 0) throw new StreamNotFoundError(streamId);
    return rows.map(toRecordedEvent);
  };

  const readAfter = async (
    after: LogPosition,
    maxCount: number | null,
    leaveOutData: readonly string[] = [],
  ): Promise<RecordedEvent[]> => {
    const rows = await run<EventRow>(q.readAll, [
      after.commit.toString(),
      after.prepare.toString(),
      maxCount,
      leaveOutData,
    ]);
    return rows.map(toRecordedEvent);
  };

  return {
    appendToStream,
    readStream,
    readAll: (readOptions = {}) =>
      readAfter(readOptions.after ?? LOG_START, readOptions.maxCount ?? null, readOptions.leaveOutData),
    headPosition: async () => {
      const [row] = await run<{ commit: string; prepare: string }>(q.head, []);
      return row ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } : LOG_START;
    },
    subscribeToAll: (handler, subscriptionOptions) => {
      if (closed) throw new EventStoreError('closed', 'Event store is closed');
      const subscription = startPollingSubscription(
        {
          readAfter: (after, maxCount) => readAfter(after, maxCount, subscriptionOptions?.leaveOutData),
          onWake: (callback) => wakeups.subscribe(topic, callback),
        },
        handler,
        subscriptionOptions,
      );
      subscriptions.add(subscription);
      void subscription.done.catch(() => undefined).finally(() => subscriptions.delete(subscription));
      return subscription;
    },
    // The connection belongs to whoever opened the database; closing the store stops its subscriptions.
    close: async () => {
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      closed = true;
    },
  };
};
