/**
 * `npm start`: the whole platform in one process on the embedded default (PGlite in DATA_DIR), or against
 * DATABASE_URL: gateway (GraphQL and the web application), projector, and the relay when KAFKA_BROKERS is set.
 * `npm run demo` (or `--demo`) loads the sample story first.
 */
import { startPlatform } from './platform';

const platform = await startPlatform({ demo: process.argv.includes('--demo') });
const { port } = platform;
const lines = [
  '',
  `CSPR is running: http://localhost:${port}/  (GraphiQL: http://localhost:${port}/graphql)`,
  `  database: ${platform.runtime.database.embedded ? `embedded PGlite in ${platform.runtime.config.dataDir}` : 'PostgreSQL server (DATABASE_URL)'}`,
  `  Kafka relay: ${platform.relayRunning ? platform.runtime.config.kafkaBrokers!.join(',') : 'off (set KAFKA_BROKERS to publish the Ofsted feed)'}`,
  '  get a token:  npm run token -- --role partnership --partnership leeds',
  '                npm run token -- --role panel     (also: ofsted, admin; no token = public)',
  '  then send it as the header  Authorization: Bearer <token>',
  '',
];
process.stdout.write(lines.join('\n'));
