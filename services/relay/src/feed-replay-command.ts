/**
 * `npm run feed:replay -- --from <commit.prepare> [--to <commit.prepare>] [--topic <name>]`: publishes the feed's
 * events after `--from` (up to `--to`, default the head) to Kafka again, for a consumer that lost data. Safe to run
 * while the relay runs: consumers de-duplicate on ce_id. `--from 0` replays everything.
 * Uses DATABASE_URL (or the embedded database in DATA_DIR while `npm start` is stopped) and KAFKA_BROKERS.
 */
import { LOG_START, parsePosition } from '@cspr/event-store';
import { openRuntime } from '@cspr/runtime';
import { replayFeed } from './feed-replay';

const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
};

const fromText = argument('from');
if (!fromText) {
  process.stderr.write(
    'usage: npm run feed:replay -- --from <commit.prepare> [--to <commit.prepare>] [--topic <name>]\n',
  );
  process.exit(2);
}
const runtime = await openRuntime({ service: 'feed-replay', handleSignals: false, commandLine: true });
try {
  if (!runtime.config.kafkaBrokers) throw new Error('KAFKA_BROKERS is required');
  const toText = argument('to');
  const result = await replayFeed({
    store: runtime.store,
    brokers: runtime.config.kafkaBrokers,
    security: runtime.config.kafka,
    from: fromText === '0' ? LOG_START : parsePosition(fromText),
    ...(toText ? { to: parsePosition(toText) } : {}),
    topic: argument('topic') ?? runtime.config.relay.topic,
    logger: runtime.logger,
    onProgress: (p) =>
      process.stderr.write(
        `\rreplayed up to ${p.position}: ${p.events} events read, ${p.published} messages published`,
      ),
  });
  process.stderr.write(`\ndone: ${result.published} messages for the events after ${result.from} up to ${result.to}\n`);
} catch (error) {
  process.stderr.write(`\nreplay failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await runtime.shutdown('done');
}
