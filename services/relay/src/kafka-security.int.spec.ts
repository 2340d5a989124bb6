/**
 * KAFKA_SSL and KAFKA_SASL_* reach kafkajs: against the shared plaintext broker without SASL (127.0.0.1:9092), a
 * publisher told to authenticate is refused by the broker's SASL handshake, one told to use TLS cannot connect,
 * and one with neither publishes as before. The settings come from @cspr/config, as the relay's main.ts reads them.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@cspr/config';
import { createFeedPublisher } from './feed-publisher';
import type { RelayLogger } from './relay-logger';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const silent: RelayLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const tryTopic = async (env: Record<string, string>) => {
  const publisher = createFeedPublisher({
    brokers,
    security: loadConfig(env).kafka,
    topic: `kafka-security-${randomUUID()}`,
    partitions: 1,
    logger: silent,
  });
  try {
    await publisher.ensureTopic();
    return 'connected';
  } catch (error) {
    return `refused: ${error instanceof Error ? `${error.name} ${error.message}` : String(error)}`;
  } finally {
    await publisher.close().catch(() => undefined);
  }
};

describe('Kafka TLS and SASL settings', { timeout: 60_000 }, () => {
  it('connects in plaintext without them', async () => {
    expect(await tryTopic({})).toBe('connected');
  });

  it('authenticates with SASL when configured (the plaintext broker refuses the handshake)', async () => {
    const outcome = await tryTopic({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'relay',
      KAFKA_SASL_PASSWORD: 'secret',
    });
    expect(outcome).toMatch(/^refused: .*SASL/i);
  });

  it('speaks TLS when configured (the plaintext broker cannot complete it)', async () => {
    expect(await tryTopic({ KAFKA_SSL: 'true' })).toMatch(/^refused:/);
  });
});
