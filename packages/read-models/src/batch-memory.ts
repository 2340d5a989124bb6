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

/**
 * What one projection sees while it applies one event: the batch's rows, with its own changes held aside until every
 * projection has applied the event. A class rather than an object of closures: one is made per event and projection,
 * and closures cost an allocation (and, under tsx, a defineProperty for their names) each.
 */
class StagedRows implements Rows<Record<string, unknown>> {
  readonly overlay = new Map<string, Record<string, unknown> | null>();
  constructor(readonly state: TableState) {}

  get(key: string) {
    const { overlay, state } = this;
    if (overlay.has(key)) return overlay.get(key) ?? undefined;
    if (!state.loaded.has(key) && !state.rows.has(key))
      throw new ProjectionError(`${state.projection.name}: row ${key.length > 80 ? 'key' : key} was not loaded`);
    return state.rows.get(key);
  }

  set(key: string, row: Record<string, unknown>) {
    this.overlay.set(key, row);
  }

  delete(key: string) {
    this.overlay.set(key, null);
  }

  *entries(): Iterable<[string, Record<string, unknown>]> {
    for (const [key, row] of this.state.rows) if (!this.overlay.has(key)) yield [key, row];
    for (const [key, row] of this.overlay) if (row) yield [key, row];
  }
}

/** Applies `events` in memory to rows already loaded; returns the dead letters. Pure apart from the maps it fills. */
export const applyEvents = (
  states: TableState[],
  events: ProjectedEvent[],
  context: ProjectionContext,
  outcome: BatchOutcome,
): DeadLetter[] => {
  const letters: DeadLetter[] = [];
  const handlersOf = new Map<string, TableState[]>();
  for (const event of events) {
    let relevant = handlersOf.get(event.type);
    if (!relevant) {
      relevant = states.filter((s) => s.projection.handles.has(event.type));
      handlersOf.set(event.type, relevant);
    }
    if (relevant.length === 0) {
      outcome.skipped += 1;
      continue;
    }
    const staged: StagedRows[] = [];
    try {
      for (const state of relevant) {
        const rows = new StagedRows(state);
        state.projection.evolve(rows, event, context);
        staged.push(rows);
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
    for (const { state, overlay } of staged) {
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
