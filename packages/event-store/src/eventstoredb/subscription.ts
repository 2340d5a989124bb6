import type { Readable } from 'node:stream';
import { streamNameFilter } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, EventStoreDBClient, ReadPosition } from '@eventstore/db-client';
import { EventStoreError } from '../event-store';
import type { BatchHandler, LogPosition, RecordedEvent, Subscription, SubscriptionOptions } from '../event-store';
import { fromClientError, isRetryable } from './errors';
import { fromResolvedEvent } from './event-codec';
import { isAfter, readPositionAfter } from './positions';

export type CatchUpOptions = SubscriptionOptions & { reconnectAttempts: number; reconnectDelayMs: number };

/** What the client's `subscribeToAll` returns, as far as this file uses it: a readable of resolved events. */
export type SubscriptionSource = Readable & { unsubscribe: () => Promise<void> };
export type OpenSubscription = (from: ReadPosition, batchSize: number) => SubscriptionSource;

/** Server-side filter to non-system streams; system event types in ordinary streams are dropped on our side. */
export const openClientSubscription =
  (client: EventStoreDBClient): OpenSubscription =>
  (from, batchSize) =>
    client.subscribeToAll(
      { fromPosition: from, filter: streamNameFilter({ regex: '^[^$]' }) },
      { highWaterMark: batchSize },
    );

/** Wraps a handler's own failure so it is never mistaken for a lost connection and retried. */
class HandlerFailed extends Error {
  constructor(readonly original: unknown) {
    super('handler failed');
  }
}

/**
 * A catch-up subscription to `$all`, filtered on the server to non-system streams, handed to the handler in
 * batches: whatever has arrived (up to `batchSize`) goes in one call, and the next batch is not read until the
 * handler resolves (the client's stream is paused meanwhile, so memory stays bounded).
 *
 * The client does not resubscribe by itself after a connection loss: it drops its channel and opens a new one on
 * the next call. So on a `connection` error this resubscribes from the last position the handler finished, with
 * a doubling delay, up to `reconnectAttempts` times in a row, then fails `done` with that error. Events are
 * de-duplicated by position, so a resubscription never hands the handler an event twice.
 * `pollIntervalMs` does not apply: the server pushes.
 */
export const subscribeFrom = (open: OpenSubscription, handler: BatchHandler, options: CatchUpOptions): Subscription => {
  const batchSize = Math.max(1, options.batchSize ?? 500);
  let last: LogPosition | undefined = options.after;
  let stopping = false;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** One server subscription; returns when stopping, throws on failure. `delivered` counts batches handled. */
  const runOnce = async (delivered: () => void): Promise<void> => {
    const subscription = open(readPositionAfter(last), batchSize);
    let failure: unknown;
    let ended = false;
    subscription.on('readable', signal);
    subscription.on('error', (error: Error) => {
      failure = error;
      signal();
    });
    subscription.on('end', () => {
      ended = true;
      signal();
    });
    try {
      while (!stopping) {
        const batch: RecordedEvent[] = [];
        let item: AllStreamResolvedEvent | null;
        while (batch.length < batchSize && (item = subscription.read() as AllStreamResolvedEvent | null) !== null) {
          const event = fromResolvedEvent(item);
          if (event && isAfter(event.position, last)) batch.push(event);
        }
        if (batch.length > 0) {
          try {
            await handler(batch);
          } catch (error) {
            throw new HandlerFailed(error);
          }
          last = batch[batch.length - 1]!.position;
          delivered();
          continue;
        }
        if (failure) throw failure;
        if (ended) throw new EventStoreError('connection', 'subscribeToAll: the server ended the subscription');
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      subscription.removeAllListeners();
      subscription.on('error', () => undefined);
      await subscription.unsubscribe().catch(() => undefined);
    }
  };

  const done = (async (): Promise<void> => {
    let failures = 0;
    while (!stopping) {
      try {
        await runOnce(() => {
          failures = 0;
        });
        return;
      } catch (error) {
        if (error instanceof HandlerFailed) throw error.original;
        if (stopping) return;
        const mapped = fromClientError(error, { operation: 'subscribeToAll' });
        failures += 1;
        if (!isRetryable(mapped) || failures > options.reconnectAttempts) throw mapped;
        await sleep(Math.min(options.reconnectDelayMs * 2 ** (failures - 1), 10_000));
      }
    }
  })();
  // Nobody may be listening on `done` when it fails; the failure is still reported to whoever awaits it.
  done.catch(() => undefined);

  return {
    done,
    stop: async () => {
      stopping = true;
      signal();
      await done.catch(() => undefined);
    },
  };
};
