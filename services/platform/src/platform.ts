/**
 * Composes the platform in one process. Each part is the same code its own service runs in production; here they
 * share one database connection (one is all the embedded PGlite socket accepts) and wake each other in-process.
 */
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { grantStartupAccess } from '@cspr/application';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import {
  composeGateway,
  createEmbeddedProviderVerifier,
  createGrantsLookup,
  createIssuerRoutedVerifier,
  createTokenVerifierFromConfig,
  grantsPrincipal,
  partnershipExists,
} from '@cspr/gateway';
import type { TokenVerifier } from '@cspr/gateway';
import { createProjector } from '@cspr/projector';
import { createRelay, kafkaCheck, migrateRelay, relayCheck, type Relay } from '@cspr/relay';
import { closeHttpServerGracefully, guardRequests, openRuntime, type Runtime } from '@cspr/runtime';
import { createWebApp, DEV_ACCOUNTS, grantsInForce, setUpSignIn, signInSettingsFromConfig } from '@cspr/web';
import { loadNotifierConfig } from '@cspr/config';
import { createChannel, createNotifier, migrateNotifier, notifierHealthBody } from '@cspr/notifier';
import { devMailboxOf } from './dev-mailbox';
import { loadDemo } from './demo/load-demo';
import { countOpenDeadlines, getProjectorStatus, listAccessGrants, waitForPosition } from '@cspr/read-models';
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
  const runtime = await openRuntime({ service: 'platform', ...(options.env ? { env: options.env } : {}) });
  const { config, logger, database, store } = runtime;
  const { sql } = database;
  const calendar = createEnglandAndWalesCalendar();

  // The relay is created before the gateway so `/health` can report it; it starts after the projector.
  let relay: Relay | undefined;
  if (config.kafkaBrokers) {
    await migrateRelay(sql);
    relay = createRelay({
      store,
      sql,
      brokers: config.kafkaBrokers,
      security: config.kafka,
      embedded: database.embedded,
      logger,
      topic: config.relay.topic,
      name: config.relay.name,
    });
  }
  // Tokens name a subject; what it may do is its grants (read model access_grants, cached 5 s). Development tokens
  // of `npm run token` carry their role as claims; the embedded provider's issuer joins once it is set up below.
  const grants = createGrantsLookup(sql);
  const issuers = new Map<string, TokenVerifier>();
  const configVerifier = await createTokenVerifierFromConfig(config, {
    principalOf: grantsPrincipal(grants, () => config.adminUserIds, config.claimMapping),
    partnershipExists: partnershipExists(sql),
  });
  // The notifier starts after the gateway (it needs the log's partnerships); `/health` asks it once it runs.
  const started: { notifier?: ReturnType<typeof createNotifier> } = {};
  const notifierCheck = async () => {
    if (!started.notifier) return { ok: true, emails: 'starting' };
    const body = notifierHealthBody(await started.notifier.status());
    return {
      ok: body.emails === 'ok',
      ...(body.emails === 'ok' ? {} : { reason: 'emails failed or waiting to be retried' }),
      ...body,
    };
  };
  const { gateway, vault } = await composeGateway(runtime, {
    calendar,
    auth: createIssuerRoutedVerifier(issuers, configVerifier),
    // Admins for four-eyes erasure: those configured, and everyone granted the admin role.
    adminUserIds: async () => [
      ...config.adminUserIds,
      ...(await listAccessGrants(sql)).filter((g) => g.role === 'admin').map((g) => g.subject),
    ],
    // Reported in `/health`, never in `/ready`: notifications go on while Kafka is down.
    // Liveness stays 200 while the process answers; the body says which emails failed or wait, and why.
    healthChecks: {
      notifier: notifierCheck,
      ...(relay && config.kafkaBrokers
        ? {
            relay: relayCheck(relay, config.readiness.maxRelayLagSeconds),
            kafka: kafkaCheck(config.kafkaBrokers, 2000, config.kafka),
          }
        : {}),
    },
  });

  if (options.demo) {
    const result = await loadDemo({ store, vault, newId: randomUUID, logger });
    logger.info({ steps: result.steps, refused: result.failed.length }, 'demo story loaded');
  }

  // The gateway's vault: the projector opens review pseudonyms with it (read-models pseudonyms.ts), nothing else.
  const projector = createProjector({ sql, store, calendar, logger, openPseudonyms: vault.open });
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
  const notifierConfig = loadNotifierConfig(options.env);
  const notifier = createNotifier({
    sql,
    store,
    calendar,
    channel: createChannel(notifierConfig, sql),
    config: notifierConfig,
    logger,
    ...(options.notifierClock ? { clock: options.notifierClock } : {}),
  });
  await notifier.start();
  started.notifier = notifier;
  runtime.onShutdown('notifier', () => notifier.stop());

  if (relay) {
    await relay.start();
    const running = relay;
    runtime.onShutdown('relay', () => running.stop());
  }

  // In one process the pages call the gateway through yoga.fetch: no socket, no port, no address to configure, and
  // the same request pipeline (auth, allow-list, limits) as an HTTP call. Run apart, web/src/main.ts uses HTTP.
  const signIn =
    options.web === false
      ? undefined
      : await setUpSignIn({
          sql,
          baseUrl: config.signIn.publicUrl ?? `http://localhost:${config.port}`,
          dataDir: config.dataDir,
          production: config.production,
          settings: signInSettingsFromConfig(config),
          grantsFor: grantsInForce(sql, config.claimMapping),
          logger,
        });
  // The embedded provider's development accounts get their roles through the log, as an admin's grant would.
  if (signIn?.embedded) {
    issuers.set(
      signIn.embedded.issuer,
      createEmbeddedProviderVerifier({
        ...signIn.embedded,
        principalOf: grantsPrincipal(grants, undefined, config.claimMapping),
      }),
    );
    const startupGrants = await grantStartupAccess(
      gateway.commands,
      DEV_ACCOUNTS.flatMap((a) => (a.grant ? [{ subject: a.subject, email: a.email, ...a.grant }] : [])),
    );
    // A newcomer signs in seconds after the banner, and sign-in reads grants from the read model: wait (bounded)
    // until the projector has the accounts' grants, so the first sign-in does not land on "no access yet".
    if (startupGrants.lastPosition && !(await waitForPosition(sql, startupGrants.lastPosition, 60_000)))
      logger.warn('development accounts not projected yet: signing in may say "no access yet" for a little while');
  }
  const web = !signIn
    ? undefined
    : createWebApp({
        gateway: (url, init) => gateway.yoga.fetch(url, init),
        signIn,
        logError: (error) => logger.error({ err: error }, 'web page failed'),
        devMailbox: devMailboxOf(config.production, sql),
        feedbackEmail: config.feedbackEmail,
        trustedProxies: config.trustedProxies,
      });
  // Every part answers its own errors; the guard is the last line, so one request can never end the process.
  const server = createServer(
    guardRequests(async (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      // The gateway also streams report files (uploads and public downloads) and serves the open-data CSV files of
      // published statistics releases (open-data-routes.ts).
      const toGateway =
        path === '/graphql' ||
        path === '/health' ||
        path === '/ready' ||
        path === '/documents' ||
        path.startsWith('/documents/') ||
        path.startsWith('/statistics/releases/');
      if (toGateway || !web) return gateway.yoga(req, res);
      return web(req, res);
    }, logger),
  );
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  // Registered last, so stopped first: no new requests, those in flight finish, then relay, projector, database.
  runtime.onShutdown('http server', closeHttpServerGracefully(server));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { runtime, server, port, relayRunning: relay !== undefined };
};
