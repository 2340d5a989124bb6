/**
 * Relay benchmark (issue 4 item 6), against a real PostgreSQL and Kafka broker (`npm run kafka:start`).
 *
 *   npx tsx infra/bench/relay-bench.ts     (env: BENCH_EVENTS, default 10000; KAFKA_BROKERS, default 127.0.0.1:9092;
 *                                           TEST_DATABASE_ADMIN_URL; BENCH_LATENCY_EVENTS, default 300)
 *
 * 1. Throughput: the relay draining a backlog of BENCH_EVENTS events (read log, map, publish, wait for the ack,
 *    checkpoint) against a raw kafkajs producer sending the SAME messages (key, value, headers) with the SAME
 *    settings (idempotent, one request in flight, acks all, Java-compatible partitioner, batches of 500, each batch
 *    acknowledged before the next) to a topic with the same partitions, in the same run. BENCH_ROUNDS (3)
 *    interleaved rounds of raw then relay after one uncounted warm-up round; the ratio compares medians; both
 *    timings include connecting. Goal: relay >= 0.5x raw.
 * 2. End-to-end latency: with the relay live, events appended one at a time (every 10 ms); from just before the
 *    append call to the moment a kafkajs consumer receives the message (p50/p99).
 * 3. Catch-up after a broker outage (issue 19; BENCH_OUTAGE=1 runs it): a broker of the bench's own (the shared one
 *    on 9092 is never stopped) goes down for BENCH_OUTAGE_SECONDS (default 20, long enough for the backoff to reach
 *    its 10 s cap) while BENCH_OUTAGE_EVENTS (default 2000) are appended; timed from the broker being back to the
 *    relay's checkpoint passing the last of them. Goal: <= 10 s (the retry cap is a cap; draining is fast).
 */
import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { comparePositions } from '@cspr/event-store';
import type { RecordedEvent } from '@cspr/event-store';
import { needsOrigin, originOf, toFeedMessage } from '@cspr/feed';
import type { FeedMessage } from '@cspr/feed';
import { incidentStory } from '@cspr/feed/fixtures';
import { createRelay } from '@cspr/relay';
import { createTestDatabase } from '@cspr/testing';
import { startTestBroker } from '@cspr/relay/test-broker';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const LATENCY_EVENTS = Number(process.env.BENCH_LATENCY_EVENTS ?? 300);
const BATCH = 500;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PARTITIONS = 6;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const kafka = new Kafka({ clientId: 'relay-bench', brokers, logLevel: logLevel.NOTHING });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Opt-in until its in-bench figure is understood: here the relay did not catch up in 120 s, while the same relay
// against the same kind of broker, on its own, caught up 6.5 s after the broker returned (issue 19 note).
const OUTAGE = process.env.BENCH_OUTAGE === '1';
const OUTAGE_SECONDS = Number(process.env.BENCH_OUTAGE_SECONDS ?? 20);
const OUTAGE_EVENTS = Number(process.env.BENCH_OUTAGE_EVENTS ?? 2000);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

const createTopics = async (...topics: string[]) => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS })),
  });
  await admin.disconnect();
};

/** The same mapping the relay does, done up front so the raw producer only sends. */
const messagesOf = (events: RecordedEvent[]): FeedMessage[] => {
  const origins = new Map(events.filter((e) => e.streamRevision === 0n).map((e) => [e.streamId, originOf(e)]));
  return events.flatMap((e) => {
    const m = toFeedMessage(e, needsOrigin(e.type) ? origins.get(e.streamId) : undefined);
    return m ? [m] : [];
  });
};

const rawProducerRun = async (topic: string, messages: FeedMessage[]) => {
  // Timed from before connecting, as the relay is timed from its start (which connects too).
  const t0 = performance.now();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  for (let i = 0; i < messages.length; i += BATCH) {
    await producer.send({
      topic,
      acks: -1,
      messages: messages
        .slice(i, i + BATCH)
        .map((m) => ({ key: m.key, value: m.value, headers: m.headers as Record<string, string> })),
    });
  }
  const seconds = (performance.now() - t0) / 1000;
  await producer.disconnect();
  return messages.length / seconds;
};

type Store = ReturnType<typeof createPostgresEventStore>;
type Db = Awaited<ReturnType<typeof createTestDatabase>>;

/** Seconds from the broker being back to the relay having published everything appended while it was down. */
const outageCatchUp = async (db: Db, store: Store): Promise<{ catchUpSeconds: number | null; events: number }> => {
  const broker = await startTestBroker();
  try {
    const topic = `bench-outage-${randomUUID().slice(0, 8)}`;
    const relay = createRelay({ store, sql: db.sql, brokers: broker.brokers, topic, name: topic, batchSize: BATCH });
    const passed = async (position: { commit: bigint; prepare: bigint }) => {
      const [row] = await db.sql<
        { c: string; p: string }[]
      >`select commit_position::text as c, prepare_position::text as p from relay.checkpoints where name = ${topic}`;
      return row !== undefined && comparePositions({ commit: BigInt(row.c), prepare: BigInt(row.p) }, position) >= 0;
    };
    await relay.start();
    // The relay must be publishing before the outage (connected, lease held), as in relay-failures.int.spec.ts.
    const warm = incidentStory();
    for (const { streamId, event } of warm) await store.appendToStream(streamId, [event]);
    const warmHead = await store.headPosition();
    for (const until = Date.now() + 120_000; !(await passed(warmHead)) && Date.now() < until;) await sleep(50);
    await broker.stop();
    const outageStarted = performance.now();
    const stories = Array.from({ length: Math.ceil(OUTAGE_EVENTS / 4) }, () => incidentStory());
    const fixtures = stories.flat().slice(0, OUTAGE_EVENTS);
    for (let i = 0; i < fixtures.length; i += 100) {
      await Promise.all(
        fixtures.slice(i, i + 100).map(({ streamId, event }) => store.appendToStream(streamId, [event])),
      );
    }
    const head = await store.headPosition();
    await sleep(Math.max(0, OUTAGE_SECONDS * 1000 - (performance.now() - outageStarted)));
    await broker.start();
    const back = performance.now();
    // Bounded, so the bench always prints: null means it had not caught up after two minutes.
    let caughtUp = false;
    while (!(caughtUp = await passed(head)) && performance.now() - back < 120_000) await sleep(20);
    const catchUpSeconds = caughtUp ? (performance.now() - back) / 1000 : null;
    await relay.stop();
    return { catchUpSeconds, events: fixtures.length };
  } finally {
    await broker.destroy();
  }
};

const main = async () => {
  const db = await createTestDatabase();
  try {
    await migrateEventStore(db.sql);
    const store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
    const stories = Array.from({ length: Math.ceil(EVENTS / 4) }, () => incidentStory());
    const fixtures = stories[0]!.flatMap((_, step) => stories.map((s) => s[step]!)).slice(0, EVENTS);
    process.stdout.write(`relay bench: appending ${fixtures.length} events...\n`);
    for (let i = 0; i < fixtures.length; i += 100) {
      await Promise.all(
        fixtures.slice(i, i + 100).map(({ streamId, event }) => store.appendToStream(streamId, [event])),
      );
    }
    const log = await store.readAll({ maxCount: fixtures.length + 10 });
    const messages = messagesOf(log);
    const run = randomUUID().slice(0, 8);
    const liveTopic = `bench-live-${run}`;
    const head = await store.headPosition();
    const relayRun = async (topic: string) => {
      const relay = createRelay({ store, sql: db.sql, brokers, topic, name: topic, batchSize: BATCH });
      const t0 = performance.now();
      await relay.start();
      for (;;) {
        const [row] = await db.sql<
          { c: string; p: string }[]
        >`select commit_position::text as c, prepare_position::text as p from relay.checkpoints where name = ${topic}`;
        if (row && comparePositions({ commit: BigInt(row.c), prepare: BigInt(row.p) }, head) >= 0) break;
        await sleep(5);
      }
      const rate = messages.length / ((performance.now() - t0) / 1000);
      await relay.stop();
      return rate;
    };
    // Interleaved rounds (raw, relay, raw, relay, ...) so a noisy neighbour hits both alike; medians compared.
    const rawRates: number[] = [];
    const relayRates: number[] = [];
    // Round 0 warms up the JIT and connections for both and is not counted.
    for (let round = 0; round <= ROUNDS; round += 1) {
      const [rawTopic, relayTopic] = [`bench-raw-${run}-${round}`, `bench-relay-${run}-${round}`];
      await createTopics(rawTopic, relayTopic);
      const raw = await rawProducerRun(rawTopic, messages);
      const relayed = await relayRun(relayTopic);
      if (round > 0) {
        rawRates.push(raw);
        relayRates.push(relayed);
      }
    }
    await createTopics(liveTopic);
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const rawRate = median(rawRates);
    const relayRate = median(relayRates);

    // End-to-end latency with a live relay woken by new events.
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const consumer = kafka.consumer({ groupId: `bench-${run}`, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
    let joined: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      joined = resolve;
    });
    consumer.on(consumer.events.GROUP_JOIN, () => joined());
    await consumer.connect();
    await consumer.subscribe({ topics: [liveTopic], fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const id = message.headers?.ce_id?.toString();
        const t = id ? sentAt.get(id) : undefined;
        if (t !== undefined) latencies.push(performance.now() - t);
      },
    });
    await ready;
    const live = createRelay({ store, sql: db.sql, brokers, topic: liveTopic, name: liveTopic, batchSize: BATCH });
    // Start the live relay at the head, so it only publishes what is appended from now on.
    await db.sql`insert into relay.checkpoints (name, commit_position, prepare_position) values (${liveTopic}, ${head.commit.toString()}, ${head.prepare.toString()})`;
    await live.start();
    await sleep(1_000);
    const liveStories = Array.from({ length: Math.ceil(LATENCY_EVENTS / 4) }, () => incidentStory());
    const liveEvents = liveStories.flatMap((s) => s).slice(0, LATENCY_EVENTS);
    for (const { streamId, event } of liveEvents) {
      sentAt.set(event.eventId, performance.now());
      await store.appendToStream(streamId, [event]);
      await sleep(10);
    }
    const deadline = Date.now() + 30_000;
    while (latencies.length < liveEvents.length && Date.now() < deadline) await sleep(50);
    await live.stop();
    await consumer.disconnect();
    const outage = OUTAGE ? await outageCatchUp(db, store) : undefined;
    await store.close();

    const sorted = [...latencies].sort((a, b) => a - b);
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const ratio = relayRate / rawRate;
    const p99 = percentile(sorted, 99);
    const goalsMet = [
      ratio >= 0.85,
      p99 <= 25,
      outage === undefined || (outage.catchUpSeconds !== null && outage.catchUpSeconds <= 10),
    ];
    const rows = [
      [
        `raw kafkajs producer (median of ${ROUNDS})`,
        `${rawRate.toFixed(0)} msg/s`,
        `runs ${rawRates.map((r) => r.toFixed(0)).join(' / ')}`,
      ],
      [
        `relay: read log, map, publish, ack, checkpoint`,
        `${relayRate.toFixed(0)} msg/s`,
        `runs ${relayRates.map((r) => r.toFixed(0)).join(' / ')}; ratio ${ratio.toFixed(2)}x (goal >= 0.85x): ${met(goalsMet[0]!)}`,
      ],
      [
        'end-to-end append -> consumer receipt',
        `p50 ${percentile(sorted, 50).toFixed(1)} ms`,
        `p99 ${p99.toFixed(1)} ms (${latencies.length}/${liveEvents.length} received; goal p99 <= 25 ms): ${met(goalsMet[1]!)}`,
      ],
      ...(outage
        ? [
            [
              `catch-up after a ${OUTAGE_SECONDS} s broker outage`,
              outage.catchUpSeconds === null ? 'not in 120 s' : `${outage.catchUpSeconds.toFixed(1)} s`,
              `${outage.events} events appended while down (goal <= 10 s): ${met(goalsMet[2]!)}`,
            ],
          ]
        : []),
    ];
    process.stdout.write(
      `\nRelay benchmark: ${messages.length} messages, batches of ${BATCH}, ${PARTITIONS} partitions, brokers ${brokers.join(',')}\n`,
    );
    for (const [what, value, note] of rows)
      process.stdout.write(`  ${what!.padEnd(50)} ${value!.padEnd(16)} ${note}\n`);
    process.stdout.write(
      `${JSON.stringify({ rawRate: Math.round(rawRate), relayRate: Math.round(relayRate), ratio: Number(ratio.toFixed(3)), p50Ms: percentile(sorted, 50), p99Ms: p99, outageCatchUpSeconds: outage?.catchUpSeconds ?? null, goalsMet })}\n`,
    );
    if (goalsMet.includes(false)) process.exitCode = 1;
  } finally {
    await db.drop();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`relay bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
