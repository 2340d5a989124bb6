/**
 * GraphQL load benchmark (issue 3 item 7, issue 19): autocannon against the gateway's `incidents` (with a Panel
 * token, so JWT verification, the read model query, deadlines for today and the connection are all in) and
 * `publishedReports` (public), on the PostgreSQL server with a few hundred seeded incidents; each as a ratio
 * against a bare Yoga server answering a constant, measured in the same run on the same machine.
 *
 * The gateway runs as in production: the allow-list of operations, introspection off, the rate limit counted in
 * PostgreSQL (BENCH_RATE_LIMIT a minute, high enough that the bench's one token is counted but never refused) and
 * the Panel's role from its access grant (the grants lookup), not from the token's claims. BENCH_PRODUCTION=0
 * measures the development setup instead (no limit, no allow-list, role from the claims).
 * Goals: issue 19's, printed case by case; the JSON's `met` keeps issue 3's 0.35x.
 *
 *   npx tsx infra/bench/graphql-bench.ts
 *   (env: BENCH_INCIDENTS (300), BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (10), BENCH_JIT=1 for
 *   graphql-jit, BENCH_PRODUCTION (1), BENCH_RATE_LIMIT (1 000 000), BENCH_PROFILE=<dir> to write a CPU profile
 *   of one slice per target there first; BENCH_ROUNDS=0 then skips the measured rounds;
 *   BENCH_EVENTS=<n> to measure `incidents` again on a read model as large as a log of n events leaves it;
 *   BENCH_SEQUENTIAL=<n> for each target's CPU per request over n requests made one at a time in-process)
 */
// First: graphql-js reads NODE_ENV when it is loaded.
import './production-node-env';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createSchema, createYoga } from 'graphql-yoga';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import type { LogPosition } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import {
  allowListFromDocuments,
  createDevTokenVerifier,
  createGateway,
  createGrantsLookup,
  grantsPrincipal,
  loadOrCreateDevSigningKey,
  mintDevToken,
  partnershipExists,
} from '@cspr/gateway';
import {
  createMasterKeyWrapper,
  createPersonalDataVault,
  createReadAudit,
  migratePersonalData,
} from '@cspr/personal-data';
import { createProjector } from '@cspr/projector';
import { migrateReadModels, waitForPosition } from '@cspr/read-models';
import { createLogger } from '@cspr/telemetry';
import { createTestDatabase } from '@cspr/testing';
import { registerDefaultPartnerships } from '@cspr/application';

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 300);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const GOAL = 0.35;
const PRODUCTION = process.env.BENCH_PRODUCTION !== '0';
const RATE_LIMIT = Number(process.env.BENCH_RATE_LIMIT ?? 1_000_000);
const PROFILE_DIR = process.env.BENCH_PROFILE;
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 0);
const EVENTS = process.env.BENCH_EVENTS ? Number(process.env.BENCH_EVENTS) : undefined;

// What the incidents list page asks for; the same with every deadline (the detail view's heavier shape) is
// measured too, to show what the result size costs. In production mode these three are the allow-list.
const incidentsQuery =
  'query { incidents(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { node { id partnershipId localAuthorityCode status nature notifiedOn nextDueOn overdue } } } }';
const incidentsDeadlinesQuery =
  'query { incidents(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status nature notifiedOn nextDueOn overdue children { ageBand sex } deadlines { kind dueOn workingDaysLeft overdue } } } } }';
const reportsQuery =
  'query { publishedReports(first: 20) { totalCount edges { node { reviewId caseName partnershipName publishedOn themes documents { kind title address } } } } }';

/**
 * `cpuUsPerRequest`: this process's CPU time (the server and autocannon's client) per answered request. On a shared
 * machine req/s follow the other load; CPU per request does not, so bare / target CPU is the steadier ratio.
 */
type Run = {
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  errors: number;
  non2xx: number;
  cpuUsPerRequest: number;
};

/** The slice with the median requests/s (its own p99 with it, so the pair stays one measurement). */
const median = (runs: Run[]): Run =>
  [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(runs.length / 2)]!;

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
};

const load = async (url: string, query: string, token?: string): Promise<Run> => {
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    cpuUsPerRequest: Math.round((cpu.user + cpu.system) / Math.max(1, result.requests.total)),
  };
};

/** One realistic mix: every incident notified, most with a rapid review, some answered, ~1 in 6 published. */
const seed = async (gateway: ReturnType<typeof createGateway>, clock: { set: (iso: string) => void }) => {
  const leeds = { userId: 'bench-leeds', role: 'partnership' as const, partnershipId: 'leeds' };
  const panel = { userId: 'bench-panel', role: 'panel' as const };
  let last: LogPosition | null = null;
  const run = async (command: Parameters<typeof gateway.commands.execute>[0], actor: typeof leeds | typeof panel) => {
    const result = await gateway.commands.execute(command, { actor });
    if (result.position) last = result.position;
  };
  for (let i = 0; i < INCIDENTS; i += 1) {
    clock.set('2026-03-10T09:30:00Z');
    const incidentId = randomUUID();
    await run(
      {
        type: 'NotifyIncident',
        data: {
          incidentId,
          partnershipId: 'leeds',
          localAuthorityCode: 'E08000035',
          nature: i % 3 === 0 ? 'child-death' : 'serious-harm',
          becameAwareOn: '2026-03-05',
          incidentOn: '2026-03-04',
          guidanceEdition: 'panel-guidance-2025',
          children: [
            {
              childRef: 'child-1',
              name: `Bench Child ${i}`,
              ageInYears: i % 17,
              sex: i % 2 ? 'male' : 'female',
              ethnicity: 'white',
              disability: 'no',
              placement: 'at-home',
              lookedAfter: false,
              childInNeedPlan: true,
              childProtectionPlan: i % 4 === 0,
              knownToAgencies: 'yes',
            },
          ],
          notifier: { name: 'Bench Notifier', role: 'Head of service', email: 'bench@leeds.gov.uk' },
          location: 'Home',
          caseOutline: 'Outline.',
        },
      },
      leeds,
    );
    if (i % 5 === 4) continue;
    await run(
      {
        type: 'SubmitRapidReview',
        data: {
          incidentId,
          parallelProcesses: [],
          agenciesInvolved: ['police'],
          localReviewDecision: 'local-review',
          localCriteria: {
            improvementsNeeded: true,
            recurrentThemes: false,
            multiAgencyConcerns: true,
            panelSuggested: false,
          },
          nationalCriteria: { improvementsNeeded: false, lawOrGuidanceChanges: false, recurrentThemes: false },
          signedOff: { localAuthority: true, integratedCareBoard: true, police: true },
          facts: 'F',
          agencySummaries: [],
          keyPracticeEpisodes: 'K',
          livedExperience: 'L',
          immediateActions: 'I',
          learningIdentified: 'L',
          decisionReasons: 'D',
          signatories: { localAuthority: 'a', integratedCareBoard: 'b', police: 'c' },
        },
      },
      leeds,
    );
    if (i % 6 !== 0) continue;
    await run({ type: 'RespondToRapidReview', data: { incidentId, outcome: 'agreed', comments: '' } }, panel);
    const reviewId = randomUUID();
    await run(
      {
        type: 'CommissionLocalReview',
        data: {
          reviewId,
          partnershipId: 'leeds',
          incidentIds: [incidentId],
          guidanceEdition: 'panel-guidance-2025',
          caseName: `Child ${i}`,
        },
      },
      leeds,
    );
    await run({ type: 'AppointReviewer', data: { reviewId, reviewerName: 'Reviewer' } }, leeds);
    await run({ type: 'SubmitFinalReport', data: { reviewId, recipients: ['panel', 'dfe'] } }, leeds);
    clock.set('2026-04-01T10:00:00Z');
    await run(
      {
        type: 'PublishReport',
        data: {
          reviewId,
          publishedOn: '2026-04-01',
          publication: 'full-report',
          summary: `Learning from the review of Child ${i}.`,
          learningThemes: ['neglect', 'information sharing'],
          recommendations: ['R1'],
          keywords: ['k'],
          reviewModel: 'lcspr',
          documents: [
            {
              kind: 'overview-report',
              title: `Child ${i} overview report`,
              address: `https://leeds.example/child-${i}.pdf`,
              checksum: 'a'.repeat(64),
            },
          ],
        },
      },
      leeds,
    );
  }
  return last;
};

/**
 * Growth (BENCH_EVENTS): the incidents read model as a log of that many events leaves it, made by copying the
 * seeded rows (as the projector wrote them) under new ids and earlier notification times, as many times as the
 * seed's own events per incident say; then `incidents` is measured again, interleaved with the bare server, and
 * compared with the small table's rounds. Goal: within 10% of the small table's req/s and p99.
 */
const measureGrowth = async (
  sql: Awaited<ReturnType<typeof createTestDatabase>>['sql'],
  events: number,
  small: Record<'bare' | 'incidents', Run[]>,
  slice: () => { bare: Promise<Run>; incidents: Promise<Run> },
) => {
  const [seeded] = await sql<{ events: number; incidents: number }[]>`
    select (select count(*) from event_store.events)::int as events,
           (select count(*) from read_models.incidents)::int as incidents`;
  const copies = Math.max(0, Math.ceil(events / seeded!.events) - 1);
  const started = performance.now();
  const columns = (
    await sql<{ name: string }[]>`
      select column_name as name from information_schema.columns
      where table_schema = 'read_models' and table_name = 'incidents' order by ordinal_position`
  ).map((c) => c.name);
  // Copy g of a row: a new id and reference, notified g days earlier (so the newest page stays the seed's own).
  const copied = (column: string) =>
    column === 'incident_id'
      ? `incident_id || '-' || g`
      : column === 'reference'
        ? `reference || '-' || g`
        : column === 'notified_at'
          ? `to_char((notified_at::timestamptz - make_interval(days => g)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
          : column;
  // In chunks, so one statement never holds the whole growth in memory.
  for (let from = 1; from <= copies; from += 200) {
    await sql.unsafe(`
      insert into read_models.incidents (${columns.join(', ')})
      select ${columns.map(copied).join(', ')}
      from read_models.incidents, generate_series(${from}, ${Math.min(copies, from + 199)}) g
      where length(incident_id) = 36 -- the seeded rows (UUIDs), never earlier copies`);
  }
  await sql`vacuum analyze read_models.incidents`;
  const [{ rows }] = await sql<[{ rows: number }]>`select count(*)::int as rows from read_models.incidents`;
  process.stderr.write(
    `grown to ${rows} incidents (${seeded!.incidents} seeded x ${copies + 1}, ~${events} events) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  const grown: Record<'bare' | 'incidents', Run[]> = { bare: [], incidents: [] };
  for (let round = 0; round < small.bare.length; round += 1) {
    const next = slice();
    grown.bare.push(await next.bare);
    grown.incidents.push(await next.incidents);
    process.stderr.write(
      `grown round ${round + 1}: bare ${grown.bare.at(-1)!.requestsPerSecond}/s, incidents ${grown.incidents.at(-1)!.requestsPerSecond}/s\n`,
    );
  }
  const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ratioOf = (runs: Record<'bare' | 'incidents', Run[]>) =>
    medianOf(runs.incidents.map((r, i) => r.requestsPerSecond / runs.bare[i]!.requestsPerSecond));
  const smallRun = median(small.incidents);
  const grownRun = median(grown.incidents);
  const throughput = ratioOf(grown) / ratioOf(small);
  const p99 = smallRun.p99Ms / Math.max(grownRun.p99Ms, 1);
  const line = (what: string, run: Run, ratio: number) =>
    `  ${what.padEnd(28)} ${String(run.requestsPerSecond).padStart(6)}/s (${ratio.toFixed(3)}x bare)  p50 ${run.p50Ms} ms  p99 ${run.p99Ms} ms  CPU ${run.cpuUsPerRequest} µs/request\n`;
  process.stdout.write(`growth: incidents on ${rows} rows against ${seeded!.incidents}\n`);
  process.stdout.write(line(`small (${seeded!.incidents} rows)`, smallRun, ratioOf(small)));
  process.stdout.write(line(`grown (${rows} rows)`, grownRun, ratioOf(grown)));
  process.stdout.write(
    `  ${'grown / small'.padEnd(28)} req/s ${throughput.toFixed(3)}x, p99 ${p99.toFixed(3)}x  goal >= 0.9x  ${throughput >= 0.9 && p99 >= 0.9 ? 'met' : 'NOT met'}\n`,
  );
};

const main = async () => {
  const db = await createTestDatabase({ maxConnections: 10 });
  const dataDir = await mkdtemp(join(tmpdir(), 'cspr-bench-'));
  const servers: Server[] = [];
  try {
    await migrateEventStore(db.sql);
    await migratePersonalData(db.sql);
    await migrateReadModels(db.sql);
    const store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
    const vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });
    const key = await loadOrCreateDevSigningKey(dataDir);
    let now = new Date('2026-03-10T09:30:00Z');
    const clock = {
      now: () => now,
      set: (iso: string) => {
        now = new Date(iso);
      },
    };
    const calendar = createEnglandAndWalesCalendar();
    const gateway = createGateway({
      sql: db.sql,
      store,
      vault,
      calendar,
      audit: createReadAudit(db.sql),
      // As composeGateway wires it: the role from the access grants (cached per subject), partnerships checked.
      auth: await createDevTokenVerifier(
        key,
        PRODUCTION
          ? { principalOf: grantsPrincipal(createGrantsLookup(db.sql)), partnershipExists: partnershipExists(db.sql) }
          : {},
      ),
      logger: createLogger({ service: 'bench', level: process.env.LOG_LEVEL ?? 'silent' }),
      production: PRODUCTION,
      ...(PRODUCTION
        ? {
            hardening: {
              rateLimitPerMinute: RATE_LIMIT,
              allowedOperations: allowListFromDocuments([incidentsQuery, incidentsDeadlinesQuery, reportsQuery]),
            },
          }
        : {}),
      clock: clock.now,
      jit: process.env.BENCH_JIT === '1',
    });
    await registerDefaultPartnerships(gateway.commands);
    const projector = createProjector({ openPseudonyms: vault.open, sql: db.sql, store, calendar });
    await projector.start();

    const seedStarted = performance.now();
    // The Panel reader's grant, as an admin gives it (production mode reads the role from it).
    await gateway.commands.execute(
      { type: 'GrantAccess', data: { subject: 'bench-panel', role: 'panel', email: 'panel@bench.example' } },
      { actor: { userId: 'bench-admin', role: 'admin' } },
    );
    const last = await seed(gateway, clock);
    if (last && !(await waitForPosition(db.sql, last, 60_000)))
      throw new Error('projector did not catch up with the seed');
    const [counts] = await db.sql<{ incidents: number; published: number }[]>`
      select (select count(*) from read_models.incidents)::int as incidents,
             (select count(*) from read_models.published_reports where published_on is not null)::int as published`;
    process.stderr.write(
      `seeded ${counts!.incidents} incidents, ${counts!.published} published reports in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s\n`,
    );

    const gatewayServer = createServer(gateway.yoga);
    servers.push(gatewayServer);
    const gatewayUrl = await listen(gatewayServer);
    const bare = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { hello: String! }',
        resolvers: { Query: { hello: () => 'world' } },
      }),
      logging: false,
    });
    const bareServer = createServer(bare);
    servers.push(bareServer);
    const bareUrl = await listen(bareServer);
    const panelToken = await mintDevToken(key, { role: 'panel', sub: 'bench-panel' });

    // Check each answers correctly before loading it.
    for (const [query, token] of [
      [incidentsQuery, panelToken],
      [incidentsDeadlinesQuery, panelToken],
      [reportsQuery, undefined],
    ] as const) {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { errors?: unknown; data?: Record<string, { totalCount: number }> };
      if (body.errors || !body.data) throw new Error(`bench query failed: ${JSON.stringify(body.errors)}`);
      process.stderr.write(`${Object.keys(body.data)[0]}: totalCount ${Object.values(body.data)[0]!.totalCount}\n`);
    }

    // The machine is shared: targets run in interleaved slices and each keeps its median slice, so a burst of
    // load elsewhere hits all three alike instead of skewing one.
    process.stderr.write(
      `warm-up, then ${ROUNDS} rounds of ${SECONDS} s x ${CONNECTIONS} connections per target, interleaved\n`,
    );
    await load(bareUrl, '{ hello }');
    await load(gatewayUrl, incidentsQuery, panelToken);
    if (PROFILE_DIR) {
      // One slice per target under V8's sampling profiler (autocannon's own work is in the same process: its
      // frames are in the autocannon and hdr-histogram packages). Open the files in Chrome DevTools or speedscope.
      await mkdir(PROFILE_DIR, { recursive: true });
      const session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      for (const [name, url, query, token] of [
        ['bare', bareUrl, '{ hello }', undefined],
        ['incidents', gatewayUrl, incidentsQuery, panelToken],
        ['deadlines', gatewayUrl, incidentsDeadlinesQuery, panelToken],
        ['reports', gatewayUrl, reportsQuery, undefined],
      ] as const) {
        await session.post('Profiler.start');
        const run = await load(url, query, token);
        const { profile } = await session.post('Profiler.stop');
        await writeFile(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
        process.stderr.write(`profiled ${name}: ${run.requestsPerSecond}/s -> ${PROFILE_DIR}/${name}.cpuprofile\n`);
      }
      session.disconnect();
    }
    if (SEQUENTIAL > 0) {
      // One request at a time through yoga.fetch (no HTTP, no client, no rate limit: it keys on the socket): the
      // gateway's own CPU per request, steady even when the machine is loaded.
      const cpuPerRequest = async (
        fetchOne: (init: RequestInit) => Promise<Response>,
        query: string,
        token?: string,
      ) => {
        const init = {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query }),
        };
        for (let i = 0; i < SEQUENTIAL / 4; i += 1) await (await fetchOne(init)).text();
        const before = process.cpuUsage();
        for (let i = 0; i < SEQUENTIAL; i += 1) await (await fetchOne(init)).text();
        const cpu = process.cpuUsage(before);
        return Math.round((cpu.user + cpu.system) / SEQUENTIAL);
      };
      const viaGateway = (init: RequestInit) => Promise.resolve(gateway.yoga.fetch('http://bench/graphql', init));
      const viaBare = (init: RequestInit) => Promise.resolve(bare.fetch('http://bench/graphql', init));
      const figures = {
        bare: await cpuPerRequest(viaBare, '{ hello }'),
        incidents: await cpuPerRequest(viaGateway, incidentsQuery, panelToken),
        deadlines: await cpuPerRequest(viaGateway, incidentsDeadlinesQuery, panelToken),
        reports: await cpuPerRequest(viaGateway, reportsQuery),
      };
      process.stdout.write(
        `sequential CPU per request (µs): bare ${figures.bare}, incidents ${figures.incidents}, with deadlines ${figures.deadlines}, publishedReports ${figures.reports}\n`,
      );
    }
    if (ROUNDS === 0) {
      await projector.stop();
      await store.close();
      return;
    }
    const runs: Record<'bare' | 'incidents' | 'deadlines' | 'reports', Run[]> = {
      bare: [],
      incidents: [],
      deadlines: [],
      reports: [],
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      runs.bare.push(await load(bareUrl, '{ hello }'));
      runs.incidents.push(await load(gatewayUrl, incidentsQuery, panelToken));
      runs.deadlines.push(await load(gatewayUrl, incidentsDeadlinesQuery, panelToken));
      runs.reports.push(await load(gatewayUrl, reportsQuery));
      process.stderr.write(
        `round ${round + 1}: bare ${runs.bare.at(-1)!.requestsPerSecond}/s, incidents ${runs.incidents.at(-1)!.requestsPerSecond}/s, with deadlines ${runs.deadlines.at(-1)!.requestsPerSecond}/s, publishedReports ${runs.reports.at(-1)!.requestsPerSecond}/s\n`,
      );
    }
    const bareRun = median(runs.bare);
    const incidentsRun = median(runs.incidents);
    const deadlinesRun = median(runs.deadlines);
    const reportsRun = median(runs.reports);
    // Ratios per round (the slices of one round are seconds apart), then the median round: drift in the machine's
    // load between rounds cancels out instead of landing on one target.
    const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = (run: Run, target: 'incidents' | 'deadlines' | 'reports') => ({
      ...run,
      requestsPerSecondRatio: Number(
        medianOf(runs[target].map((r, i) => r.requestsPerSecond / runs.bare[i]!.requestsPerSecond)).toFixed(3),
      ),
      cpuRatio: Number(
        medianOf(runs[target].map((r, i) => runs.bare[i]!.cpuUsPerRequest / r.cpuUsPerRequest)).toFixed(3),
      ),
      p99Ratio: Number(medianOf(runs[target].map((r, i) => runs.bare[i]!.p99Ms / Math.max(r.p99Ms, 1))).toFixed(3)),
    });
    const report = {
      mode: PRODUCTION ? `production (allow-list, rate limit ${RATE_LIMIT}/min in PostgreSQL, grants)` : 'development',
      seconds: SECONDS,
      connections: CONNECTIONS,
      seeded: counts,
      bareYoga: bareRun,
      incidents: ratio(incidentsRun, 'incidents'),
      incidentsWithDeadlines: ratio(deadlinesRun, 'deadlines'),
      publishedReports: ratio(reportsRun, 'reports'),
      goal: GOAL,
      met: false,
    };
    report.met =
      report.incidents.requestsPerSecondRatio >= GOAL && report.publishedReports.requestsPerSecondRatio >= GOAL;
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    // Issue 19's goals, case by case (the JSON's single \`met\` keeps the older, lower bar for comparison).
    const verdicts: [string, number, string, boolean][] = [
      [
        'incidents (Panel token)',
        report.incidents.requestsPerSecondRatio,
        '>= 0.5x',
        report.incidents.requestsPerSecondRatio >= 0.5,
      ],
      ['incidents p99', report.incidents.p99Ms, '<= 10 ms', report.incidents.p99Ms <= 10],
      [
        'incidents with deadlines',
        report.incidentsWithDeadlines.requestsPerSecondRatio,
        '>= 0.5x',
        report.incidentsWithDeadlines.requestsPerSecondRatio >= 0.5,
      ],
      [
        'publishedReports (public)',
        report.publishedReports.requestsPerSecondRatio,
        '>= 0.6x',
        report.publishedReports.requestsPerSecondRatio >= 0.6,
      ],
    ];
    for (const [what, value, goal, ok] of verdicts)
      process.stdout.write(
        `  ${what.padEnd(28)} ${String(value).padStart(8)}  goal ${goal.padEnd(9)} ${ok ? 'met' : 'NOT met'}\n`,
      );
    process.stdout.write(
      `  CPU per request (bare ${bareRun.cpuUsPerRequest} µs): incidents ${report.incidents.cpuUsPerRequest} µs (${report.incidents.cpuRatio}x), with deadlines ${report.incidentsWithDeadlines.cpuUsPerRequest} µs (${report.incidentsWithDeadlines.cpuRatio}x), publishedReports ${report.publishedReports.cpuUsPerRequest} µs (${report.publishedReports.cpuRatio}x)\n`,
    );
    if (EVENTS)
      await measureGrowth(db.sql, EVENTS, runs, () => ({
        bare: load(bareUrl, '{ hello }'),
        incidents: load(gatewayUrl, incidentsQuery, panelToken),
      }));
    await projector.stop();
    await store.close();
    if (!report.met) process.exitCode = 1;
  } finally {
    // Keep-alive connections would hold requests against a dropped database: close them first.
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`graphql bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
