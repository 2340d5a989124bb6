/**
 * Failure tests with real processes: the relay runs as its own process (main.ts), against a real PostgreSQL and a
 * Kafka broker of this file's own (started and stopped through infra/kafka/kafka.sh on its own port and folder).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { incidentStory } from '@cspr/feed/fixtures';
import type { FixtureEvent } from '@cspr/feed/fixtures';
import { consumeFeed } from './feed-consumer';
import type { ReceivedNotification } from './feed-consumer';
import { startRelayProcess } from './relay-process.fixture';
import type { RelayProcess } from './relay-process.fixture';
import { startTestBroker } from './test-broker.fixture';
import type { TestBroker } from './test-broker.fixture';
import { consumeAll, createTestLog, waitFor } from './relay.fixture';
import type { ConsumedMessage, TestLog } from './relay.fixture';

let broker: TestBroker;
let log: TestLog;
let processes: RelayProcess[] = [];

beforeAll(async () => {
  broker = await startTestBroker();
});
beforeEach(async () => {
  log = await createTestLog();
});
afterEach(async () => {
  await Promise.all(processes.map((p) => p.kill('SIGKILL')));
  processes = [];
  await log?.drop();
});
afterAll(async () => {
  await broker?.destroy();
});

const relay = async (topic: string, extra: Record<string, string> = {}) => {
  const started = await startRelayProcess({
    DATABASE_URL: log.db.url,
    KAFKA_BROKERS: broker.brokers.join(','),
    RELAY_TOPIC: topic,
    RELAY_NAME: topic,
    RELAY_BATCH_SIZE: '20',
    RELAY_LEASE_TTL_MS: '3000',
    RELAY_RETRY_MAX_MS: '1000',
    ...extra,
  });
  processes.push(started);
  return started;
};

/** `incidents` incident stories, interleaved round-robin so that every batch mixes incidents. */
const interleaved = (incidents: number): FixtureEvent[] => {
  const stories = Array.from({ length: incidents }, () => incidentStory());
  return stories[0]!.flatMap((_, step) => stories.map((story) => story[step]!));
};

const appendOverTime = async (events: FixtureEvent[], everyMs: number) => {
  for (const event of events) {
    await log.append([event]);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
};

const caughtUp = (p: RelayProcess, events: number) => async () => {
  const s = await p.status();
  return s !== undefined && s.state === 'active' && s.lagEvents === 0 && (await log.store.readAll()).length >= events;
};

/** Every appended event arrived; per incident, first arrivals are in append order (repeats may follow). */
const expectDelivered = (messages: { key: string; id: string }[], appended: FixtureEvent[]) => {
  const firstSeen: string[] = [];
  const seen = new Set<string>();
  for (const m of messages)
    if (!seen.has(m.id)) {
      seen.add(m.id);
      firstSeen.push(m.id);
    }
  expect(seen).toEqual(new Set(appended.map(({ event }) => event.eventId)));
  const keyOf = new Map(messages.map((m) => [m.id, m.key]));
  for (const incident of new Set(appended.map(({ streamId }) => streamId))) {
    const inAppendOrder = appended.filter(({ streamId }) => streamId === incident).map(({ event }) => event.eventId);
    const key = keyOf.get(inAppendOrder[0]!);
    expect(firstSeen.filter((id) => keyOf.get(id) === key)).toEqual(inAppendOrder);
  }
};

const ids = (messages: ConsumedMessage[]) => messages.map((m) => ({ key: m.key, id: m.headers.ce_id! }));
const covers = (events: FixtureEvent[]) => (messages: ConsumedMessage[]) =>
  new Set(messages.map((m) => m.headers.ce_id)).size >= events.length;

describe('relay under failure', { timeout: 180_000 }, () => {
  it('broker stopped while events keep being appended, then started again: every event arrives, in order per incident', async () => {
    const topic = `feed-${randomUUID()}`;
    const events = interleaved(50);
    const p = await relay(topic);
    const appending = appendOverTime(events, 30);
    await waitFor(async () => ((await p.status())?.published ?? 0) >= 10, 30_000, 'first messages published');

    await broker.stop();
    await waitFor(async () => (await p.status())?.state === 'retrying', 30_000, 'relay notices the broker is gone');
    const during = await p.status();
    expect(during?.ready).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const stalled = await p.status();
    expect(stalled?.lagEvents).toBeGreaterThan(0);
    await broker.start();

    await appending;
    await waitFor(caughtUp(p, events.length), 90_000, 'relay caught up after the outage');
    const messages = await consumeAll(broker.brokers, topic, covers(events));
    expectDelivered(ids(messages), events);
  });

  it('relay killed with SIGKILL mid-batch and restarted: every event at least once, a consumer de-duplicating on ce_id sees each exactly once', async () => {
    const topic = `feed-${randomUUID()}`;
    const events = interleaved(150);
    await log.append(events);
    const first = await relay(topic);
    await waitFor(async () => ((await first.status())?.published ?? 0) >= 60, 60_000, 'relay under way');
    await first.kill('SIGKILL');
    const progress = await log.db.sql<
      { commit_position: string }[]
    >`select commit_position from relay.checkpoints where name = ${topic}`;
    expect(progress).toHaveLength(1);

    const second = await relay(topic);
    await waitFor(caughtUp(second, events.length), 90_000, 'restarted relay caught up');

    const raw = await consumeAll(broker.brokers, topic, covers(events));
    expect(raw.length).toBeGreaterThanOrEqual(events.length);
    const received: ReceivedNotification[] = [];
    let repeats = 0;
    const consumer = await consumeFeed({
      brokers: broker.brokers,
      topic,
      groupId: `ofsted-${randomUUID()}`,
      fromBeginning: true,
      onNotification: (n) => {
        received.push(n);
      },
      onDuplicate: () => {
        repeats += 1;
      },
    });
    try {
      await waitFor(() => received.length + repeats >= raw.length, 60_000, 'consumer read everything');
    } finally {
      await consumer.stop();
    }
    expect(received.map((n) => n.id).length).toBe(events.length);
    expect(repeats).toBe(raw.length - events.length);
    expectDelivered(
      received.map((n) => ({ key: n.subject, id: n.id })),
      events,
    );
  });

  it('two relays started by mistake: one publishes, the other waits; killing the active one hands over with no loss and order kept', async () => {
    const topic = `feed-${randomUUID()}`;
    const events = interleaved(40);
    const [a, b] = await Promise.all([relay(topic), relay(topic)]);
    const states = async () => [(await a.status())?.state, (await b.status())?.state].sort().join(',');
    await waitFor(async () => (await states()) === 'active,standby', 30_000, 'one active, one standby');

    const appending = appendOverTime(events, 25);
    await waitFor(
      async () => ((await a.status())?.published ?? 0) + ((await b.status())?.published ?? 0) >= 40,
      30_000,
      'publishing',
    );
    expect(await states()).toBe('active,standby');
    const active = (await a.status())?.state === 'active' ? a : b;
    const standby = active === a ? b : a;
    expect((await standby.status())?.published).toBe(0);
    await active.kill('SIGKILL');

    await appending;
    await waitFor(caughtUp(standby, events.length), 60_000, 'standby took over and caught up');
    const messages = await consumeAll(broker.brokers, topic, covers(events));
    expectDelivered(ids(messages), events);
  });
});
