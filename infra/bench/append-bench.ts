/**
 * Append benchmark (issues 2 and 19): the PostgreSQL event store against raw INSERT + COMMIT of the same rows,
 * same driver (postgres.js), same database, same run, so the ratio cancels out the machine.
 *
 *   npx tsx infra/bench/append-bench.ts     (env: BENCH_SECONDS per side per case, default 4; BENCH_EVENTS;
 *                                            BENCH_WAKEUPS=off; BENCH_IDS=random; TEST_DATABASE_ADMIN_URL)
 *
 * Cases: single-event appends with 1, 4 and 16 concurrent writers (each writer its own stream, expected revision
 * exact) against single-row autocommit INSERTs at the same concurrency; 100-event appends against one multi-row
 * INSERT of 100. Goals (issue 19): every case >= 0.8x raw.
 *
 * Two raw baselines, measured in the same interleaved slices:
 * - `raw` (the goal's baseline): a table of the store's shape (same columns and defaults, the same log-order
 *   primary key on transaction id and position) without its two unique keys and without checks. The ratio is the
 *   full price of the store's guarantees: idempotency by event id, the expected-revision check, ordered positions.
 * - `keyed` (for reading the figures): the store's own table, unique keys included, written by a plain INSERT. The
 *   gap between `raw` and `keyed` is what the keys cost; the gap between `keyed` and the store is the store's logic.
 *
 * Growth (issue 19, BENCH_EVENTS=n; skipped when unset): the same store cases on a log pre-filled with n events
 * (written by INSERT ... SELECT, not through the store, to keep the fill short) against a store on an empty log,
 * again interleaved. Goal: the full log's throughput within 10% of the empty one's (ratio >= 0.9).
 *
 * Event ids are UUIDv7, as the platform writes them (application event-ids.ts: derived from a UUIDv7 command id,
 * or new). BENCH_IDS=random appends random (v4) ids instead, as it did before: on a large log each of those lands
 * on its own page of the unique event-id index (infra/bench/append-wal.ts shows the WAL this costs).
 *
 * Prints a table with each ratio, its goal and met / NOT met, then the figures as JSON.
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import type { Sql } from 'postgres';
import { createInProcessWakeups, uuidV7 } from '@cspr/database';
import { createTestDatabase } from '@cspr/testing';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import type { EventStore, EventToAppend } from '@cspr/event-store';

const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const fill = Number(process.env.BENCH_EVENTS ?? 0);
const GOAL = 0.8;
const GROWTH_GOAL = 0.9;
const ids = process.env.BENCH_IDS === 'random' ? 'random' : 'v7';
const newEventId = ids === 'random' ? randomUUID : () => uuidV7();

const event = (i: number): EventToAppend => ({
  eventId: newEventId(),
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

/** One way of appending: `op` appends `eventsPerOp` events as the `seq`th append of a writer to `stream`. */
type Side = { name: string; eventsPerOp: number; op: (stream: string, seq: number) => Promise<void> };
type Sample = { latencies: number[]; events: number; seconds: number };
type Result = { eventsPerSecond: number; p50: number; p99: number; ops: number };

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

const measure = async (side: Side, writers: number, durationSeconds: number, into: Sample): Promise<void> => {
  const end = performance.now() + durationSeconds * 1000;
  const started = performance.now();
  // Every measurement writes to fresh streams: writer w of this run owns `<run>-<w>` and knows its revision.
  const run = randomUUID().slice(0, 8);
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let seq = 0; performance.now() < end; seq += 1) {
        const t0 = performance.now();
        await side.op(`${side.name}-${run}-${writer}`, seq);
        into.latencies.push(performance.now() - t0);
        into.events += side.eventsPerOp;
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

/** The sides alternate in short slices (the order rotating each round), so drift and neighbours' load fall on all. */
const compare = async (sides: Side[], writers: number, totalSeconds: number): Promise<Result[]> => {
  const slices = Math.max(2, Math.round(totalSeconds / 0.5));
  const samples: Sample[] = sides.map(() => ({ latencies: [], events: 0, seconds: 0 }));
  for (let i = 0; i < slices; i += 1) {
    for (let k = 0; k < sides.length; k += 1) {
      const which = (i + k) % sides.length;
      await measure(sides[which]!, writers, totalSeconds / slices, samples[which]!);
    }
  }
  return samples.map(summarise);
};

const CASES = [
  { label: 'single event, 1 writer', writers: 1, batch: 1 },
  { label: 'single event, 4 writers', writers: 4, batch: 1 },
  { label: 'single event, 16 writers', writers: 16, batch: 1 },
  { label: '100-event batch, 1 writer', writers: 1, batch: 100 },
] as const;

const storeSide = (name: string, store: EventStore, batch: number): Side => ({
  name,
  eventsPerOp: batch,
  op: async (stream, seq) =>
    void (await store.appendToStream(
      stream,
      Array.from({ length: batch }, (_, i) => event(i)),
      { expectedRevision: seq === 0 ? 'no_stream' : BigInt(seq * batch - 1) },
    )),
});

const rawSide = (sql: Sql, name: string, table: string, batch: number): Side => {
  const columns = ['event_id', 'stream_id', 'stream_revision', 'type', 'data', 'metadata'] as const;
  return {
    name,
    eventsPerOp: batch,
    op: async (stream, seq) => {
      const rows = Array.from({ length: batch }, (_, i) => {
        const e = event(i);
        return {
          event_id: e.eventId,
          stream_id: stream,
          stream_revision: seq * batch + i,
          type: e.type,
          data: sql.json(e.data as never),
          metadata: sql.json(e.metadata as never),
        };
      });
      await sql`insert into ${sql(table)} ${sql(rows, ...columns)}`;
    },
  };
};

/**
 * Writes `total` events of the bench's size into the store's table: 10 per stream, in statements of 100,000. The
 * table's keys are dropped for the fill and built again after it (as they are defined), which is many times faster
 * than growing them row by row; a freshly built index is denser than a grown one, so appends on it split pages a
 * little sooner: if anything, the full log's figures err low.
 */
const prefill = async (sql: Sql, schema: string, total: number): Promise<number> => {
  const started = performance.now();
  const table = `"${schema}".events`;
  const keys = (await sql`
    select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
    where conrelid = ${table}::regclass and contype in ('p', 'u')`) as unknown as {
    name: string;
    definition: string;
  }[];
  const indexes = (await sql`
    select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as definition from pg_index
    where indrelid = ${table}::regclass
      and indexrelid not in (select conindid from pg_constraint where conrelid = ${table}::regclass)`) as unknown as {
    name: string;
    definition: string;
  }[];
  for (const key of keys) await sql.unsafe(`alter table ${table} drop constraint "${key.name}"`);
  for (const index of indexes) await sql.unsafe(`drop index ${index.name}`);
  for (let from = 0; from < total; from += 100_000) {
    const to = Math.min(total, from + 100_000) - 1;
    await sql.unsafe(`
      insert into ${table} (event_id, stream_id, stream_revision, type, data, metadata)
      select gen_random_uuid(), 'fill-' || (g / 10), g % 10, 'IncidentNotified',
        jsonb_build_object('schemaVersion', 1, 'incidentId', gen_random_uuid(), 'ageBand', '1-4', 'sex', 'female',
          'nature', jsonb_build_array('neglect'), 'i', g),
        jsonb_build_object('actor', jsonb_build_object('userId', 'bench', 'role', 'partnership'),
          'partnershipId', 'p-bench', 'correlationId', gen_random_uuid(), 'causationId', gen_random_uuid(),
          'occurredAt', now())
      from generate_series(${from}, ${to}) as g`);
    if (process.stderr.isTTY) process.stderr.write(`\rprefilled ${to + 1} of ${total}`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  for (const key of keys) await sql.unsafe(`alter table ${table} add constraint "${key.name}" ${key.definition}`);
  for (const index of indexes) await sql.unsafe(index.definition);
  // Settle the new rows (hint bits, visibility map, statistics) now, not in autovacuum during the measurement.
  await sql.unsafe(`vacuum (analyze) ${table}`);
  return (performance.now() - started) / 1000;
};

const db = await createTestDatabase({ maxConnections: 20 });
try {
  const { sql } = db;
  await migrateEventStore(sql);
  // `raw`: the store's columns, defaults and log-order key, none of its unique keys. `keyed`: the store's table.
  await sql`create table raw_events (like event_store.events including defaults including identity)`;
  await sql`alter table raw_events add primary key (transaction_id, position)`;
  await sql`create table keyed_events (like event_store.events including all)`;
  // BENCH_WAKEUPS=off measures the store without cross-process wake-ups (in-process only), to see their price.
  const wakeups = process.env.BENCH_WAKEUPS === 'off' ? createInProcessWakeups() : db.wakeups;
  const store = createPostgresEventStore({ sql, wakeups });
  const [{ version }] = (await sql`select current_setting('server_version') as version`) as unknown as [
    { version: string },
  ];

  const pairs = CASES.map((c) => ({
    ...c,
    sides: [
      rawSide(sql, 'raw', 'raw_events', c.batch),
      rawSide(sql, 'keyed', 'keyed_events', c.batch),
      storeSide('store', store, c.batch),
    ],
  }));
  // Warm up every path (connections, prepared statements, plpgsql compilation, caches).
  for (const pair of pairs) await compare(pair.sides, pair.writers, 1);

  console.log(
    `PostgreSQL ${version}, postgres.js, ${cpus().length} CPUs, ${seconds}s per side per case in 0.5s slices, ${ids} event ids; events/s, latency per append in ms\n`,
  );
  const f = (n: number, digits = 0) => n.toFixed(digits).padStart(10);
  const verdict = (ratio: number, goal: number) => (ratio >= goal ? 'met' : 'NOT met').padStart(10);
  console.log(
    [
      'case'.padEnd(28),
      ...['raw ev/s', 'raw p50', 'keyed ev/s', 'store ev/s', 'store p50', 'store p99', 'vs keyed', 'vs raw', 'goal'],
      'met',
    ]
      .map((h) => h.padStart(10))
      .join(' '),
  );
  const cases = [];
  for (const pair of pairs) {
    const [raw, keyed, st] = (await compare(pair.sides, pair.writers, seconds)) as [Result, Result, Result];
    const ratio = st.eventsPerSecond / raw.eventsPerSecond;
    console.log(
      [
        pair.label.padEnd(28),
        f(raw.eventsPerSecond),
        f(raw.p50, 2),
        f(keyed.eventsPerSecond),
        f(st.eventsPerSecond),
        f(st.p50, 2),
        f(st.p99, 2),
        f(st.eventsPerSecond / keyed.eventsPerSecond, 2),
        f(ratio, 2),
        `>= ${GOAL.toFixed(2)}`.padStart(10),
        verdict(ratio, GOAL),
      ].join(' '),
    );
    const round = (r: Result) => ({
      eventsPerSecond: Math.round(r.eventsPerSecond),
      p50Ms: Number(r.p50.toFixed(2)),
      p99Ms: Number(r.p99.toFixed(2)),
    });
    cases.push({
      case: pair.label,
      raw: round(raw),
      keyed: round(keyed),
      store: round(st),
      ratioVsKeyed: Number((st.eventsPerSecond / keyed.eventsPerSecond).toFixed(3)),
      ratio: Number(ratio.toFixed(3)),
      goal: GOAL,
      met: ratio >= GOAL,
    });
  }

  let growth = null;
  if (fill > 0) {
    // The pre-filled log is the store's own schema (it also holds the events written above); the empty log is new.
    await migrateEventStore(sql, { schema: 'empty_log' });
    const empty = createPostgresEventStore({ sql, wakeups, schema: 'empty_log' });
    const fillSeconds = await prefill(sql, 'event_store', fill);
    const [{ events }] = (await sql`select count(*)::int as events from event_store.events`) as unknown as [
      { events: number },
    ];
    console.log(
      `\nGrowth: store on a log of ${events} events (pre-filled in ${fillSeconds.toFixed(0)}s) vs on an empty log`,
    );
    console.log(
      ['case'.padEnd(28), ...['empty ev/s', 'empty p50', 'full ev/s', 'full p50', 'full p99', 'ratio', 'goal'], 'met']
        .map((h) => h.padStart(10))
        .join(' '),
    );
    const growthCases = [];
    for (const c of CASES) {
      const sides = [storeSide('empty', empty, c.batch), storeSide('full', store, c.batch)];
      await compare(sides, c.writers, 1);
      const [e, full] = (await compare(sides, c.writers, seconds)) as [Result, Result];
      const ratio = full.eventsPerSecond / e.eventsPerSecond;
      console.log(
        [
          c.label.padEnd(28),
          f(e.eventsPerSecond),
          f(e.p50, 2),
          f(full.eventsPerSecond),
          f(full.p50, 2),
          f(full.p99, 2),
          f(ratio, 2),
          `>= ${GROWTH_GOAL.toFixed(2)}`.padStart(10),
          verdict(ratio, GROWTH_GOAL),
        ].join(' '),
      );
      growthCases.push({
        case: c.label,
        emptyEventsPerSecond: Math.round(e.eventsPerSecond),
        fullEventsPerSecond: Math.round(full.eventsPerSecond),
        fullP99Ms: Number(full.p99.toFixed(2)),
        ratio: Number(ratio.toFixed(3)),
        goal: GROWTH_GOAL,
        met: ratio >= GROWTH_GOAL,
      });
    }
    growth = { logEvents: events, prefillSeconds: Math.round(fillSeconds), cases: growthCases };
    await empty.close();
  } else {
    console.log('\nGrowth: skipped (BENCH_EVENTS=<n> measures appends on a log pre-filled with n events)');
  }
  process.stdout.write(
    `${JSON.stringify({ postgres: version, secondsPerSide: seconds, eventIds: ids, cases, growth }, null, 2)}\n`,
  );
  await store.close();
} finally {
  await db.drop();
}
