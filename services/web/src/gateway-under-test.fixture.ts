/**
 * The real back end for browser journeys: a fresh test database, the PostgreSQL event store, the personal-data
 * vault, the gateway (its Yoga handler mounted at /graphql next to the built pages) and the projector running
 * in the same process, so the pages read what they wrote. Tokens come from `npm run token` itself, signed with
 * the dev key in the same DATA_DIR the gateway's verifier reads.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { RequestListener } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { registerDefaultPartnerships } from '@cspr/application';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import {
  createMasterKeyWrapper,
  createPersonalDataVault,
  createReadAudit,
  migratePersonalData,
} from '@cspr/personal-data';
import {
  createGateway,
  createGrantsLookup,
  createIssuerRoutedVerifier,
  createTokenVerifierFromConfig,
  grantsPrincipal,
  type TokenVerifier,
} from '@cspr/gateway';
import type { CommandHandler } from '@cspr/application';
import type { Sql } from 'postgres';
import { createProjector } from '@cspr/projector';
import { createLogger } from '@cspr/telemetry';
import { createDocumentStore, migrateDocuments } from '@cspr/documents';
import { createTestDatabase } from '@cspr/testing';
import type { GatewayFetch } from './server/gateway-client';

export type TokenRequest = {
  role: 'partnership' | 'panel' | 'ofsted' | 'admin' | 'agency' | 'dfe';
  partnership?: string;
  sub?: string;
};

export type GatewayUnderTest = {
  handler: RequestListener;
  sql: Sql;
  dataDir: string;
  commands: CommandHandler;
  /** Verifiers by token issuer: the web stack adds the embedded provider's once it is set up. */
  issuers: Map<string, TokenVerifier>;
  grantsPrincipal: ReturnType<typeof grantsPrincipal>;
  /** The gateway's yoga.fetch: how the web server under test calls it, in process. */
  fetch: GatewayFetch;
  tokenFor: (request: TokenRequest) => Promise<string>;
  /** Runs an operation as a token holder through the same gateway (for set-up steps a journey does not cover). */
  graphqlAs: <Data = Record<string, unknown>>(
    token: string,
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<Data>;
  /** Moves the gateway's clock (commands' times and "today") by whole days; 0 is now. */
  setClockOffsetDays: (days: number) => void;
  close: () => Promise<void>;
};

const execFileAsync = promisify(execFile);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** A token exactly as a developer gets one: `npm run token` with the same DATA_DIR as the gateway's verifier. */
const mintWithCommand = async (dataDir: string, request: TokenRequest): Promise<string> => {
  const args = [
    'run',
    '--silent',
    'token',
    '--',
    '--role',
    request.role,
    ...(request.partnership ? ['--partnership', request.partnership] : []),
    ...(request.sub ? ['--sub', request.sub] : []),
  ];
  const { stdout } = await execFileAsync('npm', args, { cwd: repoRoot, env: { ...process.env, DATA_DIR: dataDir } });
  const token = stdout.trim().split('\n').at(-1) ?? '';
  if (token.split('.').length !== 3) throw new Error(`npm run token printed no token: ${stdout.slice(0, 200)}`);
  return token;
};

export const startGatewayUnderTest = async (): Promise<GatewayUnderTest> => {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'cspr-web-'));
  await migrateEventStore(db.sql);
  await migratePersonalData(db.sql);
  await migrateDocuments(db.sql);
  const store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  const vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });
  const calendar = createEnglandAndWalesCalendar();
  const projector = createProjector({ sql: db.sql, store, calendar, openPseudonyms: vault.open, pollIntervalMs: 50 });
  await projector.start();
  let offsetMs = 0;
  // As the platform does: tokens name a subject whose grants say what it may do; issuers routed to their verifier.
  const principalOf = grantsPrincipal(createGrantsLookup(db.sql));
  const issuers = new Map<string, TokenVerifier>();
  const { yoga, commands } = createGateway({
    clock: () => new Date(Date.now() + offsetMs),
    sql: db.sql,
    store,
    vault,
    calendar,
    documents: { store: createDocumentStore(db.sql) },
    audit: createReadAudit(db.sql),
    auth: createIssuerRoutedVerifier(
      issuers,
      await createTokenVerifierFromConfig({ dataDir, production: false }, { principalOf }),
    ),
    logger: createLogger({ service: 'web-e2e', level: process.env.LOG_LEVEL ?? 'silent' }),
    production: false,
  });
  await registerDefaultPartnerships(commands);
  return {
    handler: yoga as unknown as RequestListener,
    sql: db.sql,
    dataDir,
    commands,
    issuers,
    grantsPrincipal: principalOf,
    fetch: (url, init) => yoga.fetch(url, init),
    graphqlAs: async (token, query, variables = {}) => {
      const response = await yoga.fetch('http://web.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
      if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
      return body.data as never;
    },
    setClockOffsetDays: (days) => {
      offsetMs = days * 24 * 60 * 60 * 1000;
    },
    tokenFor: (request) => mintWithCommand(dataDir, request),
    close: async () => {
      await projector.stop();
      await store.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
