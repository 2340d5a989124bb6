import { describe, expect, it } from 'vitest';
import { comparePositions, EventStoreError } from './event-store';
import type { LogPosition, RecordedEvent } from './event-store';
import { startPollingSubscription } from './polling-subscription';

// An in-memory log: the loop's logic (batches, checkpoints, wake-ups, stop, failure) without a database.
const memoryLog = () => {
  const log: RecordedEvent[] = [];
  const listeners = new Set<() => void>();
  let reads = 0;
  return {
    append: (count: number, wake = true) => {
      for (let i = 0; i < count; i += 1) {
        const n = BigInt(log.length + 1);
        log.push({
          eventId: `e${n}`,
          type: 'T',
          data: {},
          streamId: 's',
          streamRevision: n - 1n,
          recordedAt: new Date(0),
          metadata: { actor: { userId: 'u', role: 'r' }, correlationId: 'c', causationId: 'c', occurredAt: '' },
          position: { commit: n, prepare: n },
        });
      }
      if (wake) for (const listener of listeners) listener();
    },
    reads: () => reads,
    source: {
      readAfter: async (after: LogPosition, maxCount: number) => {
        reads += 1;
        return log.filter((e) => comparePositions(e.position, after) > 0).slice(0, maxCount);
      },
      onWake: (callback: () => void) => {
        listeners.add(callback);
        return () => listeners.delete(callback);
      },
    },
    listeners,
  };
};

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

describe('polling subscription', () => {
  it('given 5 events behind, when subscribed after the first with batch size 2, then it gets 2, 2 and 1 in order', async () => {
    const log = memoryLog();
    log.append(5);
    const batches: string[][] = [];
    const subscription = startPollingSubscription(
      log.source,
      async (batch) => void batches.push(batch.map((e) => e.eventId)),
      {
        after: { commit: 1n, prepare: 1n },
        batchSize: 2,
        pollIntervalMs: 60_000,
      },
    );
    await until(() => batches.flat().length === 4);
    await subscription.stop();
    expect(batches).toEqual([
      ['e2', 'e3'],
      ['e4', 'e5'],
    ]);
  });

  it('given a long poll interval, when a wake-up comes, then new events are read at once', async () => {
    const log = memoryLog();
    const seen: string[] = [];
    const subscription = startPollingSubscription(
      log.source,
      async (batch) => void seen.push(...batch.map((e) => e.eventId)),
      { pollIntervalMs: 60_000 },
    );
    await until(() => log.reads() === 1);
    log.append(2);
    await until(() => seen.length === 2);
    await subscription.stop();
    expect(log.listeners.size).toBe(0);
  });

  it('given a wake-up for events not yet readable, then it re-reads every 25 ms for a second, then only on the poll', async () => {
    const log = memoryLog();
    const seen: string[] = [];
    const subscription = startPollingSubscription(
      log.source,
      async (batch) => void seen.push(...batch.map((e) => e.eventId)),
      { pollIntervalMs: 60_000 },
    );
    await until(() => log.reads() === 1);
    for (const listener of log.listeners) listener();
    // Still re-reading at 25 ms 400 ms after the wake-up (a back-off doubling from 25 ms would wait until 775 ms).
    await new Promise((resolve) => setTimeout(resolve, 400));
    log.append(1, false);
    const appended = performance.now();
    await until(() => seen.length === 1);
    expect(performance.now() - appended).toBeLessThan(200);
    // A second after the wake-up it is back to the poll interval.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const reads = log.reads();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(log.reads() - reads).toBeLessThanOrEqual(1);
    await subscription.stop();
  });

  it('when the handler throws, then done rejects with that error and nothing more is read', async () => {
    const log = memoryLog();
    log.append(3);
    const failure = new Error('boom');
    const subscription = startPollingSubscription(
      log.source,
      async () => {
        throw failure;
      },
      { pollIntervalMs: 10 },
    );
    await expect(subscription.done).rejects.toBe(failure);
    const reads = log.reads();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log.reads()).toBe(reads);
  });

  it('when stopped while idle, then done resolves at once', async () => {
    const log = memoryLog();
    const subscription = startPollingSubscription(log.source, async () => undefined, { pollIntervalMs: 60_000 });
    await until(() => log.reads() === 1);
    const started = Date.now();
    await subscription.stop();
    await expect(subscription.done).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('given a lost connection, then reads are retried and delivery resumes; other read errors end it', async () => {
    const log = memoryLog();
    log.append(2);
    let failures = 2;
    const flaky = {
      ...log.source,
      readAfter: async (after: LogPosition, maxCount: number) => {
        if (failures-- > 0) throw new EventStoreError('connection', 'gone');
        return log.source.readAfter(after, maxCount);
      },
    };
    const seen: string[] = [];
    const subscription = startPollingSubscription(
      flaky,
      async (batch) => void seen.push(...batch.map((e) => e.eventId)),
      { pollIntervalMs: 60_000 },
    );
    await until(() => seen.length === 2);
    await subscription.stop();
    const broken = new Error('syntax');
    const failing = startPollingSubscription({ readAfter: async () => Promise.reject(broken) }, async () => undefined);
    await expect(failing.done).rejects.toBe(broken);
  });
});
