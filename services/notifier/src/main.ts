/**
 * The notifier on its own: `tsx services/notifier/src/main.ts` (production: one or more replicas; folding is fenced
 * by the checkpoint, planning idempotent and sending claimed, so replicas never send twice). `npm start` runs the
 * same notifier inside the platform process, delivering to the development mailbox.
 *
 * Environment: DATABASE_URL (required here), EVENT_STORE / EVENTSTORE_CONNECTION_STRING, LOG_LEVEL, OTEL_*, and the
 * NOTIFIER_* / SMTP_URL / NOTIFY_* variables of @cspr/config (notifier-config.ts). A missing Notify template id in
 * production refuses start, naming what is missing.
 */
import { loadConfig, loadNotifierConfig } from '@cspr/config';
import { openDatabase } from '@cspr/database';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import type { EventStore } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { createEventStoreDbEventStore } from '@cspr/event-store/eventstoredb';
import { installProcessGuards } from '@cspr/runtime';
import { createLogger } from '@cspr/telemetry';
import { startTelemetry } from '@cspr/telemetry/sdk';
import { createChannel } from './channels/create-channel';
import { createNotifier } from './notifier';
import { createNotifierHealthServer } from './notifier-http';
import { migrateNotifier } from './notifier-schema';

const main = async () => {
  const config = loadConfig();
  const notifierConfig = loadNotifierConfig();
  if (!config.databaseUrl)
    throw new Error('DATABASE_URL is required to run the notifier alone (embedded PGlite: use npm start)');
  const telemetry = startTelemetry({ serviceName: 'cspr-notifier' });
  const logger = createLogger({ service: 'notifier', level: config.logLevel });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, maxConnections: 4 });
  let store: EventStore;
  if (config.eventStore === 'eventstoredb') {
    store = createEventStoreDbEventStore({ connectionString: config.eventStoreConnectionString! });
  } else {
    await migrateEventStore(database.sql);
    store = createPostgresEventStore({ sql: database.sql, wakeups: database.wakeups });
  }
  await migrateNotifier(database.sql);
  const notifier = createNotifier({
    sql: database.sql,
    store,
    calendar: createEnglandAndWalesCalendar(),
    channel: createChannel(notifierConfig, database.sql),
    config: notifierConfig,
    logger,
  });
  // Unhandled rejections and uncaught exceptions logged, the process going on (request-guard.ts says why).
  installProcessGuards(logger);
  await notifier.start();
  const server = createNotifierHealthServer(notifier.status, logger).listen(notifierConfig.port, config.host, () =>
    logger.info(
      { port: notifierConfig.port, channel: notifierConfig.channel },
      'notifier health on /health and /ready',
    ),
  );
  const stop = async () => {
    server.close();
    await notifier.stop();
    await store.close();
    await database.close();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
};

main().catch((error: unknown) => {
  process.stderr.write(`notifier failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
