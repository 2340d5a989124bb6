/**
 * Composes the platform in one process. Each part is the same code its own service runs in production; here they
 * share one database connection (one is all the embedded PGlite socket accepts) and wake each other in-process.
 */
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { grantStartupAccess, registerDefaultPartnerships } from '@cspr/application';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createDocumentStore, migrateDocuments } from '@cspr/documents';
import {
  createEmbeddedProviderVerifier, createGateway, createGrantsLookup, createIssuerRoutedVerifier, createTokenVerifierFromEnv, grantsPrincipal,
  loadAllowedOperations,
} from '@cspr/gateway';
import type { TokenVerifier } from '@cspr/gateway';
import { createReadAudit, openVault } from '@cspr/personal-data';
import { createProjector } from '@cspr/projector';
import { createRelay, migrateRelay } from '@cspr/relay';
import { closeHttpServerGracefully, createReadinessCheck, openRuntime, type Runtime } from '@cspr/runtime';
import { createWebApp, DEV_ACCOUNTS, setUpSignIn, signInSettingsFromEnv } from '@cspr/web';
import { loadNotifierConfig } from '@cspr/config';
import { createChannel, createNotifier, migrateNotifier, notifierHealthBody, serveDevMailbox } from '@cspr/notifier';
import { loadDemo } from './demo/load-demo';
import { countOpenDeadlines, getProjectorStatus, grantsForSubject, listAccessGrants } from '@cspr/read-models';
import { platformMetrics } from '@cspr/telemetry';

export type StartedPlatform = { runtime: Runtime; server: Server; port: number; relayRunning: boolean };

export type StartPlatformOptions = {
  /** Load the demo story before serving. Default false. */
  demo?: boolean;
  env?: Record<string, string | undefined>;
  /** Serve the web pages beside /graphql. Default true. */
  web?: boolean;
  /** The notifier's clock (tests walk it through days). Default: the system clock. */
  notifierClock?: () => Date;
};

export const startPlatform = async (options: StartPlatformOptions = {}): Promise<StartedPlatform> => {
  const env = options.env ?? process.env;
  const runtime = await openRuntime({ service: 'platform', env });
  const { config, logger, database, store } = runtime;
  const { sql } = database;

    // Re-applies every erasure in the ledger before serving, so a restored backup cannot bring erased data back.
  const { vault, reapplied } = await openVault({ sql, masterKey: config.masterKey, dataDir: config.dataDir, production: config.production, ledgerPath: env.CSPR_ERASURE_LEDGER });
  if (reapplied.length) logger.warn({ subjects: reapplied.length }, 'erasures re-applied after a restore');
  const calendar = createEnglandAndWalesCalendar();
  await migrateDocuments(sql);

  // Tokens name a subject; what it may do is its grants (read model access_grants, cached 5 s). Development tokens
  // of `npm run token` carry their role as claims; the embedded provider's issuer joins once it is set up below.
  const grants = createGrantsLookup(sql);
  const issuers = new Map<string, TokenVerifier>();
  const envVerifier = await createTokenVerifierFromEnv({ ...env, DATA_DIR: config.dataDir }, { production: config.production, principalOf: grantsPrincipal(grants) });
  const gateway = createGateway({
    sql,
    documents: { store: createDocumentStore(sql) },
    readiness: createReadinessCheck({ sql, store, env, ...(config.kafkaBrokers ? { relay: {}, kafkaBrokers: config.kafkaBrokers } : {}) }),
    store,
    vault,
    calendar,
    audit: createReadAudit(sql),
    auth: createIssuerRoutedVerifier(issuers, envVerifier),
    logger,
    production: config.production,
    newId: randomUUID,
    // Admins for four-eyes erasure: those configured, and everyone granted the admin role.
    adminUserIds: async () => [
      ...(env.CSPR_ADMIN_USER_IDS ?? '').split(',').map((id) => id.trim()).filter(Boolean),
      ...(await listAccessGrants(sql)).filter((g) => g.role === 'admin').map((g) => g.subject),
    ],
    ...(env.CSPR_ALLOWED_OPERATIONS ? { hardening: { allowedOperations: await loadAllowedOperations(env.CSPR_ALLOWED_OPERATIONS) } } : {}),
  });
  const partnerships = await registerDefaultPartnerships(gateway.commands);
  logger.info({ registered: partnerships.registered, existing: partnerships.existing }, 'default partnerships');

  if (options.demo) {
    const result = await loadDemo({ store, vault, newId: randomUUID, logger });
    logger.info({ steps: result.steps, refused: result.failed.length }, 'demo story loaded');
  }

  const projector = createProjector({ sql, store, calendar, logger });
  await projector.start();
  // Gauges read when metrics are collected (only with an OTLP metrics endpoint): projector lag, open deadlines.
  const metrics = platformMetrics();
  metrics.observeLag('projector', async () => {
    const status = await getProjectorStatus(sql, store);
    return { events: status.lagEvents, seconds: status.lagSeconds };
  });
  metrics.observeDeadlines(() => countOpenDeadlines(sql));
  runtime.onShutdown('projector', () => projector.stop());

  // The notifier: reminders and confirmations by email; on the embedded default they land in /dev/mailbox.
  await migrateNotifier(sql);
  const notifierConfig = loadNotifierConfig(env);
  const notifier = createNotifier({
    sql, store, calendar, channel: createChannel(notifierConfig, sql), config: notifierConfig, logger,
    ...(options.notifierClock ? { clock: options.notifierClock } : {}),
  });
  await notifier.start();
  runtime.onShutdown('notifier', () => notifier.stop());

  let relayRunning = false;
  if (config.kafkaBrokers) {
    await migrateRelay(sql);
    const relay = createRelay({ store, sql, brokers: config.kafkaBrokers, embedded: database.embedded, logger });
    await relay.start();
    runtime.onShutdown('relay', () => relay.stop());
    relayRunning = true;
  }

  // In one process the pages call the gateway through yoga.fetch: no socket, no port, no address to configure, and
  // the same request pipeline (auth, allow-list, limits) as an HTTP call. Run apart, web/src/main.ts uses HTTP.
  const signIn = options.web === false ? undefined : await setUpSignIn({
    sql,
    baseUrl: env.PUBLIC_URL ?? `http://localhost:${config.port}`,
    dataDir: config.dataDir,
    production: config.production,
    settings: signInSettingsFromEnv(env),
    grantsFor: async ({ subject }) => (await grantsForSubject(sql, subject)).map((g) => ({
      role: g.role, ...(g.partnershipId ? { partnershipId: g.partnershipId } : {}), ...(g.partnershipName ? { partnershipName: g.partnershipName } : {}),
    })),
    logger,
  });
  // The embedded provider's development accounts get their roles through the log, as an admin's grant would.
  if (signIn?.embedded) {
    issuers.set(signIn.embedded.issuer, createEmbeddedProviderVerifier({ ...signIn.embedded, principalOf: grantsPrincipal(grants) }));
    await grantStartupAccess(gateway.commands, DEV_ACCOUNTS.flatMap((a) => (a.grant ? [{ subject: a.subject, email: a.email, ...a.grant }] : [])));
  }
  const web = !signIn ? undefined : createWebApp({
    gateway: (url, init) => gateway.yoga.fetch(url, init),
    signIn,
    logError: (error, context) => logger.error({ err: error, path: context.path }, 'web page failed'),
  });
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/dev/mailbox' && !config.production) return serveDevMailbox(sql, res);
    if (path === '/health' && req.method === 'GET') {
      // Liveness stays 200 while the process answers; the body says which emails failed or wait, and why.
      const emails = await notifier.status().then(notifierHealthBody).catch(() => ({ emails: 'unknown' }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', notifier: emails }));
      return;
    }
    // The gateway also streams report files (uploads and public downloads) and serves the open-data CSV files of
    // published statistics releases (open-data-routes.ts).
    const toGateway = path === '/graphql' || path === '/health' || path === '/ready' || path === '/documents'
      || path.startsWith('/documents/') || path.startsWith('/statistics/releases/');
    if (toGateway || !web) return gateway.yoga(req, res);
    return web(req, res);
  });
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  // Registered last, so stopped first: no new requests, those in flight finish, then relay, projector, database.
  runtime.onShutdown('http server', closeHttpServerGracefully(server));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { runtime, server, port, relayRunning };
};
