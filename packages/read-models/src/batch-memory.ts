/**
 * The in-memory half of a batch: decoding stored events and applying them to rows held in maps. An event a
 * projection rejects with a ProjectionError (a known, expected kind of bad event) becomes a dead letter and is
 * skipped by all of them, so one broken event never half-applies. Any other exception is a bug in projection code:
 * dead-lettering it would silently drop a notification from every dashboard, so it halts the batch instead
 * (ProjectionHaltedError): the transaction rolls back, the checkpoint stays before the batch, and the projector
 * retries once the code is fixed.
 */
import { decodeEvent } from '@cspr/domain';
import type { LogPosition, RecordedEvent } from '@cspr/event-store';
import { ProjectionError, type Projection, type ProjectedEvent, type ProjectionContext, type Rows } from './projection';

export type DeadLetter = {
  eventId: string;
  eventType: string;
  streamId: string;
  position: string;
  projection: string;
  reason: string;
  recordedAt: string;
};

export type BatchOutcome = {
  position: LogPosition;
  applied: number;
  skipped: number;
  deadLettered: number;
  /**
   * Tables whose files an erasure of this batch left personal data in, as old row versions: those holding opened
   * pseudonyms (`holdsOpenedPseudonyms`) in which it changed a row, and those an `afterBatch` step deleted from.
   */
  tablesToRewrite: Set<string>;
};

export const emptyOutcome = (position: LogPosition): BatchOutcome => ({
  position,
  applied: 0,
  skipped: 0,
  deadLettered: 0,
  tablesToRewrite: new Set(),
});

/** One table's rows as a batch sees them: `loaded` keys were looked up (found or not), `dirty` keys changed. */
export type TableState = {
  projection: Projection;
  rows: Map<string, Record<string, unknown>>;
  loaded: Set<string>;
  dirty: Set<string>;
};

export const newTableStates = (projections: Projection[]): TableState[] =>
  projections.map((projection) => ({ projection, rows: new Map(), loaded: new Set(), dirty: new Set() }));

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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

/**
 * A projection failed on an event for a reason other than a ProjectionError: a bug, not a bad event. The message
 * names the event type, position, projection and error class only (never the error's own message, which may quote
 * data); the original error is kept as `cause` for a debugger, not for logs.
 */
export class ProjectionHaltedError extends Error {
  override readonly name = 'ProjectionHaltedError';
  constructor(
    readonly eventType: string,
    readonly position: string,
    readonly projection: string,
    readonly errorName: string,
    options?: { cause?: unknown },
  ) {
    super(
      `projection ${projection} failed on ${eventType} at ${position} (${errorName}): unexpected failure in projection code, batch not applied`,
      options,
    );
  }
}

const rowsView = (
  state: TableState,
  overlay: Map<string, Record<string, unknown> | null>,
): Rows<Record<string, unknown>> => ({
  get: (key) => {
    if (overlay.has(key)) return overlay.get(key) ?? undefined;
    if (!state.loaded.has(key) && !state.rows.has(key))
      throw new ProjectionError(`${state.projection.name}: row ${key.length > 80 ? 'key' : key} was not loaded`);
    return state.rows.get(key);
  },
  set: (key, row) => void overlay.set(key, row),
  delete: (key) => void overlay.set(key, null),
  entries: function* () {
    for (const [key, row] of state.rows) if (!overlay.has(key)) yield [key, row];
    for (const [key, row] of overlay) if (row) yield [key, row];
  },
});

/** Applies `events` in memory to rows already loaded; returns the dead letters. Pure apart from the maps it fills. */
export const applyEvents = (
  states: TableState[],
  events: ProjectedEvent[],
  context: ProjectionContext,
  outcome: BatchOutcome,
): DeadLetter[] => {
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
      const position = `${event.position.commit}.${event.position.prepare}`;
      if (!(error instanceof ProjectionError)) {
        throw new ProjectionHaltedError(
          event.type,
          position,
          failed,
          error instanceof Error ? error.name : typeof error,
          { cause: error },
        );
      }
      // Our own messages name fields, never values: safe to store.
      letters.push({
        eventId: event.eventId,
        eventType: event.type,
        streamId: event.streamId,
        recordedAt: event.recordedAt,
        position,
        projection: failed,
        reason: error.message.slice(0, 500),
      });
      continue;
    }
    for (const [state, overlay] of staged) {
      for (const [key, row] of overlay) {
        if (row === state.rows.get(key)) continue; // evolve returned the row unchanged: nothing to write
        if (row) state.rows.set(key, row);
        else state.rows.delete(key);
        state.dirty.add(key);
        if (event.type === 'PersonalDataErased' && state.projection.holdsOpenedPseudonyms)
          outcome.tablesToRewrite.add(state.projection.table);
      }
    }
    outcome.applied += 1;
  }
  return letters;
};

export const keysFor = (projection: Projection, events: ProjectedEvent[]): Set<string> => {
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
