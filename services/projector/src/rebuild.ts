/**
 * Rebuild from scratch into new tables while the served ones keep answering (read-models rebuild-tables.ts): replay
 * the whole log in large batches, reading the next batch while the current one is applied, then build the secondary
 * indexes and swap the new tables in with one transaction. Every batch moves the rebuild's own checkpoint by
 * compare-and-set with its rows, so a rebuild killed half-way leaves consistent new tables at a checkpoint and the
 * served tables untouched; resuming (or any projector that finds it abandoned) carries on from there to the same
 * end state as a clean rebuild.
 */
import type { Sql } from 'postgres';
import { formatPosition, LOG_START, type EventStore, type LogPosition, type RecordedEvent } from '@cspr/event-store';
import {
  createRebuildPipeline,
  openPseudonyms,
  prepareRebuildTables,
  projections,
  readRebuildCheckpoint,
  swapInRebuiltTables,
  type OpenPseudonyms,
  type ProjectionContext,
} from '@cspr/read-models';
import type { ProjectorLogger } from './projector-logger';

export type RebuildProgress = {
  done: number;
  /** Events in the log when the rebuild started, if known. */
  total: number | null;
  eventsPerSecond: number;
  elapsedSeconds: number;
};

export type RebuildOptions = {
  onProgress?: (progress: RebuildProgress) => void;
  /** Carry on an interrupted rebuild from its checkpoint instead of starting over. Default false. */
  resume?: boolean;
  /**
   * With `resume`: do nothing when no rebuild is interrupted any more (a projector finishing an abandoned rebuild
   * must not start a fresh one because another projector finished it first). Default false.
   */
  onlyIfInterrupted?: boolean;
  /** Stop after this many batches (tests: an aborted run). */
  maxBatches?: number;
  /** Asked between batches: true stops the rebuild where it is, resumable (a projector being stopped). */
  shouldStop?: () => boolean;
};

export type RebuildResult = {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  deadLettered: number;
  position: string;
  completed: boolean;
};

type RebuildContext = {
  sql: Sql;
  store: EventStore;
  context: ProjectionContext;
  openPseudonyms: OpenPseudonyms;
  logger: ProjectorLogger;
  batchSize: number;
  countEvents?: () => Promise<number>;
  cacheLimit?: number;
  onPosition: (position: LogPosition, events: number) => void;
};

export const runRebuild = async (run: RebuildContext, options: RebuildOptions): Promise<RebuildResult> => {
  const { sql, store, batchSize } = run;
  let position: LogPosition = LOG_START;
  let done = 0;
  const checkpoint = await readRebuildCheckpoint(sql);
  // A rebuild under another calendar would mix two calendars' due dates: that one starts afresh.
  const resuming =
    options.resume === true && checkpoint !== null && checkpoint.calendarVersion === run.context.calendar.version;
  if (!resuming && options.onlyIfInterrupted) {
    return { events: 0, seconds: 0, eventsPerSecond: 0, deadLettered: 0, position: '0.0', completed: false };
  }
  if (checkpoint && resuming) {
    position = checkpoint.position;
    done = checkpoint.eventsProcessed;
    run.logger.info({ position: formatPosition(position), done }, 'resuming the interrupted rebuild');
  } else {
    await prepareRebuildTables(sql, run.context.calendar.version);
    run.logger.info({}, 'new read-model tables created: replaying the log into them while the served ones answer');
  }
  const total = run.countEvents ? await run.countEvents() : null;
  const started = performance.now();
  const startDone = done;
  let deadLettered = 0;
  let batches = 0;
  // Review pseudonyms are opened as part of the read, so their key lookups overlap the previous batch's transaction.
  const read = (after: LogPosition) => {
    const promise = store
      .readAll({ after, maxCount: batchSize })
      .then((batch) => openPseudonyms(batch, run.openPseudonyms));
    promise.catch(() => undefined); // awaited below; a failure surfaces there, not as an unhandled rejection
    return promise;
  };
  const pipeline = createRebuildPipeline({
    sql,
    projections,
    context: run.context,
    from: position,
    startsEmpty: !resuming,
    cacheLimit: run.cacheLimit,
  });
  let next: Promise<RecordedEvent[]> = read(position);
  let completed = true;
  for (;;) {
    const batch = await next;
    const last = batch.at(-1);
    if (!last) break;
    if ((options.maxBatches !== undefined && batches >= options.maxBatches) || options.shouldStop?.()) {
      completed = false;
      break;
    }
    // Read ahead: on a server the next read overlaps this batch's transaction; on the embedded database it queues.
    next = read(last.position);
    // Applied in memory now; its transaction runs while the next batch is read and applied.
    const outcome = await pipeline.push(batch);
    position = outcome.position;
    done += batch.length;
    deadLettered += outcome.deadLettered;
    batches += 1;
    run.onPosition(position, batch.length);
    const elapsedSeconds = (performance.now() - started) / 1000;
    options.onProgress?.({
      done,
      total,
      eventsPerSecond: elapsedSeconds > 0 ? (done - startDone) / elapsedSeconds : 0,
      elapsedSeconds,
    });
  }
  await pipeline.flush();
  if (completed && !(await swapInRebuiltTables(sql, position))) {
    throw new Error('another rebuild took over the new tables: this one was not swapped in');
  }
  const seconds = (performance.now() - started) / 1000;
  const result = {
    events: done - startDone,
    seconds,
    eventsPerSecond: seconds > 0 ? (done - startDone) / seconds : 0,
    deadLettered,
    position: formatPosition(position),
    completed,
  };
  run.logger.info(result, completed ? 'rebuild completed' : 'rebuild stopped before the end of the log');
  return result;
};
