/**
 * `npm start`: the whole platform in one process on the embedded default (PGlite in DATA_DIR), or against
 * DATABASE_URL: gateway (GraphQL and the web application), projector, and the relay when KAFKA_BROKERS is set.
 * `npm run demo` (or `--demo`) loads the sample story first.
 */
import { startPlatform } from './platform';
import { startBanner } from './start-banner';

const platform = await startPlatform({ demo: process.argv.includes('--demo') });
const { config, database } = platform.runtime;
process.stdout.write(
  startBanner({
    port: platform.port,
    ...(database.embedded ? { embeddedDataDir: config.dataDir } : {}),
    ...(platform.relayRunning && config.kafkaBrokers ? { kafkaBrokers: config.kafkaBrokers } : {}),
    ...(config.signIn.issuer ? { signInIssuer: config.signIn.issuer } : {}),
  }),
);
