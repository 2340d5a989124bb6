import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, LogPosition, RecordedEvent } from '../event-store';

export const newStreamId = (prefix = 'contract'): string => `${prefix}-${randomUUID()}`;

export const anEvent = (type = 'SomethingHappened', data: Record<string, unknown> = {}): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data: { n: 1, ...data },
  metadata: {
    actor: { userId: 'system:contract-suite', role: 'admin' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: '2026-11-22T03:00:00.000Z',
  },
});

export const events = (count: number, type = 'SomethingHappened'): EventToAppend[] =>
  Array.from({ length: count }, (_, i) => anEvent(type, { i }));

export const ids = (recorded: RecordedEvent[]): string[] => recorded.map((e) => e.eventId);

/** Waits until `check` passes, polling; fails with the last assertion error after `timeoutMs`. */
export const eventually = async (check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
};

/**
 * How long a test waits for appended events to become readable in the global log. On PostgreSQL they are held
 * back while an older transaction is still open in the same database, or one that ended before the read could
 * tell which database it was in, so other test files running at the same time can delay them briefly.
 */
export const SETTLE_MS = 15_000;

/**
 * readAll after `after`, once at least `count` events are readable, keeping only those of `streams` when given.
 * A start position taken with headPosition() may lag (held-back events of earlier tests then appear after it), so
 * tests that need "exactly these events" filter by their own streams.
 */
export const readAllSettled = async (
  store: EventStore,
  after: LogPosition,
  count: number,
  streams?: string[],
): Promise<RecordedEvent[]> => {
  let read: RecordedEvent[] = [];
  await eventually(async () => {
    read = (await store.readAll({ after })).filter((e) => !streams || streams.includes(e.streamId));
    if (read.length < count) throw new Error(`Only ${read.length} of ${count} events readable yet`);
  }, SETTLE_MS);
  return read;
};
