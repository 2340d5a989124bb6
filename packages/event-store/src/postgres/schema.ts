import type { Sql } from 'postgres';
import { runMigrations } from '@cspr/database';
import type { Migration } from '@cspr/database';

export const DEFAULT_SCHEMA = 'event_store';

/**
 * One table; the log order is (transaction_id, position), which is also the primary key.
 *
 * `position` is handed out before commit, so it alone cannot be a reading cursor: a transaction that takes
 * position 7 and commits after the one that took 8 would be skipped by a reader already past 8. Readers therefore
 * only read rows whose writing transaction is older than every running one that could write here (every running
 * one except those shown in another database: HOLD_BACK_HORIZON in postgres-event-store.ts): no row can ever
 * appear below that line again.
 *
 * `append_to_stream` does the idempotency check, the expected-revision check and the insert in one statement.
 * The adapter calls it only for the appends its own single-statement insert does not complete (a stored event id,
 * a revision that did not match, a concurrent writer): see postgres-event-store.ts. It reports outcomes as rows
 * rather than exceptions: an exception block would open a subtransaction on every call.
 */
const eventsTable = (s: string): string => `
create table ${s}.events (
  transaction_id xid8 not null default pg_current_xact_id(),
  position bigint generated always as identity,
  event_id uuid not null,
  stream_id text not null,
  stream_revision bigint not null,
  type text not null,
  data jsonb not null,
  metadata jsonb not null,
  recorded_at timestamptz not null default now(),
  constraint events_log_order primary key (transaction_id, position),
  constraint events_event_id_key unique (event_id),
  constraint events_stream_revision_key unique (stream_id, stream_revision)
);
`;

// Replaced in place by later migrations when the append logic changes: the function holds no data.
const appendFunction = (s: string): string => `
create or replace function ${s}.append_to_stream(p_stream_id text, p_expected text, p_events jsonb)
returns table (o_outcome text, o_revision bigint, o_commit text, o_prepare bigint)
language plpgsql as $fn$
declare
  v_count int := jsonb_array_length(p_events);
  v_ids uuid[] := array(select (x->>'eventId')::uuid from jsonb_array_elements(p_events) as x);
  v_found int;
  v_same_batch boolean;
  v_current bigint;
  v_ok boolean;
begin
  -- Idempotency: these ids already stored as one run of this stream, in this order, is a retry of that append.
  -- Plans here are cached per connection, possibly while the table is still empty: "= any(array)" without LIMIT
  -- stays an index lookup in such a plan (a join with the jsonb elements, or LIMIT 1, was cached as a table scan).
  -- The usual case, no id stored, costs one probe per id.
  select count(*)::int into v_found from ${s}.events e where e.event_id = any(v_ids);
  if v_found > 0 then
    select count(*)::int,
           bool_and(e.stream_id = p_stream_id) and count(distinct e.stream_revision - array_position(v_ids, e.event_id)) = 1
      into v_found, v_same_batch
      from ${s}.events e
      where e.event_id = any(v_ids);
    if v_found = v_count and v_same_batch then
      return query select 'duplicate'::text, e.stream_revision, e.transaction_id::text, e.position
        from ${s}.events e where e.event_id = v_ids[v_count];
    else
      return query select 'overlap'::text, null::bigint, null::text, null::bigint;
    end if;
    return;
  end if;

  select max(e.stream_revision) into v_current from ${s}.events e where e.stream_id = p_stream_id;
  if p_expected = 'any' then
    v_ok := true;
  elsif p_expected = 'no_stream' then
    v_ok := v_current is null;
  elsif p_expected = 'stream_exists' then
    v_ok := v_current is not null;
  else
    v_ok := v_current is not null and v_current = p_expected::bigint;
  end if;
  if not v_ok then
    return query select 'conflict'::text, v_current, null::text, null::bigint;
    return;
  end if;

  -- A concurrent writer at the same revision fails below on events_stream_revision_key; the caller re-runs the
  -- function, which then answers with a fresh snapshot (conflict, duplicate, or the next revision for 'any').
  insert into ${s}.events (event_id, stream_id, stream_revision, type, data, metadata)
    select (i.x->>'eventId')::uuid, p_stream_id, coalesce(v_current, -1) + i.ord, i.x->>'type', i.x->'data', i.x->'metadata'
      from jsonb_array_elements(p_events) with ordinality as i(x, ord)
      order by i.ord;
  -- Rows take positions in the order above, so the session's last sequence value is the last event's position.
  return query select 'appended'::text, coalesce(v_current, -1) + v_count, pg_current_xact_id()::text, lastval();
end
$fn$;
`;

export const eventStoreMigrations = (schema: string): Migration[] => [
  { id: '0001-events', sql: eventsTable(`"${schema}"`) },
  { id: '0002-append-to-stream', sql: appendFunction(`"${schema}"`) },
];

/** Creates or upgrades the event store's schema; safe when several processes start together. */
export const migrateEventStore = async (sql: Sql, options: { schema?: string } = {}): Promise<string[]> => {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  return runMigrations(sql, { schema, migrations: eventStoreMigrations(schema) });
};
