/**
 * Applies one batch of events to every read model and moves the checkpoint, all in one transaction
 * (exactly-once for read models). Per batch and table: one SELECT of the rows the batch touches, the events applied
 * in memory, one DELETE and one INSERT of the changed rows. An event a projection cannot apply is recorded in
 * read_models.dead_letters and skipped for every projection, so one broken event never half-applies.
 */
import type { Sql, TransactionSql } from 'postgres';
import { decodeEvent } from '@cspr/domain';
import type { LogPosition, RecordedEvent } from '@cspr/event-store';
import { advanceCheckpoint } from './checkpoint';
import { ProjectionError, type Projection, type ProjectedEvent, type ProjectionContext, type Rows } from './projection';

export type DeadLetter = { eventId: string; eventType: string; streamId: string; position: string; projection: string; reason: string; recordedAt: string };

export type BatchOutcome = { position: LogPosition; applied: number; skipped: number; deadLettered: number };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const toProjectedEvent = (recorded: RecordedEvent): ProjectedEvent => {
  const stored = isObject(recorded.data) ? recorded.data : {};
  const decoded = decodeEvent({ type: recorded.type, data: stored });
  return {
    eventId: recorded.eventId,
    type: recorded.type,
    streamId: recorded.streamId,
    position: recorded.position,
    recordedAt: new Date(recorded.recordedAt).toISOString(),
    metadata: isObject(recorded.metadata) ? recorded.metadata : {},
    schemaVersion: Number.isFinite(decoded.schemaVersion) ? decoded.schemaVersion : 1,
    data: decoded.data,
    personal: decoded.personal,
  };
};

/** Error text safe to store: our own messages name fields, never values; anything else is reduced to its class. */
const reasonOf = (error: unknown): string => {
  if (error instanceof ProjectionError) return error.message.slice(0, 500);
  if (error instanceof Error) return `${error.name}: unexpected failure in projection code`;
  return 'unexpected failure in projection code';
};

type TableState = { projection: Projection; rows: Map<string, Record<string, unknown>>; loaded: Set<string>; existing: Set<string>; dirty: Set<string> };

const loadRows = async (tx: TransactionSql, projection: Projection, keys: Set<string>, state: TableState) => {
  if (keys.size === 0) return;
  const found = await tx<{ row: Record<string, unknown> }[]>`
    select to_jsonb(t) as row from ${tx(projection.table)} t
    where ${tx(projection.key)} in (select jsonb_array_elements_text(${JSON.stringify([...keys])}::text::jsonb))`;
  for (const key of keys) state.loaded.add(key);
  for (const { row } of found) {
    const key = String(row[projection.key]);
    state.rows.set(key, row);
    state.existing.add(key);
  }
};

const rowsView = (state: TableState, overlay: Map<string, Record<string, unknown> | null>): Rows<Record<string, unknown>> => ({
  get: (key) => {
    if (overlay.has(key)) return overlay.get(key) ?? undefined;
    if (!state.loaded.has(key) && !state.rows.has(key)) throw new ProjectionError(`${state.projection.name}: row ${key.length > 80 ? 'key' : key} was not loaded`);
    return state.rows.get(key);
  },
  set: (key, row) => void overlay.set(key, row),
  delete: (key) => void overlay.set(key, null),
  entries: function* () {
    for (const [key, row] of state.rows) if (!overlay.has(key)) yield [key, row];
    for (const [key, row] of overlay) if (row) yield [key, row];
  },
});

const writeRows = async (tx: TransactionSql, state: TableState) => {
  if (state.dirty.size === 0) return;
  const { table, key } = state.projection;
  const stale = [...state.dirty].filter((k) => state.existing.has(k));
  if (stale.length > 0) {
    await tx`delete from ${tx(table)} where ${tx(key)} in (select jsonb_array_elements_text(${JSON.stringify(stale)}::text::jsonb))`;
  }
  const rows = [...state.dirty].map((k) => state.rows.get(k)).filter((row) => row !== undefined);
  if (rows.length > 0) {
    await tx`insert into ${tx(table)} select * from jsonb_populate_recordset(null::${tx(table)}, ${JSON.stringify(rows)}::text::jsonb)`;
  }
};

const writeDeadLetters = async (tx: TransactionSql, letters: DeadLetter[]) => {
  if (letters.length === 0) return;
  const rows = letters.map((l) => ({
    event_id: l.eventId, event_type: l.eventType, stream_id: l.streamId, position: l.position,
    projection: l.projection, reason: l.reason, recorded_at: l.recordedAt,
  }));
  await tx`
    insert into read_models.dead_letters
    select * from jsonb_populate_recordset(null::read_models.dead_letters, ${JSON.stringify(rows)}::text::jsonb)
    on conflict do nothing`;
};

/** Applies `events` in memory to rows already loaded; returns the dead letters. Pure apart from the maps it fills. */
const applyEvents = (states: TableState[], events: ProjectedEvent[], context: ProjectionContext, outcome: BatchOutcome): DeadLetter[] => {
  const letters: DeadLetter[] = [];
  for (const event of events) {
    const relevant = states.filter((s) => s.projection.handles.has(event.type));
    if (relevant.length === 0) {
      outcome.skipped += 1;
      continue;
    }
    const staged: [TableState, Map<string, Record<string, unknown> | null>][] = [];
    try {
      for (const state of relevant) {
        const overlay = new Map<string, Record<string, unknown> | null>();
        state.projection.evolve(rowsView(state, overlay), event, context);
        staged.push([state, overlay]);
      }
    } catch (error) {
      const failed = relevant[staged.length]?.projection.name ?? 'unknown';
      letters.push({
        eventId: event.eventId, eventType: event.type, streamId: event.streamId, recordedAt: event.recordedAt,
        position: `${event.position.commit}.${event.position.prepare}`, projection: failed, reason: reasonOf(error),
      });
      continue;
    }
    for (const [state, overlay] of staged) {
      for (const [key, row] of overlay) {
        if (row) state.rows.set(key, row);
        else state.rows.delete(key);
        state.dirty.add(key);
      }
    }
    outcome.applied += 1;
  }
  return letters;
};

const keysFor = (projection: Projection, events: ProjectedEvent[]): Set<string> => {
  const keys = new Set<string>();
  for (const event of events) {
    if (!projection.handles.has(event.type)) continue;
    try {
      for (const key of projection.keysOf(event)) keys.add(key);
    } catch {
      // A broken event: evolve will throw on it too and dead-letter it with the reason.
    }
  }
  return keys;
};

/**
 * One batch, one transaction: checkpoint compare-and-set first (it takes the row lock, so a racing projector waits
 * here and then fails the compare), then rows loaded, events applied, rows and dead letters written.
 */
export const applyBatch = async (
  sql: Sql,
  projections: Projection[],
  recorded: RecordedEvent[],
  expected: LogPosition,
  context: ProjectionContext,
): Promise<BatchOutcome> => {
  const last = recorded[recorded.length - 1];
  const outcome: BatchOutcome = { position: expected, applied: 0, skipped: 0, deadLettered: 0 };
  if (!last) return outcome;
  const events = recorded.map(toProjectedEvent);
  await sql.begin(async (tx) => {
    await advanceCheckpoint(tx, expected, last.position, recorded.length, context.calendar.version);
    const states: TableState[] = [];
    for (const projection of projections) {
      const state: TableState = { projection, rows: new Map(), loaded: new Set(), existing: new Set(), dirty: new Set() };
      const keys = keysFor(projection, events);
      if (projection.lookupKeys) for (const key of await projection.lookupKeys(tx, events)) keys.add(key);
      await loadRows(tx, projection, keys, state);
      states.push(state);
    }
    const letters = applyEvents(states, events, context, outcome);
    for (const state of states) await writeRows(tx, state);
    await writeDeadLetters(tx, letters);
    outcome.deadLettered = letters.length;
  });
  outcome.position = last.position;
  return outcome;
};
