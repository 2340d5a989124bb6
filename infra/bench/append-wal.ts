/**
 * WAL written per append, by event-id shape (issue 19): why appends slow down as the log grows.
 *
 *   BENCH_EVENTS=1000000 npx tsx infra/bench/append-wal.ts     (env: BENCH_WAL_COMPRESSION=lz4 or another value of
 *                                                                wal_compression, for its session; TEST_DATABASE_ADMIN_URL)
 *
 * Pre-fills the store's table with BENCH_EVENTS events of random (v4) ids, as append-bench.ts does, then, after a
 * CHECKPOINT, inserts batches of 100 and single events with random ids and with time-ordered (v7-shaped) ids, and
 * reads each insert's own WAL records, full-page images and bytes from EXPLAIN (ANALYZE, WAL): unlike pg_stat_wal,
 * this is not disturbed by other work on the server. A full-page image is written the first time a page changes
 * after a checkpoint; random keys touch a new page of the unique event-id index on almost every insert.
 */
import { createTestDatabase } from '@cspr/testing';
import { migrateEventStore } from '@cspr/event-store/postgres';

const fill = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const db = await createTestDatabase({ maxConnections: 2 });
try {
  const { sql } = db;
  await migrateEventStore(sql);
  // A v7-shaped id from the clock: 48 bits of milliseconds, then the random bits of a v4 with its version set to 7.
  await sql`create function uuid_v7() returns uuid language sql volatile as $$
    select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
      placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6),
      52, 1), 53, 1), 'hex')::uuid $$`;
  const started = performance.now();
  await sql`alter table event_store.events drop constraint events_event_id_key`;
  await sql`alter table event_store.events drop constraint events_stream_revision_key`;
  for (let from = 0; from < fill; from += 100_000) {
    await sql`insert into event_store.events (event_id, stream_id, stream_revision, type, data, metadata)
      select gen_random_uuid(), 'fill-' || (g / 10), g % 10, 'IncidentNotified',
        jsonb_build_object('incidentId', gen_random_uuid(), 'i', g), jsonb_build_object('correlationId', gen_random_uuid())
      from generate_series(${from}::int, ${Math.min(fill, from + 100_000) - 1}::int) as g`;
  }
  await sql`alter table event_store.events add constraint events_event_id_key unique (event_id)`;
  await sql`alter table event_store.events add constraint events_stream_revision_key unique (stream_id, stream_revision)`;
  await sql`vacuum (analyze) event_store.events`;
  const sizes = await sql`select c.relname as name, pg_relation_size(c.oid) / 8192 as pages from pg_class c
    join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'event_store' order by 1`;
  console.log(`${fill} events pre-filled in ${((performance.now() - started) / 1000).toFixed(0)}s; pages:`);
  for (const s of sizes) console.log(`  ${String(s.name).padEnd(32)} ${s.pages}`);

  type Wal = { records: number; fpi: number; bytes: number };
  // One connection, so that a session setting holds for every insert measured.
  const session = await sql.reserve();
  const compression = process.env.BENCH_WAL_COMPRESSION;
  if (compression) await session`select set_config('wal_compression', ${compression}, false)`;
  const insert = async (id: 'gen_random_uuid()' | 'uuid_v7()', stream: string, rows: number): Promise<Wal> => {
    const [row] = await session.unsafe(`explain (analyze, wal, format json)
      insert into event_store.events (event_id, stream_id, stream_revision, type, data, metadata)
      select ${id}, '${stream}', g, 'IncidentNotified', jsonb_build_object('incidentId', gen_random_uuid(), 'i', g),
        jsonb_build_object('correlationId', gen_random_uuid())
      from generate_series(0, ${rows - 1}) as g`);
    const plan = (row!['QUERY PLAN'] as [{ Plan: Record<string, number> }])[0].Plan;
    return { records: plan['WAL Records']!, fpi: plan['WAL FPI']!, bytes: plan['WAL Bytes']! };
  };
  console.log(`\nper append, after a CHECKPOINT; mean over the appends; wal_compression ${compression ?? 'off'}`);
  console.log(['ids', 'events', 'appends', 'WAL records', 'WAL FPI', 'WAL kB'].map((h) => h.padStart(12)).join(''));
  for (const round of [1, 2]) {
    for (const [label, id] of [
      ['random', 'gen_random_uuid()'],
      ['v7', 'uuid_v7()'],
    ] as const) {
      for (const [rows, appends] of [
        [100, 40],
        [1, 400],
      ] as const) {
        await session`checkpoint`;
        const total: Wal = { records: 0, fpi: 0, bytes: 0 };
        for (let k = 0; k < appends; k += 1) {
          const wal = await insert(id, `diag-${round}-${label}-${rows}-${k}`, rows);
          total.records += wal.records;
          total.fpi += wal.fpi;
          total.bytes += wal.bytes;
        }
        console.log(
          [label, rows, appends, total.records / appends, total.fpi / appends, total.bytes / appends / 1024]
            .map((v) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : String(v)).padStart(12))
            .join(''),
        );
      }
    }
  }
  session.release();
} finally {
  await db.drop();
}
