/**
 * The relay on its own: `tsx services/relay/src/main.ts` (in production, one or more replicas: one publishes, the
 * others wait as standbys). `npm start` runs the same relay inside the platform process when KAFKA_BROKERS is set.
 *
 * Environment: DATABASE_URL (required here: embedded PGlite belongs to the one `npm start` process), KAFKA_BROKERS
 * (required), EVENT_STORE / EVENTSTORE_CONNECTION_STRING, LOG_LEVEL, OTEL_*; and for the relay:
 *   RELAY_PORT (4002)  /health and /ready        RELAY_BATCH_SIZE (500)     RELAY_PARTITIONS (6, topic creation)
 *   RELAY_LEASE_TTL_MS (15000)                   RELAY_TOPIC (cspr.notifications.v1)   RELAY_NAME (ofsted-feed)
 *   RELAY_RETRY_MAX_MS (10000) longest pause between attempts while the broker is down
 *   RELAY_SHUTDOWN_TIMEOUT_MS (10000) longest a graceful stop on SIGTERM may take
 */
import { loadConfig } from '@cspr/config';
import { openDatabase } from '@cspr/database';
import type { EventStore } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { createEventStoreDbEventStore } from '@cspr/event-store/eventstoredb';
import { createLogger } from '@cspr/telemetry';
import { startTelemetry } from '@cspr/telemetry/sdk';
import { createRelay } from './relay';
import { createRelayHealthServer } from './relay-health-server';

const numberFrom = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

const main = async () => {
  const config = loadConfig();
  if (!config.kafkaBrokers) throw new Error('KAFKA_BROKERS is required, e.g. 127.0.0.1:9092');
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required to run the relay alone (embedded PGlite: use npm start with KAFKA_BROKERS)');
  const telemetry = startTelemetry({ serviceName: 'cspr-relay' });
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
    topic: process.env.RELAY_TOPIC || undefined,
    name: process.env.RELAY_NAME || undefined,
    batchSize: numberFrom('RELAY_BATCH_SIZE', 500),
    partitions: numberFrom('RELAY_PARTITIONS', 6),
    leaseTtlMs: numberFrom('RELAY_LEASE_TTL_MS', 15_000),
    retry: { maxMs: numberFrom('RELAY_RETRY_MAX_MS', 10_000) },
    logger,
  });
  await relay.start();
  const port = numberFrom('RELAY_PORT', 4002);
  const server = createRelayHealthServer(relay).listen(port, '0.0.0.0', () => logger.info({ port }, 'relay health on /health and /ready'));

  let closing = false;
  const shutdownTimeoutMs = numberFrom('RELAY_SHUTDOWN_TIMEOUT_MS', 10_000);
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
  // A mapping failure stops the relay: the process stays up, unready, so the reason stays visible in /ready.
  void relay.done.then(() => {
    if (!closing) logger.error({}, 'relay stopped; /ready reports why');
  });
};

main().catch((error: unknown) => {
  process.stderr.write(`relay failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
