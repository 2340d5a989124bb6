/**
 * Tracing overhead (issue 6 item 7): GraphQL requests/s with tracing on versus off, in the same run, against two
 * gateways (services/gateway main.ts as real processes) on one fresh server database seeded with a sample log.
 * - off: OTEL_SDK_DISABLED=true (the API's no-op tracer);
 * - on:  the SDK started as in production, with a BatchSpanProcessor exporting OTLP/HTTP to a sink in this
 *        process that answers 200 and drops the spans (so serialisation and sending are in the cost).
 * Rounds interleave off and on, and the ratio is the median of per-round ratios, so load elsewhere on a shared
 * machine hits both alike. Two operations: the incidents list (a query) and notifyIncident (a mutation: the
 * command, append and their spans too).
 *
 *   npx tsx infra/bench/tracing-bench.ts      (env: BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (10))
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { loadOrCreateDevSigningKey, mintDevToken } from '@cspr/gateway';
import { createMasterKeyWrapper, createPersonalDataVault, migratePersonalData } from '@cspr/personal-data';
import { createProjector, generateSampleLog } from '@cspr/projector';
import { migrateReadModels } from '@cspr/read-models';
import { createTestDatabase } from '@cspr/testing';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const GATEWAY_MAIN = fileURLToPath(new URL('../../services/gateway/src/main.ts', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createNetServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
  });

const waitFor = async (url: string) => {
  for (let i = 0; i < 600; i += 1) {
    if ((await fetch(url).catch(() => undefined))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
};

const startGateway = async (env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', GATEWAY_MAIN], {
    env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development', KAFKA_BROKERS: '', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`http://127.0.0.1:${port}/health`);
  return { url: `http://127.0.0.1:${port}/graphql`, child };
};

type Run = { requestsPerSecond: number; p99Ms: number; non2xx: number; errors: number };

const load = async (url: string, token: string, body: () => string): Promise<Run> => {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
};

const INCIDENTS =
  'query { incidents(first: 20) { totalCount edges { node { id status nature notifiedOn nextDueOn overdue } } } }';
const NOTIFY = 'mutation($input: NotifyIncidentInput!) { notifyIncident(input: $input) { __typename } }';
const notifyBody = () =>
  JSON.stringify({
    query: NOTIFY,
    variables: {
      input: {
        commandId: `bench-${randomUUID()}`,
        localAuthorityCode: 'E08000035',
        nature: 'SERIOUS_HARM',
        becameAwareOn: '2026-03-09',
        incidentOn: '2026-03-08',
        children: [
          {
            childRef: 'child-1',
            name: 'Bench Child',
            sex: 'FEMALE',
            ethnicity: 'WHITE',
            disability: 'NO',
            placement: 'AT_HOME',
            lookedAfter: false,
            childInNeedPlan: true,
            childProtectionPlan: false,
            knownToAgencies: 'YES',
          },
        ],
        notifier: { name: 'Bench', role: 'Head of service', email: 'bench@example.gov.uk' },
        location: 'Home',
        caseOutline: 'Outline.',
      },
    },
  });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const main = async () => {
  const db = await createTestDatabase({ maxConnections: 4 });
  const dataDir = await mkdtemp(join(tmpdir(), 'cspr-tracing-bench-'));
  const children: ChildProcess[] = [];
  let spansReceived = 0;
  const sink = createHttpServer((request, response) => {
    request.on('data', () => undefined);
    request.on('end', () => {
      spansReceived += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  try {
    await migrateEventStore(db.sql);
    await migratePersonalData(db.sql);
    await migrateReadModels(db.sql);
    const store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
    for (const { streamId, events } of generateSampleLog({ incidents: 300, seed: 11 }))
      await store.appendToStream(streamId, events);
    // The sample log's case names are not sealed here: nothing for this vault to open.
    const vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });
    const calendar = createEnglandAndWalesCalendar();
    await createProjector({ sql: db.sql, store, calendar, openPseudonyms: vault.open }).rebuild();
    await store.close();
    const key = await loadOrCreateDevSigningKey(dataDir);
    const panel = await mintDevToken(key, { role: 'panel', sub: 'bench-panel' });
    const leeds = await mintDevToken(key, { role: 'partnership', partnership: 'leeds', sub: 'bench-leeds' });

    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const sinkUrl = `http://127.0.0.1:${(sink.address() as { port: number }).port}`;
    const common = { DATABASE_URL: db.url, DATA_DIR: dataDir };
    const off = await startGateway({ ...common, OTEL_SDK_DISABLED: 'true' });
    children.push(off.child);
    const on = await startGateway({
      ...common,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${sinkUrl}/v1/traces`,
      OTEL_BSP_SCHEDULE_DELAY: '1000',
    });
    children.push(on.child);

    const targets = {
      query: { token: panel, body: () => JSON.stringify({ query: INCIDENTS }) },
      mutation: { token: leeds, body: notifyBody },
    } as const;
    const report: Record<string, unknown> = { seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS };
    for (const [name, target] of Object.entries(targets)) {
      await load(off.url, target.token, target.body);
      await load(on.url, target.token, target.body);
      const runs = { off: [] as Run[], on: [] as Run[] };
      for (let round = 0; round < ROUNDS; round += 1) {
        // Alternate which goes first, so neither always gets the warmer machine.
        const order = round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const);
        for (const which of order)
          runs[which].push(await load(which === 'off' ? off.url : on.url, target.token, target.body));
        process.stderr.write(
          `${name} round ${round + 1}: off ${runs.off.at(-1)!.requestsPerSecond}/s, on ${runs.on.at(-1)!.requestsPerSecond}/s\n`,
        );
      }
      const failures = [...runs.off, ...runs.on].reduce((sum, r) => sum + r.non2xx + r.errors, 0);
      report[name] = {
        offRequestsPerSecond: median(runs.off.map((r) => r.requestsPerSecond)),
        onRequestsPerSecond: median(runs.on.map((r) => r.requestsPerSecond)),
        onOffRatio: Number(
          median(runs.on.map((r, i) => r.requestsPerSecond / runs.off[i]!.requestsPerSecond)).toFixed(3),
        ),
        offP99Ms: median(runs.off.map((r) => r.p99Ms)),
        onP99Ms: median(runs.on.map((r) => r.p99Ms)),
        failures,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    report.otlpExportsReceived = spansReceived;
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (spansReceived === 0) {
      process.stderr.write('tracing-on gateway exported nothing: the comparison is not valid\n');
      process.exitCode = 1;
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined))),
      ),
    );
    sink.close();
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`tracing bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
