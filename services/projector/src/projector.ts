/**
 * The projector: follows the log from the read models' checkpoint and applies each batch to every read model and
 * the checkpoint in one transaction (exactly-once for read models). When the checkpoint moved under it (another
 * projector, a rebuild), its compare-and-set fails, nothing is written, and it re-reads the checkpoint and goes on
 * from there after a pause: two projectors never apply a batch twice and a stale one never moves progress back.
 */
import { SpanKind, trace } from '@opentelemetry/api';
import type { Sql } from 'postgres';
import { DEFAULT_PANEL_RESPONSE_WORKING_DAYS, type WorkingDayCalendar } from '@cspr/domain';
import { formatPosition, LOG_START, type EventStore, type LogPosition, type Subscription } from '@cspr/event-store';
import {
  applyBatch,
  calendarMismatchOf,
  claimCalendarVersion,
  finishRebuild,
  memoizeCalendar,
  migrateReadModels,
  openPseudonyms,
  ProjectionHaltedError,
  projections,
  readCheckpoint,
  readRebuildCheckpoint,
  StaleCheckpointError,
  type CalendarMismatch,
  type Checkpoint,
  type OpenPseudonyms,
  type Projection,
  type ProjectionContext,
  withdrawErasedDocuments,
  DOCUMENT_STORE_TABLES,
  recordPendingRewrites,
} from '@cspr/read-models';
import { ATTR, continueTraces, SPAN, TRACER_NAME } from '@cspr/telemetry';
import type { ProjectorLogger } from './projector-logger';
import { createErasureRewrites, type ErasureRewrites, type ErasureRewriteWaits } from './erasure-rewrites';
import { runRebuild, type RebuildOptions, type RebuildResult } from './rebuild';

export type { ProjectorLogger } from './projector-logger';

export type ProjectorOptions = {
  sql: Sql;
  store: EventStore;
  /** The working-day calendar deadlines are computed with; a rebuild with a corrected one moves due dates. */
  calendar: WorkingDayCalendar;
  /**
   * Opens the review pseudonyms (case names, titles, themes) sealed under a review's key, so lists, search and public
   * pages read them (read-models pseudonyms.ts): the vault's `open`. The projector opens nothing else.
   */
  openPseudonyms: OpenPseudonyms;
  logger?: ProjectorLogger;
  /** Events per live batch. Default 500. */
  batchSize?: number;
  /** Events per rebuild batch. Default 5000. */
  rebuildBatchSize?: number;
  /** Panel response service-level target in working days. Default 10. */
  panelResponseTargetWorkingDays?: number;
  /** Pause before re-reading the checkpoint after a conflict or failure. Default 500 ms. */
  retryDelayMs?: number;
  /** Failures in a row double the pause up to this. Default 30,000 ms. */
  maxRetryDelayMs?: number;
  /** Live poll interval (wake-ups make it faster). Default 1000 ms. */
  pollIntervalMs?: number;
  /** Counts the events in the log, for the rebuild's progress total. Default: none (total unknown). */
  countEvents?: () => Promise<number>;
  /** Rows per table the rebuild keeps in memory. Default 10,000 (read-models rebuild-pipeline.ts). */
  rebuildCacheLimit?: number;
  /** Apply migrations on start and rebuild. Default true. */
  migrate?: boolean;
  /** The projections the live projector applies. Default: every read model's (tests pass their own). */
  projections?: Projection[];
  /**
   * A rebuild whose checkpoint has not moved for this long is taken as abandoned (its process died or gave up) and
   * this projector finishes it; a younger one belongs to a live rebuild, which it leaves alone. Default 15,000 ms.
   */
  rebuildStaleMs?: number;
  /** How often a following projector looks for a rebuild abandoned elsewhere. Default 5000 ms. */
  checkpointCheckMs?: number;
  /** How long a rewrite after an erasure waits for its lock and for older transactions (erasure-rewrites.ts). */
  erasureRewriteWaits?: ErasureRewriteWaits;
};

export type ProjectorStatusSnapshot = {
  running: boolean;
  /** This process is rebuilding into new tables (the served ones keep answering and following the log). */
  rebuilding: boolean;
  /** Caught up with the log at least once since start. */
  caughtUp: boolean;
  position: string;
  eventsApplied: number;
  conflicts: number;
  /** Why the projector stopped applying (no personal data); null once a batch applies again. */
  lastError: string | null;
  /** Failures in a row since the last applied batch; the retry pause doubles with each. */
  consecutiveFailures: number;
  /** Rows in read_models.dead_letters: events skipped as known-bad (ProjectionError); 0 when all is well. */
  deadLetters: number;
  /** Tables an erasure left old row versions in (blanked read models, withdrawn files), still to be rewritten. */
  erasureRewritesPending: number;
  /**
   * The read models were built with another calendar than the running one (new or one-off bank holidays): due
   * dates would mix both until `npm run rebuild`. Null when they agree.
   */
  calendarMismatch: CalendarMismatch | null;
};

export type Projector = {
  start: () => Promise<void>;
  stop: () => Promise<void>;
  rebuild: (options?: RebuildOptions) => Promise<RebuildResult>;
  status: () => ProjectorStatusSnapshot;
};

const silentLogger: ProjectorLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export const createProjector = (options: ProjectorOptions): Projector => {
  const { sql, store } = options;
  const logger = options.logger ?? silentLogger;
  const batchSize = options.batchSize ?? 500;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const context: ProjectionContext = {
    calendar: memoizeCalendar(options.calendar),
    panelResponseTargetWorkingDays: options.panelResponseTargetWorkingDays ?? DEFAULT_PANEL_RESPONSE_WORKING_DAYS,
  };
  const tracer = trace.getTracer(TRACER_NAME);
  const state = {
    running: false,
    caughtUp: false,
    position: LOG_START as LogPosition,
    eventsApplied: 0,
    conflicts: 0,
    lastError: null as string | null,
    calendarMismatch: null as CalendarMismatch | null,
    consecutiveFailures: 0,
    deadLetters: 0,
  };
  let stopping = false;
  let subscription: Subscription | undefined;
  let loop: Promise<void> | undefined;
  let wakeRetry: (() => void) | undefined;
  let migrated = false;
  let rewrites: ErasureRewrites | undefined;
  /** The rebuild this process runs, if any: one at a time. */
  let rebuildRun: Promise<RebuildResult> | undefined;
  const rebuildStaleMs = options.rebuildStaleMs ?? 15_000;
  const checkpointCheckMs = options.checkpointCheckMs ?? 5000;

  const migrate = async () => {
    if (migrated || options.migrate === false) return;
    await migrateReadModels(sql);
    migrated = true;
  };

  const maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;

  const countDeadLetters = async () => {
    const [row] = await sql<[{ count: number }]>`select count(*)::int as count from read_models.dead_letters`;
    state.deadLetters = row.count;
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeRetry = undefined;
        resolve();
      }
      wakeRetry = done;
    });

  /**
   * Served read models still marked as rebuilding were left half-way by a rebuild of the earlier kind (which emptied
   * them in place): the live path applying from their checkpoint carries them to the end, then clears the mark.
   */
  let servedMarkedRebuilding = false;
  const finishRebuildIfCaughtUp = async () => {
    if (!servedMarkedRebuilding) return;
    if (await finishRebuild(sql, state.position)) {
      servedMarkedRebuilding = false;
      logger.info({ position: formatPosition(state.position) }, 'in-place rebuild completed by the live projector');
    }
  };

  /**
   * The stored calendar version is written only when the read models are built from scratch (a reset, or the first
   * batch on empty ones), never per batch: a projector running with a changed calendar reports the difference
   * instead of silently mixing old and new due dates.
   */
  const checkCalendar = async (checkpoint: Checkpoint) => {
    let stored = checkpoint.calendarVersion;
    if (
      stored === null &&
      checkpoint.eventsProcessed === 0 &&
      checkpoint.position.commit === 0n &&
      checkpoint.position.prepare === 0n
    ) {
      await claimCalendarVersion(sql, context.calendar.version);
      stored = (await readCheckpoint(sql)).calendarVersion;
    }
    const mismatch = calendarMismatchOf(stored, context.calendar.version);
    if (
      mismatch &&
      (mismatch.stored !== state.calendarMismatch?.stored || mismatch.running !== state.calendarMismatch.running)
    ) {
      logger.warn(
        mismatch,
        'the read models were built with another working-day calendar: due dates mix two calendars; run npm run rebuild',
      );
    }
    state.calendarMismatch = mismatch;
  };

  /** One rebuild at a time in this process; the live loop goes on serving and following the log meanwhile. */
  const runFastRebuild = (rebuildOptions: RebuildOptions): Promise<RebuildResult> => {
    const previous = rebuildRun ?? Promise.resolve(undefined);
    const run = previous
      .catch(() => undefined)
      .then(async () => {
        try {
          const result = await runRebuild(
            {
              sql,
              store,
              context,
              openPseudonyms: options.openPseudonyms,
              logger,
              batchSize: options.rebuildBatchSize ?? 5000,
              countEvents: options.countEvents,
              cacheLimit: options.rebuildCacheLimit,
              onPosition: () => undefined,
            },
            rebuildOptions,
          );
          if (result.completed) state.calendarMismatch = null; // the swap labelled the read models with this calendar
          return result;
        } finally {
          if (rebuildRun === run) rebuildRun = undefined;
        }
      });
    rebuildRun = run;
    return run;
  };

  /**
   * A rebuild killed half-way leaves its new tables and checkpoint behind (the served tables are untouched): once
   * nobody has moved its checkpoint for rebuildStaleMs, this projector carries it to the end and swaps it in, in the
   * background, while it goes on following the log.
   */
  const finishAbandonedRebuild = async () => {
    if (rebuildRun || stopping) return;
    const abandoned = await readRebuildCheckpoint(sql).catch(() => null);
    if (!abandoned || abandoned.idleMs < rebuildStaleMs || rebuildRun || stopping) return;
    logger.warn({ position: formatPosition(abandoned.position) }, 'an interrupted rebuild was found: finishing it');
    runFastRebuild({ resume: true, onlyIfInterrupted: true, shouldStop: () => stopping }).catch((error: unknown) => {
      logger.error(
        { errorName: error instanceof Error ? error.name : 'unknown' },
        'finishing the interrupted rebuild failed: the served read models are untouched; it is tried again later',
      );
    });
  };

  /**
   * While it follows the log, the projector looks now and then for a rebuild abandoned by another process: an idle
   * projector would otherwise not notice one until it restarts.
   */
  const watchForAbandonedRebuild = () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let active = true;
    const tick = async () => {
      await finishAbandonedRebuild();
      if (active) timer = setTimeout(() => void tick(), checkpointCheckMs);
    };
    timer = setTimeout(() => void tick(), checkpointCheckMs);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  };

  const handle = async (events: Parameters<Parameters<EventStore['subscribeToAll']>[0]>[0]) => {
    // Continues the trace of the command that wrote the events (a parent for one trace, links for several).
    const { parent, links } = continueTraces(events.map((event) => event.metadata.traceparent));
    await tracer.startActiveSpan(
      SPAN.projectorBatch,
      {
        kind: SpanKind.CONSUMER,
        links,
        attributes: { [ATTR.eventCount]: events.length, [ATTR.dbSystem]: 'postgresql' },
      },
      parent,
      async (span) => {
        try {
          const opened = await openPseudonyms(events, options.openPseudonyms);
          const outcome = await applyBatch(sql, options.projections ?? projections, opened, state.position, context);
          state.position = outcome.position;
          state.eventsApplied += events.length;
          if (outcome.tablesToRewrite.size > 0) rewrites?.request();
          state.consecutiveFailures = 0;
          state.lastError = null;
          if (outcome.deadLettered > 0) {
            await countDeadLetters();
            logger.warn(
              { count: outcome.deadLettered, position: formatPosition(outcome.position) },
              'events dead-lettered: see read_models.dead_letters',
            );
          }
        } finally {
          span.end();
        }
      },
    );
    if (events.length < batchSize) {
      state.caughtUp = true;
      await finishRebuildIfCaughtUp();
    }
  };

  const follow = async () => {
    while (!stopping) {
      try {
        const checkpoint = await readCheckpoint(sql);
        state.position = checkpoint.position;
        servedMarkedRebuilding = checkpoint.rebuilding;
        await finishAbandonedRebuild();
        await checkCalendar(checkpoint);
        await countDeadLetters();
        if ((await store.readAll({ after: state.position, maxCount: 1 })).length === 0) {
          state.caughtUp = true;
          await finishRebuildIfCaughtUp();
        }
        subscription = store.subscribeToAll(handle, {
          after: state.position,
          batchSize,
          pollIntervalMs: options.pollIntervalMs ?? 1000,
        });
        // stop() may have come while the checkpoint was read (no subscription yet to stop): end this one at once.
        if (stopping) await subscription.stop();
        const unwatch = watchForAbandonedRebuild();
        try {
          await subscription.done;
        } finally {
          unwatch();
        }
        state.lastError = null;
      } catch (error) {
        if (stopping) break;
        if (error instanceof StaleCheckpointError) {
          state.conflicts += 1;
          logger.warn(
            { expected: formatPosition(error.expected) },
            'checkpoint moved by another projector or a rebuild: batch not applied, re-reading the checkpoint',
          );
          await pause(retryDelayMs);
          continue;
        }
        state.consecutiveFailures += 1;
        const delay = Math.min(retryDelayMs * 2 ** (state.consecutiveFailures - 1), maxRetryDelayMs);
        if (error instanceof ProjectionHaltedError) {
          // A bug in projection code, not a bad event: nothing is skipped; the checkpoint stays before the batch.
          state.lastError = error.message;
          logger.error(
            {
              eventType: error.eventType,
              position: error.position,
              projection: error.projection,
              errorName: error.errorName,
              retryInMs: delay,
            },
            'projector stopped: projection code failed on an event; the batch was not applied and is retried from the checkpoint',
          );
        } else {
          // Only the error's class and code: messages of drivers and stores may quote the data they were given.
          const errorName = error instanceof Error ? error.name : 'unknown';
          const code =
            typeof (error as { code?: unknown } | null)?.code === 'string'
              ? (error as { code: string }).code
              : undefined;
          state.lastError = `${errorName}${code ? ` (${code})` : ''}: batch failed, retrying from the checkpoint`;
          logger.error({ errorName, code, retryInMs: delay }, 'projector batch failed: retrying from the checkpoint');
        }
        await pause(delay);
      } finally {
        subscription = undefined;
      }
    }
  };

  const start = async () => {
    if (state.running) return;
    await migrate();
    // The live batches delete an erased review's files as they apply the erasure; this catches files a restored
    // backup brought back, or that a rebuild has just marked withdrawn (read-models withdrawn-documents.ts).
    await sql.begin(async (tx) => {
      if ((await withdrawErasedDocuments(tx)).length > 0) await recordPendingRewrites(tx, DOCUMENT_STORE_TABLES);
    });
    stopping = false;
    state.running = true;
    state.caughtUp = false;
    rewrites = createErasureRewrites({
      sql,
      logger,
      retryDelayMs,
      maxRetryDelayMs,
      waits: options.erasureRewriteWaits,
    });
    rewrites.request(); // what a stopped projector left to rewrite
    loop = follow().finally(() => {
      state.running = false;
    });
    logger.info({}, 'projector started');
  };

  const stop = async () => {
    stopping = true;
    wakeRetry?.();
    await subscription?.stop();
    await loop;
    loop = undefined;
    await rewrites?.stop();
    // A background finish stops between batches (resumable); an explicit rebuild() is its caller's to await.
    await rebuildRun?.catch(() => undefined);
  };

  /** Rebuilds into new tables and swaps them in; a running projector keeps serving and following meanwhile. */
  const rebuild = async (rebuildOptions: RebuildOptions = {}) => {
    await migrate();
    // A rebuild stopped early stays interrupted: a following projector finishes it (finishAbandonedRebuild).
    return runFastRebuild(rebuildOptions);
  };

  return {
    start,
    stop,
    rebuild,
    status: () => ({
      running: state.running,
      rebuilding: rebuildRun !== undefined,
      caughtUp: state.caughtUp,
      position: formatPosition(state.position),
      eventsApplied: state.eventsApplied,
      conflicts: state.conflicts,
      lastError: state.lastError,
      consecutiveFailures: state.consecutiveFailures,
      deadLetters: state.deadLetters,
      erasureRewritesPending: rewrites?.pending() ?? 0,
      calendarMismatch: state.calendarMismatch,
    }),
  };
};
