/**
 * Test set-up shared by the gateway's specs: a fresh server database (or a given one), the real event store,
 * vault and read audit, a dev signing key in a temporary folder, and the gateway; plus a GraphQL client over
 * `yoga.fetch` (no port) and token minting per role.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import {
  createMasterKeyWrapper,
  createPersonalDataVault,
  createReadAudit,
  migratePersonalData,
} from '@cspr/personal-data';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createProjector } from '@cspr/projector';
import type { Projector } from '@cspr/projector';
import { migrateReadModels } from '@cspr/read-models';
import { createLogger } from '@cspr/telemetry';
import { createDocumentStore, migrateDocuments } from '@cspr/documents';
import { createTestDatabase } from '@cspr/testing';
import type { TestDatabase } from '@cspr/testing';
import type { Role } from '@cspr/domain';
import { loadOrCreateDevSigningKey } from './auth/dev-signing-key';
import { mintDevToken } from './auth/mint-token';
import { createDevTokenVerifier } from './auth/verify-token';
import { createGateway } from './yoga';
import type { Gateway, GatewayOptions } from './yoga';

// Test responses are read by path (`data.notifyIncident.incidentId`): a loose type keeps the specs short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GraphQLResponse<Data = Record<string, any>> = {
  status: number;
  data?: Data;
  extensions?: Record<string, unknown>;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

export type Caller = { role: Role; partnership?: string; sub?: string } | 'public';

/** A settable clock: specs move time to satisfy the rules (7 working days before publication) without waiting. */
export type TestClock = { now: () => Date; set: (iso: string) => void };

export const createTestClock = (start = '2026-03-10T09:30:00Z'): TestClock => {
  let current = new Date(start);
  return {
    now: () => current,
    set: (iso) => {
      current = new Date(iso);
    },
  };
};

export type GatewayFixture = {
  db: TestDatabase;
  clock: TestClock;
  projector: Projector;
  gateway: Gateway;
  tokenFor: (caller: Caller) => Promise<string | undefined>;
  /** POSTs a GraphQL operation through `yoga.fetch`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  graphql: <Data = Record<string, any>>(
    caller: Caller,
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<GraphQLResponse<Data>>;
  /** Serves the gateway over HTTP on a free local port (e2e specs); returns its base address. */
  listen: () => Promise<string>;
  close: () => Promise<void>;
};

export const LEEDS = {
  partnershipId: 'leeds',
  name: 'Leeds Safeguarding Children Partnership',
  localAuthorityCodes: ['E08000035'],
};
export const BRADFORD = { partnershipId: 'bradford', name: 'Bradford Partnership', localAuthorityCodes: ['E08000032'] };

export const startGatewayFixture = async (overrides: Partial<GatewayOptions> = {}): Promise<GatewayFixture> => {
  const db = await createTestDatabase();
  const clock = createTestClock();
  const dataDir = await mkdtemp(join(tmpdir(), 'cspr-gw-'));
  await migrateEventStore(db.sql);
  await migratePersonalData(db.sql);
  await migrateReadModels(db.sql);
  await migrateDocuments(db.sql);
  const store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  const vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });
  const key = await loadOrCreateDevSigningKey(dataDir);
  // The real projector, so queries after `consistentAfter` see what the mutations wrote.
  const projector = createProjector({
    sql: db.sql,
    store,
    calendar: createEnglandAndWalesCalendar(),
    openPseudonyms: vault.open,
    pollIntervalMs: 200,
  });
  await projector.start();
  const gateway = createGateway({
    sql: db.sql,
    store,
    vault,
    audit: createReadAudit(db.sql),
    auth: await createDevTokenVerifier(key),
    logger: createLogger({ service: 'gateway-test', level: process.env.LOG_LEVEL ?? 'silent' }),
    production: false,
    clock: clock.now,
    partnerships: [LEEDS, BRADFORD],
    adminUserIds: () => ['admin-1', 'admin-2'],
    documents: { store: createDocumentStore(db.sql, { maxBytes: 2 * 1024 * 1024 }), maxBytes: 2 * 1024 * 1024 },
    ...overrides,
  });
  let server: Server | undefined;
  const tokenFor = async (caller: Caller) =>
    caller === 'public'
      ? undefined
      : mintDevToken(key, {
          role: caller.role,
          ...(caller.partnership ? { partnership: caller.partnership } : {}),
          ...(caller.sub ? { sub: caller.sub } : {}),
        });
  return {
    db,
    clock,
    projector,
    gateway,
    tokenFor,
    graphql: async (caller, query, variables) => {
      const token = await tokenFor(caller);
      const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    listen: async () => {
      server ??= createServer(gateway.yoga);
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const address = server.address() as AddressInfo;
      return `http://127.0.0.1:${address.port}`;
    },
    close: async () => {
      if (server?.listening) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await projector.stop();
      await store.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
