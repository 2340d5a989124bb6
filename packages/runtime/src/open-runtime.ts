/**
 * The start-up every service shares, so that `npm start`, the gateway, the projector and the relay run alone or
 * together in exactly the same way: parse the configuration, start telemetry, open the database (a server or
 * embedded PGlite), open the event log (PostgreSQL in that database, or EventStoreDB), and stop in order on SIGTERM.
 */
import { loadConfig, type PlatformConfig } from '@cspr/config';
import { openDatabase, type Database } from '@cspr/database';
import type { EventStore } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { createEventStoreDbEventStore, redactConnectionString } from '@cspr/event-store/eventstoredb';
import { createLogger, type Logger } from '@cspr/telemetry';
import { startTelemetry, type TelemetryHandle } from '@cspr/telemetry/sdk';
import { installProcessGuards } from './request-guard';

export type Runtime = {
  config: PlatformConfig;
  logger: Logger;
  database: Database;
  store: EventStore;
  telemetry: TelemetryHandle;
  /** Registers a step of the shutdown; steps run in reverse order of registration (last started, first stopped). */
  onShutdown: (name: string, step: () => Promise<void>) => void;
  shutdown: (reason: string) => Promise<void>;
};

export type OpenRuntimeOptions = {
  /** service.name for telemetry and logs. */
  service: string;
  /** Variables to parse instead of the process environment (tests). Default: the process environment. */
  env?: Record<string, string | undefined>;
  /** A command-line tool: logs warnings and errors only unless LOG_LEVEL says otherwise. Default false. */
  commandLine?: boolean;
  /** The longest a graceful shutdown may take before the process exits anyway. Default 10 000 ms. */
  shutdownTimeoutMs?: number;
  /**
   * Install SIGTERM/SIGINT handlers that shut down and exit, and the process guards (unhandled rejections and
   * uncaught exceptions logged, the process going on: request-guard.ts). Default true.
   */
  handleSignals?: boolean;
};

export const openRuntime = async (options: OpenRuntimeOptions): Promise<Runtime> => {
  const config = loadConfig(options.env);
  const telemetry = startTelemetry({ serviceName: `cspr-${options.service}`, config: config.telemetry });
  const level = options.commandLine && !config.logLevelGiven ? 'warn' : config.logLevel;
  const logger = createLogger({ service: options.service, level });
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: `${config.dataDir}/pglite` },
  );

  let store: EventStore;
  if (config.eventStore === 'eventstoredb') {
    store = createEventStoreDbEventStore({ connectionString: config.eventStoreConnectionString! });
    logger.info({ eventStore: redactConnectionString(config.eventStoreConnectionString!) }, 'event log: EventStoreDB');
  } else {
    await migrateEventStore(database.sql);
    store = createPostgresEventStore({ sql: database.sql, wakeups: database.wakeups });
    logger.info(
      { embedded: database.embedded },
      database.embedded ? 'event log: embedded PostgreSQL (PGlite)' : 'event log: PostgreSQL',
    );
  }

  const steps: { name: string; step: () => Promise<void> }[] = [
    { name: 'telemetry', step: () => telemetry.shutdown() },
    { name: 'database', step: () => database.close() },
    { name: 'event store', step: () => store.close() },
  ];
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    shuttingDown ??= (async () => {
      logger.info({ reason }, 'shutting down');
      for (const { name, step } of [...steps].reverse()) {
        try {
          await step();
        } catch (error) {
          logger.warn({ err: error, step: name }, 'shutdown step failed; going on');
        }
      }
    })();
    return shuttingDown;
  };

  if (options.handleSignals ?? true) {
    const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
    const onSignal = (signal: string) => {
      const timer = setTimeout(() => {
        logger.error({ timeoutMs }, 'graceful shutdown took too long; exiting');
        process.exit(1);
      }, timeoutMs);
      timer.unref();
      void shutdown(signal).then(() => process.exit(0));
    };
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    process.once('SIGINT', () => onSignal('SIGINT'));
    installProcessGuards(logger);
  }

  return {
    config,
    logger,
    database,
    store,
    telemetry,
    onShutdown: (name, step) => {
      steps.push({ name, step });
    },
    shutdown,
  };
};
