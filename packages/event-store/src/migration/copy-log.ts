import { EventStoreError, StreamNotFoundError, formatPosition } from '../event-store';
import type { EventStore, EventToAppend, LogPosition, RecordedEvent } from '../event-store';
import type { CheckpointStore } from './checkpoints';
import { logDigest } from './log-digest';
import type { LogDigest } from './log-digest';

export type CopyOptions = {
  source: EventStore;
  target: EventStore;
  checkpoint: CheckpointStore;
  /** Events read from the source per page; the checkpoint is saved after each page. Default 500. */
  pageSize?: number;
  /** Stop (cleanly, checkpoint saved) once at least this many events were handled in this run. Default: no limit. */
  maxEvents?: number;
  /** Stop cleanly after the page in hand when aborted (the command wires SIGINT/SIGTERM to it). */
  signal?: AbortSignal;
  onProgress?: (progress: CopyProgress) => void;
};

export type CopyProgress = {
  /** Events of the source handled so far, over all runs (from the checkpoint). */
  copied: number;
  /** In this run: events appended to the target, and events found already there (copied before a crash). */
  appended: number;
  alreadyThere: number;
  position: LogPosition;
};

export type CopyResult = CopyProgress & { complete: boolean; resumedFrom?: LogPosition };

/** The source's recordedAt, kept in metadata because no EventStore lets a writer set the time it records. */
export const ORIGINAL_RECORDED_AT = 'originalRecordedAt';

export class LogDivergedError extends EventStoreError {
  override readonly name = 'LogDivergedError';
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    detail: string,
  ) {
    super('wrong_expected_revision', `Target diverges from source at ${streamId}@${revision}: ${detail}`);
  }
}

const toAppend = (event: RecordedEvent): EventToAppend => ({
  eventId: event.eventId,
  type: event.type,
  data: event.data,
  // A log copied twice (A to B to C) keeps the first original time.
  metadata: {
    ...event.metadata,
    [ORIGINAL_RECORDED_AT]: event.metadata[ORIGINAL_RECORDED_AT] ?? event.recordedAt.toISOString(),
  },
});

/** Consecutive events of one stream in a page: appended together, as they were (most likely) written. */
const runsOf = (page: RecordedEvent[]): RecordedEvent[][] => {
  const runs: RecordedEvent[][] = [];
  for (const event of page) {
    const current = runs[runs.length - 1];
    const previous = current?.[current.length - 1];
    if (
      current &&
      previous &&
      previous.streamId === event.streamId &&
      previous.streamRevision + 1n === event.streamRevision
    )
      current.push(event);
    else runs.push([event]);
  }
  return runs;
};

/**
 * Copies the source log into the target in log order, each event into the same stream at the same revision with
 * the same id, type, data and metadata. Safe to interrupt and run again: it resumes from the checkpoint, and what
 * was appended after the last checkpoint is found in the target (by id, at its revision) and skipped, so nothing
 * is written twice. If the target holds something else at a revision the source uses, it stops with
 * LogDivergedError rather than write around it.
 */
export const copyLog = async (options: CopyOptions): Promise<CopyResult> => {
  const { source, target, checkpoint } = options;
  const pageSize = options.pageSize ?? 500;
  const saved = await checkpoint.load();
  let position = saved?.position;
  let copied = saved?.copied ?? 0;
  let appended = 0;
  let alreadyThere = 0;
  let handled = 0;
  // Last revision known in the target per stream, learned in this run: saves a read per run of events.
  const targetRevision = new Map<string, bigint | 'no_stream'>();

  const lastTargetRevision = async (streamId: string): Promise<bigint | 'no_stream'> => {
    const known = targetRevision.get(streamId);
    if (known !== undefined) return known;
    try {
      const [last] = await target.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      return last ? last.streamRevision : 'no_stream';
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 'no_stream';
      throw error;
    }
  };

  const copyRun = async (run: RecordedEvent[]): Promise<void> => {
    const first = run[0]!;
    const streamId = first.streamId;
    const last = await lastTargetRevision(streamId);
    let pending = run;
    if (last !== 'no_stream' && last >= first.streamRevision) {
      // Some of this run is there already (a crash after appending, before the checkpoint): check it is ours.
      const there = await target.readStream(streamId, { fromRevision: first.streamRevision, maxCount: run.length });
      there.forEach((event, i) => {
        if (event.eventId.toLowerCase() !== run[i]!.eventId.toLowerCase()) {
          throw new LogDivergedError(streamId, event.streamRevision, 'another event id is stored there');
        }
      });
      alreadyThere += there.length;
      pending = run.slice(there.length);
    }
    if (pending.length === 0) {
      targetRevision.set(streamId, last);
      return;
    }
    const from = pending[0]!.streamRevision;
    const expected = from === 0n ? 'no_stream' : from - 1n;
    const result = await target
      .appendToStream(streamId, pending.map(toAppend), { expectedRevision: expected })
      .catch((error: unknown) => {
        if (error instanceof EventStoreError && error.code === 'wrong_expected_revision') {
          throw new LogDivergedError(
            streamId,
            from,
            `the target stream is not at revision ${String(expected)} (${error.message})`,
          );
        }
        throw error;
      });
    appended += pending.length;
    targetRevision.set(streamId, result.nextExpectedRevision);
  };

  for (;;) {
    if (options.signal?.aborted || (options.maxEvents !== undefined && handled >= options.maxEvents)) {
      return {
        copied,
        appended,
        alreadyThere,
        position: position ?? { commit: 0n, prepare: 0n },
        complete: false,
        ...(saved ? { resumedFrom: saved.position } : {}),
      };
    }
    const page = await source.readAll({ ...(position ? { after: position } : {}), maxCount: pageSize });
    if (page.length === 0) break;
    for (const run of runsOf(page)) await copyRun(run);
    position = page[page.length - 1]!.position;
    copied += page.length;
    handled += page.length;
    await checkpoint.save({ position, copied });
    options.onProgress?.({ copied, appended, alreadyThere, position });
  }
  return {
    copied,
    appended,
    alreadyThere,
    position: position ?? { commit: 0n, prepare: 0n },
    complete: true,
    ...(saved ? { resumedFrom: saved.position } : {}),
  };
};

export type Verification = { equal: boolean; source: LogDigest; target: LogDigest };

/**
 * Count and checksum of both logs. On PostgreSQL, the newest events become readable only once older transactions
 * anywhere on the server have ended, so a difference is re-checked a few times before it is reported.
 */
export const verifyCopy = async (
  source: EventStore,
  target: EventStore,
  options: { attempts?: number; delayMs?: number } = {},
): Promise<Verification> => {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt += 1) {
    const [from, to] = [await logDigest(source), await logDigest(target)];
    const equal = from.count === to.count && from.sha256 === to.sha256;
    if (equal || attempt >= attempts) return { equal, source: from, target: to };
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1000));
  }
};

export const describePosition = (position: LogPosition | undefined): string =>
  position ? formatPosition(position) : 'start';
