/**
 * Test support for the observability specs: gateway, projector and relay composed as `npm start` composes them, on
 * a fresh server database and the test Kafka broker, with the logger writing to a given stream so a spec can read
 * every line the platform wrote.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { registerDefaultPartnerships } from '@cspr/application';
import type { CommandHandler } from '@cspr/application';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import type { Role } from '@cspr/domain';
import { formatPosition } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { createDevTokenVerifier, createGateway, loadOrCreateDevSigningKey, mintDevToken } from '@cspr/gateway';
import {
  createMasterKeyWrapper,
  createPersonalDataVault,
  createReadAudit,
  migratePersonalData,
} from '@cspr/personal-data';
import { createProjector } from '@cspr/projector';
import { createRelay } from '@cspr/relay';
import { migrateReadModels } from '@cspr/read-models';
import { createLogger } from '@cspr/telemetry';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';

export const TEST_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

export type ObservedPlatform = {
  db: TestDatabase;
  topic: string;
  /** POSTs a GraphQL operation as a Leeds partnership user through `yoga.fetch`. */
  graphql: (
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => Promise<{ data?: Record<string, unknown>; errors?: unknown[] }>;
  /** The same as another caller (a role, its partnership, its user id). */
  graphqlAs: (
    caller: { role: Role; partnership?: string; sub?: string },
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<{ data?: Record<string, unknown>; errors?: unknown[] }>;
  /** The gateway's command handler: the one write path, for set-ups that need no GraphQL. */
  commands: CommandHandler;
  relayStatus: () => Promise<{ lagEvents: number }>;
  projectorPosition: () => string;
  /**
   * Resolves once the projector and the relay have handled everything in the log, and the read models an erasure
   * blanked are rewritten (read_models.pending_rewrites is empty).
   */
  settled: (timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

/** `logDestination` receives every line at debug level; without one, warnings and errors go to stdout. */
export const startObservedPlatform = async (logDestination?: Writable): Promise<ObservedPlatform> => {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'cspr-obs-'));
  await migrateEventStore(db.sql);
  await migratePersonalData(db.sql);
  await migrateReadModels(db.sql);
  const logger = createLogger({
    service: 'platform-test',
    ...(logDestination ? { level: 'debug', destination: logDestination } : { level: 'warn' }),
  });
  const store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  const vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });
  const key = await loadOrCreateDevSigningKey(dataDir);
  const gateway = createGateway({
    sql: db.sql,
    store,
    vault,
    audit: createReadAudit(db.sql),
    auth: await createDevTokenVerifier(key),
    logger,
    production: false,
    clock: () => new Date('2026-03-10T09:30:00Z'),
    newId: randomUUID,
    adminUserIds: () => ['admin-1', 'admin-2'],
  });
  await registerDefaultPartnerships(gateway.commands);
  const calendar = createEnglandAndWalesCalendar();
  const projector = createProjector({
    sql: db.sql,
    store,
    calendar,
    logger,
    openPseudonyms: vault.open,
    pollIntervalMs: 200,
  });
  await projector.start();
  const topic = `cspr.obs.${randomUUID().slice(0, 8)}`;
  const relay = createRelay({
    store,
    sql: db.sql,
    brokers: TEST_BROKERS,
    topic,
    name: `obs-${randomUUID().slice(0, 8)}`,
    pollIntervalMs: 200,
    partitions: 1,
    logger,
  });
  await relay.start();
  const token = await mintDevToken(key, { role: 'partnership', partnership: 'leeds' });
  const post = async (bearer: string, query: string, variables: Record<string, unknown>, headers = {}) => {
    const response = await gateway.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };
  return {
    db,
    topic,
    graphql: (query, variables = {}, headers = {}) => post(token, query, variables, headers),
    graphqlAs: async (caller, query, variables = {}) => post(await mintDevToken(key, caller), query, variables),
    commands: gateway.commands,
    relayStatus: () => relay.status(),
    projectorPosition: () => projector.status().position,
    settled: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // Every event written must be readable too: the log holds events back while an older transaction anywhere
        // on the server is open (other test files share it).
        const [{ events }] = await db.sql<[{ events: number }]>`select count(*)::int as events from event_store.events`;
        const readable = (await store.readAll({ maxCount: 1_000_000 })).length;
        const head = formatPosition(await store.headPosition());
        const [{ rewrites }] = await db.sql<[{ rewrites: number }]>`
          select count(*)::int as rewrites from read_models.pending_rewrites`;
        const projected = projector.status().position === head && rewrites === 0;
        if (readable === events && projected && (await relay.status()).lagEvents === 0) return;
        if (Date.now() > deadline) throw new Error('projector or relay did not catch up');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: async () => {
      await relay.stop();
      await projector.stop();
      await store.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

/** Personal values a spec can search for afterwards: unusual enough never to appear by chance. */
export const PERSONAL = {
  childName: 'Quillon Marbleweather',
  dateOfBirth: '2015-02-01',
  notifierName: 'Ottoline Fenwright',
  notifierEmail: 'ottoline.fenwright@example.gov.uk',
  location: '17 Larkspur Crescent',
  caseOutline: 'Outline mentioning Zephyrine Quartermaine',
} as const;

export const NOTIFY = `mutation($input: NotifyIncidentInput!) { notifyIncident(input: $input) {
  __typename ... on IncidentPayload { incidentId position } ... on ClientError { code message } } }`;

export const notifyInput = () => ({
  localAuthorityCode: 'E08000035',
  nature: 'SERIOUS_HARM',
  becameAwareOn: '2026-03-09',
  incidentOn: '2026-03-08',
  children: [
    {
      childRef: 'child-1',
      name: PERSONAL.childName,
      dateOfBirth: PERSONAL.dateOfBirth,
      sex: 'FEMALE',
      ethnicity: 'WHITE',
      disability: 'NO',
      placement: 'AT_HOME',
      lookedAfter: false,
      childInNeedPlan: true,
      childProtectionPlan: true,
      knownToAgencies: 'YES',
    },
  ],
  notifier: { name: PERSONAL.notifierName, role: 'Head of service', email: PERSONAL.notifierEmail },
  location: PERSONAL.location,
  caseOutline: PERSONAL.caseOutline,
});
