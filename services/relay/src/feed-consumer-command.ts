/**
 * `npm run feed -- [options]`: reads the Ofsted feed and prints or writes each notification once.
 *
 *   --from-beginning        a new consumer group starts at the beginning of the topic (default: new messages only)
 *   --group <id>            consumer group (default ofsted-feed-example); Kafka remembers your position under it
 *   --out <file.jsonl>      append notifications to a JSON-lines file instead of printing them; the ids already in
 *                           the file are skipped, so a restart never writes a notification twice
 *   --brokers <list>        default $KAFKA_BROKERS or 127.0.0.1:9092
 *   --topic <name>          default cspr.notifications.v1
 *   --exit-when-idle <ms>   stop after this long without a message (for scripts and tests)
 *
 * Without --out, de-duplication is in memory: it holds for the life of the process only.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '@cspr/config';
import { FEED_TOPIC } from '@cspr/feed';
import { consumeFeed } from './feed-consumer';
import type { ReceivedNotification } from './feed-consumer';

const { values } = parseArgs({
  options: {
    'from-beginning': { type: 'boolean', default: false },
    group: { type: 'string', default: 'ofsted-feed-example' },
    out: { type: 'string' },
    brokers: { type: 'string', default: loadConfig().kafkaBrokers?.join(',') ?? '127.0.0.1:9092' },
    topic: { type: 'string', default: FEED_TOPIC },
    'exit-when-idle': { type: 'string' },
  },
  strict: true,
});

/** The output file is also the de-duplication store: every line carries its `id`. A torn last line is ignored. */
const idsIn = (file: string): Set<string> => {
  const ids = new Set<string>();
  if (!existsSync(file)) return ids;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    try {
      const { id } = JSON.parse(line) as { id?: unknown };
      if (typeof id === 'string') ids.add(id);
    } catch {
      // an empty or partly written line
    }
  }
  return ids;
};

const line = (n: ReceivedNotification) =>
  JSON.stringify({ id: n.id, type: n.type, source: n.source, subject: n.subject, time: n.time, data: n.data });

const main = async () => {
  const out = values.out;
  const seen = out ? idsIn(out) : new Set<string>();
  let received = 0;
  let duplicates = 0;
  let lastActivity = Date.now();
  const consumer = await consumeFeed({
    security: loadConfig().kafka,
    brokers: values.brokers
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    topic: values.topic,
    groupId: values.group,
    fromBeginning: values['from-beginning'],
    seen,
    onNotification: (n) => {
      lastActivity = Date.now();
      received += 1;
      // Written (synchronously) before the handler returns, so before the offset can be committed.
      if (out) appendFileSync(out, `${line(n)}\n`);
      else process.stdout.write(`${line(n)}\n`);
    },
    onDuplicate: () => {
      lastActivity = Date.now();
      duplicates += 1;
    },
    onInvalid: (id, errors) =>
      process.stderr.write(`feed: message ${id ?? '?'} does not match its schema: ${errors.join('; ')}\n`),
  });
  process.stderr.write(
    `feed: reading ${values.topic} from ${values.brokers} as group ${values.group}${out ? `, writing ${out} (${seen.size} already there)` : ''}\n`,
  );

  const stop = async () => {
    await consumer.stop();
    process.stderr.write(`feed: ${received} notifications, ${duplicates} repeats skipped\n`);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  const idleMs = values['exit-when-idle'] ? Number(values['exit-when-idle']) : undefined;
  if (idleMs !== undefined) {
    await consumer.ready;
    lastActivity = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - lastActivity >= idleMs) {
        clearInterval(timer);
        void stop();
      }
    }, 100);
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`feed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
