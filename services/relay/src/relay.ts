/**
 * The relay: reads the log from its checkpoint and publishes the Ofsted feed to Kafka, at least once, in order per
 * incident (docs/architecture.md, "Side effects leave through the log").
 *
 * - One send at a time: map, send, wait for the broker's acknowledgement; the checkpoint then moves past the batch
 *   while the next one is sent. A crash at any point re-sends from the last checkpoint: duplicates, never gaps;
 *   consumers de-duplicate on `ce_id`.
 * - When behind, batches of `batchSize`; when live, the store subscription wakes it on new events (polling stays).
 * - While the broker is down it retries the same batch with exponential backoff, forever: it never skips.
 * - An event it cannot map (a stream without its origin event) stops the relay with a logged reason and an unready
 *   status, rather than skipping a statutory notification; the fix is a code or data fix, then a restart.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import { FEED_TOPIC, FEED_UNREAD_DATA, FeedMappingError, isOnFeed, needsOrigin, toFeedMessage } from '@cspr/feed';
import type { FeedMessage } from '@cspr/feed';
import type { EventStore, LogPosition, RecordedEvent, Subscription } from '@cspr/event-store';
import { createCheckpointStore, LeaseLostError, migrateRelay } from './relay-checkpoint';
import type { Lease } from './relay-checkpoint';
import { createFeedPublisher, type KafkaSecurity } from './feed-publisher';
import { createRelayGuard } from './relay-guard';
import { createRelayTelemetry, measureLag } from './relay-status';
import type { RelayState, RelayStatus } from './relay-status';
import { describeError, silentLogger } from './relay-logger';
import type { RelayLogger } from './relay-logger';
import { createStreamOrigins } from './stream-origins';
import { retryDelayMs } from './retry-delay';

export type RelayOptions = {
  store: EventStore;
  /** Holds `relay.checkpoints` (created by the relay's migration). */
  sql: Sql;
  brokers: string[];
  /** TLS and SASL to the brokers (`config.kafka`). Default: plaintext, no SASL. */
  security?: KafkaSecurity;
  /** Default `cspr.notifications.v1`. */
  topic?: string;
  /** Partitions when the relay creates the topic. Default 6. */
  partitions?: number;
  /** Events per batch when behind. Default 500. */
  batchSize?: number;
  /** The checkpoint's name: one per feed. Default `ofsted-feed`. */
  name?: string;
  /** This instance's id in the lease. Default `<host>:<pid>:<random>`. */
  owner?: string;
  /** How long a lease lasts without renewal (embedded mode relies on it for takeover). Default 15 000 ms. */
  leaseTtlMs?: number;
  /** True on embedded PGlite (one connection): guard with the lease row only, no advisory lock. Default false. */
  embedded?: boolean;
  /** Backoff while the broker is down: doubles from `initialMs` up to `maxMs`. Default 250 ms to 10 s. */
  retry?: { initialMs?: number; maxMs?: number };
  /** Poll interval of the store subscription (wake-ups come earlier). Default 1000 ms. */
  pollIntervalMs?: number;
  logger?: RelayLogger;
};

export type Relay = {
  /** Starts in the background: waits as a standby until it holds the lease, then publishes. */
  start: () => Promise<void>;
  /** Finishes or abandons the batch in hand (never advancing past unacknowledged events), releases the lease. */
  stop: () => Promise<void>;
  status: () => Promise<RelayStatus>;
  /** Resolves when the relay has stopped (by `stop` or by a mapping failure). */
  done: Promise<void>;
};

/**
 * The batch being sent, the chain of checkpoint writes ending with its own, the write before it (`previous`), and
 * the first error of any of them.
 */
type Pipeline = { sent: Promise<void>; checkpointed: Promise<void>; previous: Promise<void>; failed?: unknown };

class RelayStopping extends Error {
  override readonly name = 'RelayStopping';
}

export const createRelay = (options: RelayOptions): Relay => {
  const { store, sql } = options;
  const logger = options.logger ?? silentLogger;
  const name = options.name ?? 'ofsted-feed';
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const topic = options.topic ?? FEED_TOPIC;
  const leaseTtlMs = options.leaseTtlMs ?? 15_000;
  const retryInitial = options.retry?.initialMs ?? 250;
  const retryMax = options.retry?.maxMs ?? 10_000;
  const checkpoints = createCheckpointStore(sql, name, leaseTtlMs);
  const guard = createRelayGuard({ sql, checkpoints, relayName: name, owner, embedded: options.embedded ?? false });
  const publisher = createFeedPublisher({
    brokers: options.brokers,
    ...(options.security ? { security: options.security } : {}),
    topic,
    partitions: options.partitions,
    logger,
  });
  const origins = createStreamOrigins(store);
  const telemetry = createRelayTelemetry(topic);

  let state: RelayState = 'starting';
  let stopping = false;
  let lastError: string | undefined;
  let position: LogPosition | undefined;
  let published = 0;
  let lastPublishedAt: Date | undefined;
  let subscription: Subscription | undefined;
  let leaseLost = false;
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  const toMessages = async (events: RecordedEvent[]): Promise<FeedMessage[]> => {
    const batchOrigins = await origins.ofBatch(events);
    const messages: FeedMessage[] = [];
    for (const event of events) {
      if (!isOnFeed(event.type)) continue;
      const message = toFeedMessage(event, needsOrigin(event.type) ? batchOrigins.get(event.streamId) : undefined);
      if (message) messages.push(message);
    }
    return messages;
  };

  const sendUntilAcknowledged = async (messages: FeedMessage[]) => {
    for (let attempt = 0; ; attempt += 1) {
      if (stopping) throw new RelayStopping('stopping');
      if (leaseLost) throw new LeaseLostError(name, owner);
      try {
        await telemetry.publishSpan(
          messages.map((m) => m.headers.traceparent),
          () => publisher.send(messages),
        );
        if (state === 'retrying') logger.info({ topic, attempts: attempt + 1 }, 'relay reached the broker again');
        state = 'active';
        lastError = undefined;
        return;
      } catch (error) {
        state = 'retrying';
        lastError = describeError(error).errorMessage;
        telemetry.publishFailed();
        const delay = retryDelayMs({ initialMs: retryInitial, maxMs: retryMax }, attempt, Math.random());
        logger.warn(
          { topic, attempt: attempt + 1, retryInMs: Math.round(delay), ...describeError(error) },
          'relay could not publish; retrying the same batch',
        );
        await sleep(delay);
      }
    }
  };

  /** Moves the checkpoint past a batch the broker acknowledged, once the batch before it has been checkpointed. */
  const checkpointAfter = async (lease: Lease, events: RecordedEvent[], sent: number, previous: Promise<void>) => {
    await previous;
    const last = events.at(-1)!.position;
    await checkpoints.advance(lease, last);
    position = last;
    published += sent;
    if (sent > 0) lastPublishedAt = new Date();
  };

  /**
   * A pipeline: while batch N's checkpoint is written and batch N+1 is sent, the subscription already reads and maps
   * batch N+2 (reading is where the time goes when behind). Sends stay strictly one batch after the other, so
   * per-partition order is untouched; a checkpoint is written only after its batch's acknowledgement and after the
   * checkpoint before it, so it never passes an unacknowledged event. Writing it beside the next send, rather than
   * before it, takes a database round trip per batch off the path from append to Kafka. If a checkpoint write fails
   * (lease lost), the batch being sent may reach Kafka a second time from the next holder: a duplicate, which
   * consumers drop on `ce_id`, never a gap. A stop or a lost lease discards the batch read ahead, which is simply
   * read again from the durable checkpoint.
   */
  const handleBatch = (lease: Lease, pipeline: Pipeline) => async (events: RecordedEvent[]) => {
    if (events.length === 0) return;
    if (stopping) throw new RelayStopping('stopping');
    const messages = await toMessages(events);
    await pipeline.sent;
    // At most one checkpoint write beside a send (the acknowledged batch's), so a slow database holds the relay back.
    await pipeline.previous.catch(() => undefined);
    if (pipeline.failed !== undefined) throw pipeline.failed;
    const sent = sendUntilAcknowledged(messages);
    const previous = pipeline.checkpointed;
    pipeline.sent = sent;
    pipeline.previous = previous;
    pipeline.checkpointed = sent.then(() => checkpointAfter(lease, events, messages.length, previous));
    // Stop reading when this batch fails while the subscription is idle; runActive rethrows the error.
    pipeline.checkpointed.catch((error: unknown) => {
      pipeline.failed ??= error;
      void subscription?.stop();
    });
  };

  const runActive = async (lease: Lease) => {
    leaseLost = false;
    // Connecting to Kafka overlaps reading the checkpoint and the first batch; a failure here is met again, retried
    // and logged by the first send.
    publisher.warmUp().catch(() => undefined);
    position = await checkpoints.read();
    state = 'active';
    logger.info({ owner, checkpoint: `${position.commit}.${position.prepare}`, topic }, 'relay is active');
    const heartbeat = setInterval(
      () => {
        checkpoints.renew(lease).catch((error: unknown) => {
          if (!(error instanceof LeaseLostError))
            return logger.warn(describeError(error), 'relay could not renew its lease');
          leaseLost = true;
          for (const wake of sleepers) wake();
          void subscription?.stop();
        });
      },
      Math.max(200, Math.floor(leaseTtlMs / 3)),
    );
    const pipeline: Pipeline = {
      sent: Promise.resolve(),
      checkpointed: Promise.resolve(),
      previous: Promise.resolve(),
    };
    let failure: unknown;
    try {
      subscription = store.subscribeToAll(handleBatch(lease, pipeline), {
        after: position,
        batchSize: options.batchSize ?? 500,
        pollIntervalMs: options.pollIntervalMs,
        leaveOutData: FEED_UNREAD_DATA,
      });
      await subscription.done.catch((error: unknown) => {
        failure = error;
      });
      await pipeline.checkpointed.catch((error: unknown) => {
        failure ??= error;
      });
    } finally {
      clearInterval(heartbeat);
      subscription = undefined;
    }
    if (failure !== undefined) throw failure;
    if (leaseLost) throw new LeaseLostError(name, owner);
  };

  const run = async () => {
    while (!stopping) {
      let lease: Lease | undefined;
      try {
        lease = await guard.tryAcquire();
        if (!lease) {
          if (state !== 'standby') logger.info({ owner }, 'relay is a standby: another instance holds the lease');
          state = 'standby';
          await sleep(Math.min(1_000, leaseTtlMs / 3));
          continue;
        }
        await runActive(lease);
      } catch (error) {
        if (error instanceof RelayStopping || stopping) break;
        if (error instanceof FeedMappingError) {
          state = 'failed';
          lastError = error.message;
          logger.error(describeError(error), 'relay stopped: an event on the feed cannot be mapped; fix and restart');
          break;
        }
        lastError = describeError(error).errorMessage;
        if (error instanceof LeaseLostError)
          logger.warn({ owner }, 'relay lost its lease to another instance; back to standby');
        else logger.error(describeError(error), 'relay failed; starting again after a pause');
        state = 'standby';
        await sleep(retryInitial * 4);
      } finally {
        // After a turn as the active relay: give the lease (unless already lost) and the advisory lock back.
        if (lease) await guard.release(leaseLost ? undefined : lease).catch(() => undefined);
      }
    }
  };

  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  let started = false;

  return {
    done,
    start: async () => {
      if (started) return;
      started = true;
      // Kafka's connection is made while the relay migrates and takes the lease (a standby keeps it warm, ready to
      // take over); a failure here is met again by the first send, which retries and logs it.
      publisher.warmUp().catch(() => undefined);
      await migrateRelay(sql);
      telemetry.observeLag(() => measureLag(store, () => position ?? checkpoints.read()));
      void run().finally(async () => {
        await publisher.close();
        if (state !== 'failed') state = 'stopped';
        telemetry.close();
        finished();
      });
    },
    stop: async () => {
      stopping = true;
      for (const wake of sleepers) wake();
      await subscription?.stop().catch(() => undefined);
      if (started) await done;
      state = state === 'failed' ? 'failed' : 'stopped';
    },
    status: async () => {
      const checkpoint = state === 'active' || state === 'retrying' ? position : undefined;
      const lag = await measureLag(store, () => checkpoint ?? checkpoints.read());
      const holder = await checkpoints.holder().catch(() => ({ owner: null, expiresAt: null }));
      return {
        state,
        owner,
        leaseHolder: holder.owner,
        topic,
        ...lag,
        published,
        lastPublishedAt: lastPublishedAt?.toISOString(),
        lastError,
        ready: state === 'active' || state === 'standby',
      };
    },
  };
};
