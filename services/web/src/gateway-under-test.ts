/**
 * The real back end for browser journeys: a fresh test database, the PostgreSQL event store, the personal-data
 * vault, the gateway (its Yoga handler mounted at /graphql next to the built pages) and the projector running
 * in the same process, so the pages read what they wrote. Tokens are minted with the gateway's dev key, exactly
 * what `npm run token` prints.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { RequestListener } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerDefaultPartnerships } from '@cspr/application';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { createMasterKeyWrapper, createPersonalDataVault, createReadAudit, migratePersonalData } from '@cspr/personal-data';
import { createProjector } from '@cspr/projector';
import { createLogger } from '@cspr/telemetry';
import { createTestDatabase } from '@cspr/testing';

export type TokenRequest = { role: 'partnership' | 'panel' | 'ofsted' | 'admin'; partnership?: string; sub?: string };

export type GatewayUnderTest = { handler: RequestListener; tokenFor: (request: TokenRequest) => Promise<string>; close: () => Promise<void> };

/** What this needs from @cspr/gateway; checked at run time so a missing export names itself instead of crashing. */
type GatewayExports = {
  createGateway: (options: Record<string, unknown>) => { yoga: RequestListener; commands: Parameters<typeof registerDefaultPartnerships>[0] };
  loadOrCreateDevSigningKey: (dir: string) => Promise<unknown>;
  createDevTokenVerifier: (key: unknown) => Promise<unknown>;
  mintDevToken: (key: unknown, request: TokenRequest) => Promise<string>;
};
const NEEDED = ['createGateway', 'loadOrCreateDevSigningKey', 'createDevTokenVerifier', 'mintDevToken'] as const;

/** Undefined when the gateway package does not (yet) export what the journeys need. */
export const missingGatewayExports = async (): Promise<string[]> => {
  const exported = (await import('@cspr/gateway')) as Record<string, unknown>;
  return NEEDED.filter((name) => typeof exported[name] !== 'function');
};

export const startGatewayUnderTest = async (): Promise<GatewayUnderTest> => {
  const gateway = (await import('@cspr/gateway')) as unknown as GatewayExports;
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'cspr-web-'));
  await migrateEventStore(db.sql);
  await migratePersonalData(db.sql);
  const store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  const vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });
  const calendar = createEnglandAndWalesCalendar();
  const projector = createProjector({ sql: db.sql, store, calendar, pollIntervalMs: 50 });
  await projector.start();
  const key = await gateway.loadOrCreateDevSigningKey(dataDir);
  const { yoga, commands } = gateway.createGateway({
    sql: db.sql, store, vault, calendar, projector: { isRunning: () => projector.status().running },
    audit: createReadAudit(db.sql),
    auth: await gateway.createDevTokenVerifier(key),
    logger: createLogger({ service: 'web-e2e', level: process.env.LOG_LEVEL ?? 'silent' }),
    production: false,
  });
  await registerDefaultPartnerships(commands);
  return {
    handler: yoga,
    tokenFor: (request) => gateway.mintDevToken(key, request),
    close: async () => {
      await projector.stop();
      await store.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
