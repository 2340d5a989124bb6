/**
 * Test support: a Kafka broker of the test's own, started through the project's script (infra/kafka/kafka.sh) on its
 * own ports and data folder, so a test can stop and restart it without disturbing the shared broker on 9092.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const KAFKA_SCRIPT = fileURLToPath(new URL('../../../infra/kafka/kafka.sh', import.meta.url));

/** Two consecutive free ports (client, controller): asks the OS for one and checks its neighbour. */
const freePortPair = async (): Promise<number> => {
  const probe = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = createServer()
        .once('error', reject)
        .listen(port, '127.0.0.1', () => {
          const { port: chosen } = server.address() as { port: number };
          server.close(() => resolve(chosen));
        });
    });
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await probe(0);
    if (port > 64_000) continue;
    if (
      await probe(port + 1).then(
        () => true,
        () => false,
      )
    )
      return port;
  }
  throw new Error('no two consecutive free ports');
};

export type TestBroker = {
  brokers: string[];
  port: number;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  /** Stops the broker and deletes its data. */
  destroy: () => Promise<void>;
};

export const startTestBroker = async (): Promise<TestBroker> => {
  const port = await freePortPair();
  const runDir = await mkdtemp(join(tmpdir(), 'cspr-kafka-'));
  const env = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_RUN_DIR: runDir,
    KAFKA_HEAP: '384m',
    KAFKA_STOP_TIMEOUT: '15',
  };
  const script = (command: string) =>
    run('bash', [KAFKA_SCRIPT, command], { env, timeout: 180_000 }).then(() => undefined);
  const broker: TestBroker = {
    brokers: [`127.0.0.1:${port}`],
    port,
    start: () => script('start'),
    stop: () => script('stop'),
    destroy: async () => {
      await script('stop').catch(() => undefined);
      await rm(runDir, { recursive: true, force: true });
    },
  };
  await broker.start();
  return broker;
};
