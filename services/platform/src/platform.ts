/**
 * Composes the platform in one process. Each part is the same code its own service runs in production; here they
 * share one database connection (one is all the embedded PGlite socket accepts) and wake each other in-process.
 */
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { composeGateway } from '@cspr/gateway';
import { createProjector } from '@cspr/projector';
import { createRelay, kafkaCheck, migrateRelay, relayCheck, type Relay } from '@cspr/relay';
import { closeHttpServerGracefully, openRuntime, type Runtime } from '@cspr/runtime';
import { createStaticHandler, ensureWebBuilt } from '@cspr/web';
import { loadDemo } from './demo/load-demo';
import { countOpenDeadlines, getProjectorStatus } from '@cspr/read-models';
import { platformMetrics } from '@cspr/telemetry';

export type StartedPlatform = { runtime: Runtime; server: Server; port: number; relayRunning: boolean };

export type StartPlatformOptions = {
  /** Load the demo story before serving. Default false. */
  demo?: boolean;
  env?: Record<string, string | undefined>;
  /** Build the web application if it is missing or stale. Default true. */
  buildWeb?: boolean;
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
      store, sql, brokers: config.kafkaBrokers, embedded: database.embedded, logger, topic: config.relay.topic, name: config.relay.name,
    });
  }
  const { gateway, vault } = await composeGateway(runtime, {
    calendar,
    // Reported in `/health`, never in `/ready`: notifications go on while Kafka is down (issue 15, finding 7).
    ...(relay && config.kafkaBrokers
      ? { healthChecks: { relay: relayCheck(relay, config.readiness.maxRelayLagSeconds), kafka: kafkaCheck(config.kafkaBrokers) } }
      : {}),
  });

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

  if (relay) {
    await relay.start();
    const started = relay;
    runtime.onShutdown('relay', () => started.stop());
  }

  const serveWeb = options.buildWeb === false ? undefined : createStaticHandler(await ensureWebBuilt());
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/graphql' || path === '/health' || path === '/ready' || !serveWeb) return gateway.yoga(req, res);
    if (await serveWeb(req, res)) return;
    return gateway.yoga(req, res);
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  // Registered last, so stopped first: no new requests, those in flight finish, then relay, projector, database.
  runtime.onShutdown('http server', closeHttpServerGracefully(server));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { runtime, server, port, relayRunning: relay !== undefined };
};
