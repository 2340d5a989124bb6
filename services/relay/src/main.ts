/**
 * The relay on its own: `tsx services/relay/src/main.ts` (in production, one or more replicas: one publishes, the
 * others wait as standbys). `npm start` runs the same relay inside the platform process when KAFKA_BROKERS is set.
 *
 * Configuration (@cspr/config, documented in the README): DATABASE_URL (required here: embedded PGlite belongs to
 * the one `npm start` process), KAFKA_BROKERS (required), EVENT_STORE / EVENTSTORE_CONNECTION_STRING, LOG_LEVEL,
 * OTEL_*, HOST, and the RELAY_* variables; READY_MAX_RELAY_LAG_SECONDS for /ready.
 */
import { loadConfig } from '@cspr/config';
import { openDatabase } from '@cspr/database';
import type { EventStore } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { createEventStoreDbEventStore } from '@cspr/event-store/eventstoredb';
import { installProcessGuards } from '@cspr/runtime';
import { createLogger } from '@cspr/telemetry';
import { startTelemetry } from '@cspr/telemetry/sdk';
import { createRelay } from './relay';
import { createRelayHealthServer } from './relay-health-server';

const main = async () => {
  const config = loadConfig();
  if (!config.kafkaBrokers) throw new Error('KAFKA_BROKERS is required, e.g. 127.0.0.1:9092');
  if (!config.databaseUrl)
    throw new Error(
      'DATABASE_URL is required to run the relay alone (embedded PGlite: use npm start with KAFKA_BROKERS)',
    );
  const telemetry = startTelemetry({ serviceName: 'cspr-relay', config: config.telemetry });
  const logger = createLogger({ service: 'relay', level: config.logLevel });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, maxConnections: 4 });
  let store: EventStore;
  if (config.eventStore === 'eventstoredb') {
    store = createEventStoreDbEventStore({ connectionString: config.eventStoreConnectionString! });
  } else {
    await migrateEventStore(database.sql);
    store = createPostgresEventStore({ sql: database.sql, wakeups: database.wakeups });
  }
  const relay = createRelay({
    store,
    sql: database.sql,
    brokers: config.kafkaBrokers,
    security: config.kafka,
    topic: config.relay.topic,
    name: config.relay.name,
    batchSize: config.relay.batchSize,
    partitions: config.relay.partitions,
    leaseTtlMs: config.relay.leaseTtlMs,
    retry: { maxMs: config.relay.retryMaxMs },
    logger,
  });
  await relay.start();
  const { port } = config.relay;
  const server = createRelayHealthServer(relay, config.readiness.maxRelayLagSeconds, logger).listen(
    port,
    config.host,
    () => logger.info({ host: config.host, port }, 'relay health on /health and /ready'),
  );

  let closing = false;
  const { shutdownTimeoutMs } = config.relay;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    // Bounded: a batch waiting on a broker that does not answer is abandoned (its checkpoint never moved).
    setTimeout(() => {
      logger.error({ shutdownTimeoutMs }, 'graceful shutdown took too long; exiting');
      process.exit(1);
    }, shutdownTimeoutMs).unref();
    server.close();
    await relay.stop();
    await store.close();
    await database.close();
    await telemetry.shutdown();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  // Unhandled rejections and uncaught exceptions logged, the process going on (request-guard.ts says why).
  installProcessGuards(logger);
  // A mapping failure stops the relay: the process stays up, unready, so the reason stays visible in /ready.
  void relay.done.then(() => {
    if (!closing) logger.error({}, 'relay stopped; /ready reports why');
  });
};

main().catch((error: unknown) => {
  process.stderr.write(`relay failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
