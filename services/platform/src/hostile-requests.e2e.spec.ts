/**
 * No request may stop a process (issue 15, item 1). Random methods, paths (bad percent-encoding included), headers
 * (huge ones included) and bodies (bad JSON, wrong content types) are thrown over raw sockets at every HTTP entry
 * point: the platform's one server (pages, /graphql, /health, /ready, /documents, open data, the development
 * mailbox) and the health ports of the projector, relay and notifier run as their own services. Each request must
 * get an answer other than a 5xx (a readiness probe may say 503), and afterwards every server still answers a
 * normal request.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer as createNetServer, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNotifierConfig } from '@cspr/config';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createMasterKeyWrapper, createPersonalDataVault, migratePersonalData } from '@cspr/personal-data';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { createChannel, createNotifier, createNotifierHealthServer, migrateNotifier } from '@cspr/notifier';
import { createHealthServer, createProjector, type Projector } from '@cspr/projector';
import { migrateReadModels } from '@cspr/read-models';
import { createRelay, createRelayHealthServer, migrateRelay } from '@cspr/relay';
import { createLogger } from '@cspr/telemetry';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { startPlatform, type StartedPlatform } from './platform';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createNetServer().listen(0, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

type RawRequest = { method: string; path: string; headers: [string, string][]; body: string };

/**
 * Writes the request byte for byte (no client library tidies the path or refuses a method) and reads the status
 * line of the answer; 0 when the server closed the connection without answering.
 */
const send = (port: number, request: RawRequest) =>
  new Promise<number>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(15_000, () => socket.destroy());
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
      if (status) {
        resolve(Number(status[1]));
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(0));
    const headers = [
      ['host', '127.0.0.1'],
      ['connection', 'close'],
      ...request.headers,
      ['content-length', String(Buffer.byteLength(request.body))],
    ];
    // write, not end: a half-closed socket lets the server drop a request whose answer is still being prepared.
    socket.write(
      `${request.method} ${request.path} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${request.body}`,
    );
  });

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'FOO', 'G\tET'];
const BAD_SEGMENTS = ['%ff', '%', '%zz', '%c0%af', '%00', '..%2f..%2fetc%2fpasswd', '%E2%82', '~', '%25', '//x'];
const CONTENT_TYPES = [
  'application/json',
  'application/graphql-response+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'multipart/form-data',
  'text/plain',
  'application/octet-stream',
  'application/json; charset=utf-99',
  ';;;',
];
const BODIES = [
  '',
  '{',
  'null',
  '[]',
  '{"query":5}',
  '{"query":"{","variables":"x"}',
  '{"query":"query { __typename }","variables":[1]}',
  '{"query":"mutation { notifyIncident(input: {}) { __typename } }"}',
  '{"query":"{ incident(id: \\"%ff\\") { __typename } }"}',
  'query=%ff&variables=%',
  '------x\r\nContent-Disposition: form-data; name="file"; filename="%ff.pdf"\r\n\r\nabc\r\n------x--\r\n',
  '_csrf=x&reason=%',
];

/** A value without line breaks (a header value the HTTP parser would refuse anyway is also thrown at it). */
const headerValue = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, '')),
  fc.constantFrom('Bearer %ff', 'Bearer ', 'Basic =', 'x'.repeat(20_000), 'a=b; a=%ff; session=..', '\u0000'),
);

const hostileRequest = (paths: readonly string[]) =>
  fc.record({
    method: fc.oneof(fc.constantFrom(...METHODS), fc.stringMatching(/^[A-Z]{1,12}$/)),
    path: fc
      .tuple(
        fc.constantFrom(...paths),
        fc.array(fc.oneof(fc.constantFrom(...BAD_SEGMENTS), fc.webSegment()), { maxLength: 3 }),
        fc.option(
          fc.oneof(fc.constantFrom('%ff', 'query=%', 'a=%ff&a[]=1', 'x'.repeat(9000)), fc.webQueryParameters()),
        ),
      )
      .map(
        ([base, segments, query]) =>
          `${[base, ...segments].join('/').replace(/\/\/+/g, '/')}${query === null ? '' : `?${query}`}`,
      ),
    headers: fc.array(
      fc.oneof(
        fc.tuple(fc.constant('content-type'), fc.constantFrom(...CONTENT_TYPES)),
        fc.tuple(
          fc.constantFrom(
            'content-type',
            'authorization',
            'cookie',
            'x-request-id',
            'accept',
            'origin',
            'x-forwarded-for',
          ),
          headerValue,
        ),
      ),
      { maxLength: 4 },
    ),
    body: fc.oneof(fc.constantFrom(...BODIES), fc.string({ maxLength: 300 }), fc.json({ maxDepth: 3 })),
  });

/** A readiness probe may answer 503 (not ready is an answer); nothing else may answer 5xx or hang up. */
const acceptable = (request: RawRequest, status: number) =>
  status > 0 && (status < 500 || (status === 503 && request.path.split('?')[0]!.startsWith('/ready')));

const PLATFORM_PATHS = [
  '/',
  '/graphql',
  '/health',
  '/ready',
  '/documents',
  '/documents/00000000-0000-4000-8000-000000000000',
  '/statistics/releases',
  '/reports',
  '/incidents',
  '/reviews',
  '/sign-in',
  '/sign-out',
  '/oidc',
  '/assets',
  '/dev/mailbox',
];
const HEALTH_PATHS = ['/', '/health', '/ready'];

describe('hostile requests at every HTTP entry point', { timeout: 300_000 }, () => {
  let db: TestDatabase;
  let standaloneDb: TestDatabase;
  let dataDir: string;
  let platform: StartedPlatform;
  let projector: Projector;
  const servers: Record<string, { server: Server; port: number }> = {};

  // An error escaping every request's own handling (a library answering twice from a callback) is logged by the
  // process guards and the process goes on; this spec wants none at all.
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  const listen = async (name: string, server: Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers[name] = { server, port: (server.address() as AddressInfo).port };
  };

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'cspr-hostile-'));
    platform = await startPlatform({
      env: {
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        KAFKA_BROKERS: '',
        LOG_LEVEL: 'silent',
      },
    });
    // The projector, relay and notifier as their own services run, with their health ports.
    standaloneDb = await createTestDatabase();
    const { sql } = standaloneDb;
    await migrateEventStore(sql);
    await migrateReadModels(sql);
    await migrateRelay(sql);
    await migrateNotifier(sql);
    const store = createPostgresEventStore({ sql, wakeups: standaloneDb.wakeups });
    const logger = createLogger({ service: 'hostile-requests', level: 'silent' });
    const calendar = createEnglandAndWalesCalendar();
    // This database holds no review: a vault of its own, for the projector's one use of one (opening pseudonyms).
    await migratePersonalData(sql);
    const vault = createPersonalDataVault({ sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });
    projector = createProjector({ sql, store, calendar, openPseudonyms: vault.open, pollIntervalMs: 200 });
    await projector.start();
    await listen('projector', createHealthServer(projector, undefined, logger));
    const relay = createRelay({ store, sql, brokers: ['127.0.0.1:9092'], logger });
    await listen('relay', createRelayHealthServer(relay, 60, logger));
    const notifierConfig = loadNotifierConfig({});
    const notifier = createNotifier({
      sql,
      store,
      calendar,
      channel: createChannel(notifierConfig, sql),
      config: notifierConfig,
      logger,
    });
    await listen('notifier', createNotifierHealthServer(notifier.status, logger));
  }, 120_000);

  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    for (const { server } of Object.values(servers)) await new Promise((resolve) => server.close(resolve));
    await projector?.stop();
    await platform?.runtime.shutdown('test over');
    await db?.drop();
    await standaloneDb?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('the platform answers every malformed request with a 4xx (or a page) and goes on serving', async () => {
    const refused: { request: RawRequest; status: number }[] = [];
    await fc.assert(
      fc.asyncProperty(hostileRequest(PLATFORM_PATHS), async (request) => {
        const status = await send(platform.port, request);
        // Collected rather than failed on, so the report shows every refused request with its status.
        if (!acceptable(request, status)) refused.push({ request, status });
      }),
      { numRuns: 300 },
    );
    expect(refused.slice(0, 5)).toEqual([]);
    // The named malformed cases answer 4xx, never a page or a 500.
    for (const [path, method, contentType, body] of [
      ['/%ff', 'GET', 'text/plain', ''],
      ['/reports/%ff', 'GET', 'text/plain', ''],
      ['/graphql', 'POST', 'application/json', '{'],
      ['/graphql', 'POST', 'text/plain', '{"query":"{ __typename }"}'],
      ['/graphql?query=%ff', 'GET', 'application/json', ''],
      ['/documents', 'POST', 'multipart/form-data', 'garbage'],
      ['/documents/%ff', 'GET', 'text/plain', ''],
      ['/reports', 'POST', 'multipart/form-data; boundary=----x', 'not a multipart body\\'],
    ] as const) {
      const headers: [string, string][] = [
        ['content-type', contentType],
        ['accept', 'application/graphql-response+json'],
      ];
      const status = await send(platform.port, { method, path, headers, body });
      expect({ path, method, body, status: Math.floor(status / 100) }).toEqual({ path, method, body, status: 4 });
    }
    const huge = await send(platform.port, {
      method: 'GET',
      path: '/',
      headers: [['x-big', 'x'.repeat(70_000)]],
      body: '',
    });
    expect(huge).toBe(431);
    const badMethod = await send(platform.port, { method: 'G(ET', path: '/', headers: [], body: '' });
    expect(badMethod).toBe(400);
    // Still serving: a page, the gateway, its health.
    const base = `http://127.0.0.1:${platform.port}`;
    expect((await fetch(`${base}/reports`)).status).toBe(200);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const graphql = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(uncaught.map((error) => (error instanceof Error ? error.message : String(error)))).toEqual([]);
  });

  for (const name of ['projector', 'relay', 'notifier']) {
    it(`the ${name}'s health port answers every malformed request and goes on serving`, async () => {
      const { port } = servers[name]!;
      const refused: { request: RawRequest; status: number }[] = [];
      await fc.assert(
        fc.asyncProperty(hostileRequest(HEALTH_PATHS), async (request) => {
          const status = await send(port, request);
          if (!acceptable(request, status)) refused.push({ request, status });
        }),
        { numRuns: 150 },
      );
      expect(refused.slice(0, 5)).toEqual([]);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    });
  }
});
