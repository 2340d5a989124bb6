import { EventStoreError, LOG_START } from './event-store';
import type { BatchHandler, LogPosition, RecordedEvent, Subscription, SubscriptionOptions } from './event-store';

/** How often, and for how long after a wake-up, the subscription re-reads for events held back. */
const EAGER_DELAY_MS = 25;
const EAGER_WINDOW_MS = 1_000;

export type PollingSource = {
  /** Events strictly after `after`, in log order, at most `maxCount`. */
  readAfter: (after: LogPosition, maxCount: number) => Promise<RecordedEvent[]>;
  /** Optional early wake-up; returns the unsubscribe function. Polling stays the correctness path. */
  onWake?: (callback: () => void) => () => void;
};

/**
 * A catch-up-then-live subscription built on reading after a checkpoint. Used by the PostgreSQL store; any store
 * whose `readAll` never skips (a stable order where nothing appears behind the last position read) can use it.
 */
export const startPollingSubscription = (
  source: PollingSource,
  handler: BatchHandler,
  options: SubscriptionOptions = {},
): Subscription => {
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  let checkpoint = options.after ?? LOG_START;
  let stopping = false;
  let woken = false;
  let wake: (() => void) | undefined;
  // After a wake-up the new events may not be readable yet (PostgreSQL holds them back while an older transaction
  // is open anywhere on the server): re-read every EAGER_DELAY_MS for EAGER_WINDOW_MS after the last wake-up, then
  // fall back to the poll interval. A hold-back usually ends within tens of milliseconds (a neighbour's commit); a
  // back-off doubling from the first re-read would put the second one 75 ms after the wake-up, the third at 175.
  let eagerUntil = 0;

  const unsubscribe = source.onWake?.(() => {
    woken = true;
    eagerUntil = Date.now() + EAGER_WINDOW_MS;
    wake?.();
  });

  const pause = (): Promise<void> =>
    new Promise((resolve) => {
      if (woken || stopping) {
        resolve();
        return;
      }
      const delay = Date.now() < eagerUntil ? Math.min(EAGER_DELAY_MS, pollIntervalMs) : pollIntervalMs;
      const timer = setTimeout(finish, delay);
      function finish(): void {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = finish;
    });

  // A lost connection is retried (the driver reconnects) with back-off: 8 tries over about 12 s, then the
  // subscription fails and its owner decides. Handler errors are never retried here.
  const readWithRetry = async (): Promise<RecordedEvent[]> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await source.readAfter(checkpoint, batchSize);
      } catch (error) {
        if (!(error instanceof EventStoreError && error.code === 'connection') || attempt >= 8 || stopping) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
      }
    }
  };

  const run = async (): Promise<void> => {
    try {
      while (!stopping) {
        // Cleared before reading: a wake-up arriving during the read or the handler triggers another read at once.
        woken = false;
        const batch = await readWithRetry();
        if (stopping) break;
        const last = batch.at(-1);
        if (last) {
          await handler(batch);
          checkpoint = last.position;
        }
        if (batch.length < batchSize) await pause();
      }
    } finally {
      unsubscribe?.();
    }
  };

  const done = run();
  // Callers that never await `done` must not crash the process with an unhandled rejection.
  done.catch(() => undefined);
  return {
    done,
    stop: async () => {
      stopping = true;
      wake?.();
      await done.catch(() => undefined);
    },
  };
};
