/**
 * The projector's checkpoint: the log position of the last event applied to the read models. It moves only by
 * compare-and-set inside the batch's transaction, so a second or stale projector cannot apply a batch twice or
 * move progress back: its update finds no row and its transaction rolls back.
 */
import type { Sql, TransactionSql } from 'postgres';
import { LOG_START, type LogPosition } from '@cspr/event-store';

export const CHECKPOINT_NAME = 'read-models';

export type Checkpoint = {
  position: LogPosition;
  rebuilding: boolean;
  eventsProcessed: number;
  calendarVersion: string | null;
  updatedAt: Date | null;
  /** Milliseconds since the checkpoint last moved, by the database's clock (a rebuild moves it every batch). */
  idleMs: number;
};

/** The checkpoint moved under us: another projector applied this batch, or a rebuild reset it. */
export class StaleCheckpointError extends Error {
  override readonly name = 'StaleCheckpointError';
  constructor(readonly expected: LogPosition) {
    super(`checkpoint is no longer at ${expected.commit}.${expected.prepare}: another projector or a rebuild moved it`);
  }
}

type CheckpointRow = {
  commit_position: string;
  prepare_position: string;
  rebuilding: boolean;
  events_processed: string;
  calendar_version: string | null;
  updated_at: Date | null;
  idle_ms: number | null;
};

const toCheckpoint = (row: CheckpointRow): Checkpoint => ({
  position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
  rebuilding: row.rebuilding,
  eventsProcessed: Number(row.events_processed),
  calendarVersion: row.calendar_version,
  updatedAt: row.updated_at,
  idleMs: row.idle_ms ?? 0,
});

/** The served read models' checkpoint, or (by name) a rebuild's own (rebuild-tables.ts). */
export const readCheckpoint = async (sql: Sql, name: string = CHECKPOINT_NAME): Promise<Checkpoint> => {
  const rows = await sql<CheckpointRow[]>`
    select commit_position::text, prepare_position::text, rebuilding, events_processed::text, calendar_version, updated_at,
      (extract(epoch from clock_timestamp() - updated_at) * 1000)::float8 as idle_ms
    from read_models.checkpoints where name = ${name}`;
  const row = rows[0];
  if (!row)
    return {
      position: LOG_START,
      rebuilding: false,
      eventsProcessed: 0,
      calendarVersion: null,
      updatedAt: null,
      idleMs: 0,
    };
  return toCheckpoint(row);
};

/** The stored calendar differs from the one running: due dates of old and new batches would mix two calendars. */
export type CalendarMismatch = { stored: string | null; running: string };

export const calendarMismatchOf = (stored: string | null, running: string): CalendarMismatch | null =>
  stored === running ? null : { stored, running };

/**
 * Labels read models that are still empty (nothing applied since the start of the log) with the calendar about to
 * build them; a no-op once any event was applied. A rebuild labels them when it swaps its tables in (rebuild-tables.ts).
 */
export const claimCalendarVersion = async (sql: Sql, calendarVersion: string): Promise<void> => {
  await sql`
    update read_models.checkpoints set calendar_version = ${calendarVersion}
    where name = ${CHECKPOINT_NAME} and calendar_version is null and events_processed = 0
      and commit_position = 0 and prepare_position = 0`;
};

/** Moves the checkpoint from `expected` to `next`, or throws StaleCheckpointError. Takes the row lock first. */
export const advanceCheckpoint = async (
  tx: TransactionSql,
  expected: LogPosition,
  next: LogPosition,
  eventCount: number,
  name: string = CHECKPOINT_NAME,
): Promise<void> => {
  // calendar_version is not touched here: it names the calendar the read models were built with from scratch, so a
  // batch under another calendar must not relabel due dates it did not recompute (see calendarMismatchOf).
  const updated = await tx`
    update read_models.checkpoints
    set commit_position = ${next.commit.toString()}::numeric, prepare_position = ${next.prepare.toString()}::numeric,
        events_processed = events_processed + ${eventCount}, updated_at = now()
    where name = ${name}
      and commit_position = ${expected.commit.toString()}::numeric and prepare_position = ${expected.prepare.toString()}::numeric
    returning name`;
  if (updated.length === 0) throw new StaleCheckpointError(expected);
};

export const ensureCheckpoint = async (sql: Sql): Promise<void> => {
  await sql`
    insert into read_models.checkpoints (name, commit_position, prepare_position, rebuilding, events_processed)
    values (${CHECKPOINT_NAME}, 0, 0, false, 0) on conflict (name) do nothing`;
};

/** Ends a rebuild once the replay has caught up; guarded like any move so a stale rebuild cannot clear a newer one. */
export const finishRebuild = async (sql: Sql, at: LogPosition): Promise<boolean> => {
  const updated = await sql`
    update read_models.checkpoints set rebuilding = false
    where name = ${CHECKPOINT_NAME} and rebuilding
      and commit_position = ${at.commit.toString()}::numeric and prepare_position = ${at.prepare.toString()}::numeric
    returning name`;
  return updated.length > 0;
};
