/**
 * Runs the gateway alone (production shape: the projector and relay run as their own services) on PORT
 * (default 4000) against DATABASE_URL, or the embedded database in DATA_DIR when unset. `npm start` runs the
 * composed platform instead (services/platform).
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createReadAudit, openVault } from '@cspr/personal-data';
import { migrateReadModels } from '@cspr/read-models';
import { createDocumentStore, migrateDocuments } from '@cspr/documents';
import { closeHttpServerGracefully, createReadinessCheck, openRuntime } from '@cspr/runtime';
import { createTokenVerifierFromEnv } from './auth/verify-token';
import { loadAllowedOperations } from './hardening/index';
import { registerDefaultPartnerships } from '@cspr/application';
import { createGateway } from './yoga';

// The shared start-up: configuration, telemetry (OTEL_*), the database and event log, and a bounded SIGTERM.
const runtime = await openRuntime({ service: 'gateway' });
const { config, logger, database, store } = runtime;
const { sql } = database;
// The projector owns the read models; migrating here too (idempotent, advisory-locked) lets the gateway start first.
await migrateReadModels(sql);
await migrateDocuments(sql);
// Re-applies every erasure in the ledger before serving, so a restored backup cannot bring erased data back.
const { vault, reapplied } = await openVault({ sql, masterKey: config.masterKey, dataDir: config.dataDir, production: config.production, ledgerPath: process.env.CSPR_ERASURE_LEDGER });
if (reapplied.length) logger.warn({ subjects: reapplied.length }, 'erasures re-applied after a restore');
const gateway = createGateway({
  documents: { store: createDocumentStore(sql) },
  sql,
  // /ready: database, migrations, projector lag and, with KAFKA_BROKERS, relay lag and the broker (runtime/readiness).
  readiness: createReadinessCheck({ sql, store, ...(config.kafkaBrokers ? { relay: { name: process.env.RELAY_NAME || undefined }, kafkaBrokers: config.kafkaBrokers } : {}) }),
  store,
  vault,
  audit: createReadAudit(sql),
  auth: await createTokenVerifierFromEnv(process.env, { production: config.production }),
  logger,
  production: config.production,
  newId: randomUUID,
  adminUserIds: () => (process.env.CSPR_ADMIN_USER_IDS ?? '').split(',').map((id) => id.trim()).filter(Boolean),
  ...(process.env.CSPR_ALLOWED_OPERATIONS ? { hardening: { allowedOperations: await loadAllowedOperations(process.env.CSPR_ALLOWED_OPERATIONS) } } : {}),
});
const partnerships = await registerDefaultPartnerships(gateway.commands);
logger.info({ registered: partnerships.registered, existing: partnerships.existing }, 'default partnerships');
for (const refused of partnerships.refused) logger.warn(refused, 'default partnership refused by the decider: fix the reference data');

const server = createServer(gateway.yoga);
server.listen(config.port, () => {
  logger.info({ port: config.port }, `gateway listening on http://localhost:${config.port}/graphql`);
  if (!config.production) logger.info('get a token: npm run token -- --role partnership --partnership leeds');
});

// On SIGTERM (runtime steps run last-registered first): stop taking requests and let those in flight finish, then
// the runtime closes the event store and database and flushes telemetry, all within its bound.
runtime.onShutdown('http server', closeHttpServerGracefully(server));
