/**
 * Projector lag and read-your-writes. A mutation returns the log position it wrote; a query given that position
 * waits (bounded) until the checkpoint has passed it, so a user never sees a stale page right after acting.
 */
import type { Sql } from 'postgres';
import { formatPosition, type EventStore, type LogPosition } from '@cspr/event-store';
import { calendarMismatchOf, readCheckpoint, type CalendarMismatch } from '../checkpoint';
import { resolveToday } from '../deadline-view';

export type ProjectorStatus = {
  /** The checkpoint, `<commit>.<prepare>`. */
  position: string;
  /** Events in the log after the checkpoint, counted up to LAG_COUNT_LIMIT (a larger lag reports the limit). */
  lagEvents: number;
  /** Age of the oldest event not yet projected; 0 when caught up. */
  lagSeconds: number;
  rebuilding: boolean;
  eventsProcessed: number;
  /** Events recorded in read_models.dead_letters (broken events skipped); 0 when all is well. */
  deadLetters: number;
  /** The calendar the read models were built with from scratch (written only by a reset). */
  calendarVersion: string | null;
  /**
   * Set when the read models were built with another calendar than the running one: due dates then mix two
   * calendars until `npm run rebuild`. Null when they agree.
   */
  calendarMismatch: CalendarMismatch | null;
  updatedAt: string | null;
};

export type ProjectorStatusOptions = {
  /** The version of the calendar the projector runs with. Default: the England and Wales calendar's. */
  runningCalendarVersion?: string;
};

export const LAG_COUNT_LIMIT = 1000;

export const getProjectorStatus = async (
  sql: Sql,
  store: Pick<EventStore, 'readAll'>,
  options: ProjectorStatusOptions = {},
): Promise<ProjectorStatus> => {
  const checkpoint = await readCheckpoint(sql);
  const running = options.runningCalendarVersion ?? resolveToday({}).calendar.version;
  const behind = await store.readAll({ after: checkpoint.position, maxCount: LAG_COUNT_LIMIT });
  const oldest = behind[0];
  const [{ count }] = await sql<[{ count: number }]>`select count(*)::int as count from read_models.dead_letters`;
  return {
    position: formatPosition(checkpoint.position),
    lagEvents: behind.length,
    lagSeconds: oldest ? Math.max(0, (Date.now() - new Date(oldest.recordedAt).getTime()) / 1000) : 0,
    rebuilding: checkpoint.rebuilding,
    eventsProcessed: checkpoint.eventsProcessed,
    deadLetters: count,
    calendarVersion: checkpoint.calendarVersion,
    calendarMismatch:
      checkpoint.calendarVersion === null && checkpoint.eventsProcessed === 0
        ? null
        : calendarMismatchOf(checkpoint.calendarVersion, running),
    updatedAt: checkpoint.updatedAt ? checkpoint.updatedAt.toISOString() : null,
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True once the read models include `position`; false when `timeoutMs` passes first. Polls with a short back-off. */
export const waitForPosition = async (sql: Sql, position: LogPosition, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + Math.max(0, timeoutMs);
  let pause = 5;
  for (;;) {
    const rows = await sql<{ reached: boolean }[]>`
      select (commit_position, prepare_position) >= (${position.commit.toString()}::numeric, ${position.prepare.toString()}::numeric) as reached
      from read_models.checkpoints where name = 'read-models'`;
    if (rows[0]?.reached === true) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await sleep(Math.min(pause, left));
    pause = Math.min(pause * 2, 50);
  }
};
