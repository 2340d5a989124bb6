/**
 * Rebuild benchmark (issue 3 item 7): a projection rebuild of BENCH_EVENTS generated events (default 1,000,000)
 * against a plain ordered read of the same events through the same store, same database, same run, so the ratio
 * cancels out the machine. Goals (issue 19): rebuild >= 0.5x the plain read, and as fast at the end as at the start
 * (events/s at 90% >= 0.9x that at 10%); peak memory is reported. The rebuild fills new tables and swaps them in
 * (read-models rebuild-tables.ts): its time includes building their indexes, analysing them and the swap, also
 * reported on their own (indexAndSwapSeconds).
 *
 *   npx tsx infra/bench/rebuild-bench.ts      (env: BENCH_EVENTS, BENCH_BATCH (default 5000), TEST_DATABASE_ADMIN_URL)
 *
 * The log is realistic (services/projector sample-log: notifications, amendments, rapid reviews, Panel responses,
 * reviews to publication, erasures) and written straight into a fresh server database with multi-row INSERTs of
 * 5,000 events per transaction into the store's own table, which is what years of appends leave behind.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createTestDatabase } from '@cspr/testing';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { LOG_START } from '@cspr/event-store';
import { createMasterKeyWrapper, createPersonalDataVault, migratePersonalData } from '@cspr/personal-data';
import { createProgressBar, createProjector, generateSampleLog, sealPseudonyms } from '@cspr/projector';

const target = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const batchSize = Number(process.env.BENCH_BATCH ?? 5000);
const INSERT_CHUNK = 5000;

/**
 * CPU seconds spent by this process and by the database's server processes (Linux /proc; null elsewhere). On a
 * machine shared with other work, wall-clock rates swing with the load; CPU spent per event does not.
 */
const cpuMeter = (sql: Awaited<ReturnType<typeof createTestDatabase>>['sql']) => {
  const serverSeconds = async (): Promise<number | null> => {
    const backends = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database()`;
    try {
      let ticks = 0;
      for (const { pid } of backends) {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks += Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100 a second)
      }
      return ticks / 100;
    } catch {
      return null;
    }
  };
  return async () => {
    const node = process.cpuUsage();
    const server = await serverSeconds();
    return async () => {
      const used = process.cpuUsage(node);
      const serverNow = await serverSeconds();
      return {
        node: Number(((used.user + used.system) / 1e6).toFixed(1)),
        postgres: server === null || serverNow === null ? null : Number((serverNow - server).toFixed(1)),
      };
    };
  };
};

const main = async () => {
  const db = await createTestDatabase();
  try {
    await migrateEventStore(db.sql);
    await migratePersonalData(db.sql);
    const store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
    // Case names are sealed under each review's key, as the write path seals them; the rebuild opens them.
    const vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });

    // 1. Generate and load the log.
    const loadStarted = performance.now();
    let pending: Record<string, unknown>[] = [];
    let written = 0;
    const flush = async () => {
      if (pending.length === 0) return;
      await db.sql`
        insert into event_store.events (event_id, stream_id, stream_revision, type, data, metadata, recorded_at)
        select event_id, stream_id, stream_revision, type, data, metadata, recorded_at
        from jsonb_to_recordset(${JSON.stringify(pending)}::text::jsonb)
          as x(event_id uuid, stream_id text, stream_revision bigint, type text, data jsonb, metadata jsonb, recorded_at timestamptz)`;
      written += pending.length;
      pending = [];
      process.stderr.write(`\rloading ${written.toLocaleString('en-GB')} events`);
    };
    // About 9 events per incident: generate incidents until the target is reached.
    for (const generated of generateSampleLog({ incidents: Math.ceil(target / 4), seed: 2026 })) {
      const append = await sealPseudonyms(generated, vault.seal);
      append.events.forEach((event, revision) => {
        pending.push({
          ...event,
          stream_id: append.streamId,
          stream_revision: revision,
          event_id: event.eventId,
          recorded_at: event.metadata.occurredAt,
        });
      });
      if (pending.length >= INSERT_CHUNK) await flush();
      if (written + pending.length >= target) break;
    }
    await flush();
    await db.sql`analyze event_store.events`;
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    process.stderr.write(`\nloaded ${written.toLocaleString('en-GB')} events in ${loadSeconds.toFixed(1)} s\n`);

    // 2. Plain ordered read of the whole log through the store, in the rebuild's batch size.
    const startCpu = cpuMeter(db.sql);
    const readCpu = await startCpu();
    const readStarted = performance.now();
    let read = 0;
    for (let after = LOG_START; ;) {
      const batch = await store.readAll({ after, maxCount: batchSize });
      const last = batch.at(-1);
      if (!last) break;
      read += batch.length;
      after = last.position;
    }
    const readSeconds = (performance.now() - readStarted) / 1000;
    const readCpuSeconds = await readCpu();
    const readRate = read / readSeconds;
    process.stderr.write(
      `plain ordered read: ${read.toLocaleString('en-GB')} events in ${readSeconds.toFixed(1)} s = ${Math.round(readRate).toLocaleString('en-GB')} events/s\n`,
    );

    // 3. Projection rebuild of every read model.
    const projector = createProjector({
      sql: db.sql,
      store,
      calendar: createEnglandAndWalesCalendar(),
      openPseudonyms: vault.open,
      rebuildBatchSize: batchSize,
      countEvents: async () => written,
    });
    const bar = createProgressBar();
    const rebuildCpu = await startCpu();
    // Rate over a window around 10%, 50% and 90% of the run (not the running average, which hides a decay).
    const samples: { done: number; seconds: number; rss: number }[] = [];
    let peakRss = process.memoryUsage().rss;
    const rssBefore = peakRss;
    const memoryTimer = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 200);
    const result = await projector.rebuild({
      onProgress: (progress) => {
        samples.push({ done: progress.done, seconds: progress.elapsedSeconds, rss: process.memoryUsage().rss });
        bar.update(progress);
      },
    });
    clearInterval(memoryTimer);
    const rebuildCpuSeconds = await rebuildCpu();
    const rateAt = (share: number) => {
      const from = samples.find((s) => s.done >= written * (share - 0.05));
      const to = samples.find((s) => s.done >= written * (share + 0.05));
      return from && to && to.seconds > from.seconds
        ? Math.round((to.done - from.done) / (to.seconds - from.seconds))
        : null;
    };
    const rates = { at10: rateAt(0.1), at50: rateAt(0.5), at90: rateAt(0.9) };
    // Peak memory flat: the highest RSS seen up to 10%, 50% and 90% of the replay (a leak or a growing cache climbs).
    const peakUpTo = (share: number) =>
      Math.round(Math.max(rssBefore, ...samples.filter((s) => s.done <= written * share).map((s) => s.rss)) / 2 ** 20);
    const peakRssMbAt = { at10: peakUpTo(0.1), at50: peakUpTo(0.5), at90: peakUpTo(0.9) };
    const memoryGrowth = peakRssMbAt.at90 / peakRssMbAt.at10;
    const flatness = rates.at10 && rates.at90 ? rates.at90 / rates.at10 : null;
    bar.finish({
      done: result.events,
      total: written,
      eventsPerSecond: result.eventsPerSecond,
      elapsedSeconds: result.seconds,
    });
    const counts = await db.sql`
      select (select count(*) from read_models.incidents)::int as incidents, (select count(*) from read_models.reviews)::int as reviews,
        (select count(*) from read_models.published_reports where published_on is not null)::int as published, (select count(*) from read_models.dead_letters)::int as dead_letters`;
    const ratio = result.eventsPerSecond / readRate;
    const report = {
      events: written,
      batchSize,
      plainReadEventsPerSecond: Math.round(readRate),
      rebuildEventsPerSecond: Math.round(result.eventsPerSecond),
      rebuildSeconds: Number(result.seconds.toFixed(1)),
      indexAndSwapSeconds: Number((result.seconds - (samples.at(-1)?.seconds ?? 0)).toFixed(1)),
      ratio: Number(ratio.toFixed(3)),
      goal: 0.5,
      met: ratio >= 0.5,
      eventsPerSecondAt: rates,
      endVsStart: flatness === null ? null : Number(flatness.toFixed(2)),
      endVsStartGoal: 0.9,
      endVsStartMet: flatness !== null && flatness >= 0.9,
      peakRssMb: Math.round(peakRss / 2 ** 20),
      peakRssMbAt,
      peakAt90VsAt10: Number(memoryGrowth.toFixed(2)),
      peakAt90VsAt10Goal: 1.1,
      memoryFlatMet: memoryGrowth <= 1.1,
      rssRiseMb: Math.round((peakRss - rssBefore) / 2 ** 20),
      // CPU per event, rebuild over plain read (node and PostgreSQL together): the load-independent view of `ratio`.
      cpuSeconds: { plainRead: readCpuSeconds, rebuild: rebuildCpuSeconds },
      cpuPerEventVsPlainRead:
        readCpuSeconds.postgres === null || rebuildCpuSeconds.postgres === null
          ? null
          : Number(
              (
                (rebuildCpuSeconds.node + rebuildCpuSeconds.postgres) /
                (readCpuSeconds.node + readCpuSeconds.postgres)
              ).toFixed(2),
            ),
      readModels: counts[0],
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    await store.close();
    process.stdout.write(
      `rebuild ${report.ratio}x the plain read (goal >= ${report.goal}x): ${report.met ? 'met' : 'NOT met'}; ` +
        `events/s at 10/50/90%: ${rates.at10}/${rates.at50}/${rates.at90}, end vs start ${report.endVsStart} (goal >= 0.9): ` +
        `${report.endVsStartMet ? 'met' : 'NOT met'}; peak RSS ${report.peakRssMb} MB ` +
        `(up to 10/50/90%: ${peakRssMbAt.at10}/${peakRssMbAt.at50}/${peakRssMbAt.at90}, 90% vs 10% ${report.peakAt90VsAt10}, ` +
        `goal <= 1.1: ${report.memoryFlatMet ? 'met' : 'NOT met'}); ` +
        `CPU per event ${report.cpuPerEventVsPlainRead}x the plain read's\n`,
    );
    if (!report.met) process.exitCode = 1;
  } finally {
    await db.drop();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`rebuild bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
