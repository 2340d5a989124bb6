/**
 * Append benchmark (issue 2 item 7): the PostgreSQL event store against raw INSERT + COMMIT of the same rows,
 * same driver (postgres.js), same database, same run, so the ratio cancels out the machine.
 *
 *   npx tsx infra/bench/append-bench.ts            (env: BENCH_SECONDS per case, default 4; TEST_DATABASE_ADMIN_URL)
 *
 * Cases: single-event appends with 1, 4 and 16 concurrent writers (each writer its own stream, expected revision
 * exact) against single-row autocommit INSERTs at the same concurrency; 100-event appends against one multi-row
 * INSERT of 100. The raw table has the same columns and a primary key, but none of the store's other indexes
 * (event id, stream revision) and no checks: the ratio is the full price of the store's guarantees.
 * Goals: singles at 1 writer >= 0.7x raw, batches >= 0.6x raw.
 */
import { randomUUID } from 'node:crypto';
import { createInProcessWakeups } from '@cspr/database';
import { createTestDatabase } from '@cspr/testing';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import type { EventToAppend } from '@cspr/event-store';

const seconds = Number(process.env.BENCH_SECONDS ?? 4);

const event = (i: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'IncidentNotified',
  data: { schemaVersion: 1, incidentId: randomUUID(), ageBand: '1-4', sex: 'female', nature: ['neglect'], i },
  metadata: {
    actor: { userId: 'bench', role: 'partnership' },
    partnershipId: 'p-bench',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: new Date().toISOString(),
  },
});

type Case = { name: string; writers: number; eventsPerOp: number; op: (stream: string, seq: number) => Promise<void> };
type Sample = { latencies: number[]; events: number; seconds: number };
type Result = { eventsPerSecond: number; p50: number; p99: number; ops: number };

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

const measure = async (c: Case, durationSeconds: number, into: Sample): Promise<void> => {
  const end = performance.now() + durationSeconds * 1000;
  const started = performance.now();
  // Every measurement writes to fresh streams: writer w of this run owns `<run>-<w>` and knows its revision.
  const run = randomUUID().slice(0, 8);
  await Promise.all(
    Array.from({ length: c.writers }, async (_, writer) => {
      for (let seq = 0; performance.now() < end; seq += 1) {
        const t0 = performance.now();
        await c.op(`${c.name}-${run}-${writer}`, seq);
        into.latencies.push(performance.now() - t0);
        into.events += c.eventsPerOp;
      }
    }),
  );
  into.seconds += (performance.now() - started) / 1000;
};

const summarise = (sample: Sample): Result => {
  const sorted = [...sample.latencies].sort((a, b) => a - b);
  return {
    eventsPerSecond: sample.events / sample.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    ops: sorted.length,
  };
};

/** Raw and store alternate in short slices (order flipping each round), so drift and neighbours' load fall on both. */
const compare = async (raw: Case, store: Case, totalSeconds: number): Promise<{ raw: Result; store: Result }> => {
  const slices = Math.max(2, Math.round(totalSeconds / 0.5));
  const samples = {
    raw: { latencies: [], events: 0, seconds: 0 } as Sample,
    store: { latencies: [], events: 0, seconds: 0 } as Sample,
  };
  for (let i = 0; i < slices; i += 1) {
    const order = i % 2 === 0 ? (['raw', 'store'] as const) : (['store', 'raw'] as const);
    for (const which of order) await measure(which === 'raw' ? raw : store, totalSeconds / slices, samples[which]);
  }
  return { raw: summarise(samples.raw), store: summarise(samples.store) };
};

const db = await createTestDatabase({ maxConnections: 20 });
try {
  const { sql } = db;
  await migrateEventStore(sql);
  await sql`create table raw_events (
    position bigint generated always as identity primary key, event_id uuid not null, stream_id text not null,
    stream_revision bigint not null, type text not null, data jsonb not null, metadata jsonb not null,
    recorded_at timestamptz not null default now())`;
  // BENCH_WAKEUPS=off measures the store without cross-process wake-ups (in-process only), to see their price.
  const wakeups = process.env.BENCH_WAKEUPS === 'off' ? createInProcessWakeups() : db.wakeups;
  const store = createPostgresEventStore({ sql, wakeups });
  const [{ version }] = (await sql`select current_setting('server_version') as version`) as unknown as [
    { version: string },
  ];
  const row = (e: EventToAppend, streamId: string, revision: number) => ({
    event_id: e.eventId,
    stream_id: streamId,
    stream_revision: revision,
    type: e.type,
    data: sql.json(e.data as never),
    metadata: sql.json(e.metadata as never),
  });
  const columns = ['event_id', 'stream_id', 'stream_revision', 'type', 'data', 'metadata'] as const;

  const pairs: { label: string; raw: Case; store: Case }[] = [];
  for (const writers of [1, 4, 16]) {
    pairs.push({
      label: `single event, ${writers} writer${writers > 1 ? 's' : ''}`,
      raw: {
        name: 'raw',
        writers,
        eventsPerOp: 1,
        op: async (stream, seq) =>
          void (await sql`insert into raw_events ${sql(row(event(seq), stream, seq), ...columns)}`),
      },
      store: {
        name: 'store',
        writers,
        eventsPerOp: 1,
        op: async (stream, seq) =>
          void (await store.appendToStream(stream, [event(seq)], {
            expectedRevision: seq === 0 ? 'no_stream' : BigInt(seq - 1),
          })),
      },
    });
  }
  pairs.push({
    label: '100-event batch, 1 writer',
    raw: {
      name: 'raw',
      writers: 1,
      eventsPerOp: 100,
      op: async (stream, seq) => {
        const rows = Array.from({ length: 100 }, (_, i) => row(event(i), stream, seq * 100 + i));
        await sql`insert into raw_events ${sql(rows, ...columns)}`;
      },
    },
    store: {
      name: 'store',
      writers: 1,
      eventsPerOp: 100,
      op: async (stream, seq) => {
        const events = Array.from({ length: 100 }, (_, i) => event(i));
        await store.appendToStream(stream, events, {
          expectedRevision: seq === 0 ? 'no_stream' : BigInt(seq * 100 - 1),
        });
      },
    },
  });

  // Warm up both paths (connections, prepared statements, plpgsql compilation, caches).
  for (const pair of pairs) await compare(pair.raw, pair.store, 1);

  const cpus = (await import('node:os')).cpus().length;
  console.log(
    `PostgreSQL ${version}, postgres.js, ${cpus} CPUs, ${seconds}s per side per case in 0.5s slices; events/s, latency per append in ms\n`,
  );
  console.log(
    [
      'case'.padEnd(28),
      'raw ev/s',
      'raw p50',
      'raw p99',
      'store ev/s',
      'store p50',
      'store p99',
      'ratio',
      'goal',
      'met',
    ]
      .map((h) => h.padStart(10))
      .join(' '),
  );
  const f = (n: number, digits = 0) => n.toFixed(digits).padStart(10);
  for (const pair of pairs) {
    const { raw, store: st } = await compare(pair.raw, pair.store, seconds);
    console.log(
      [
        pair.label.padEnd(28),
        f(raw.eventsPerSecond),
        f(raw.p50, 2),
        f(raw.p99, 2),
        f(st.eventsPerSecond),
        f(st.p50, 2),
        f(st.p99, 2),
        f(st.eventsPerSecond / raw.eventsPerSecond, 2),
        '>= 0.80'.padStart(10),
        (st.eventsPerSecond / raw.eventsPerSecond >= 0.8 ? 'met' : 'NOT met').padStart(10),
      ].join(' '),
    );
  }
  await store.close();
} finally {
  await db.drop();
}
