/**
 * The Kafka side of the relay: an idempotent kafkajs producer with one request in flight, so each partition keeps
 * the order we send in, and `acks: all` so a send resolves only once the broker has the messages.
 *
 * After any failed send the producer is thrown away and a fresh one is made for the next attempt: a new producer id
 * and fresh sequence numbers, rather than trusting a producer whose connection or sequence state the failure left
 * unknown (kafkajs can otherwise stay stuck on OUT_OF_ORDER_SEQUENCE_NUMBER after a broker restart).
 */
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import type { KafkaConfig, LogEntry, Producer, SASLOptions } from 'kafkajs';
import type { PlatformConfig } from '@cspr/config';
import type { FeedMessage } from '@cspr/feed';
import type { RelayLogger } from './relay-logger';

/** TLS and SASL to the brokers (KAFKA_SSL, KAFKA_SASL_*): `config.kafka`. */
export type KafkaSecurity = PlatformConfig['kafka'];

/** kafkajs's own options for TLS (system trust store) and SASL; nothing when neither is configured. */
export const kafkaSecurityOptions = (security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> => ({
  ...(security?.ssl ? { ssl: true } : {}),
  ...(security?.sasl ? { sasl: security.sasl as SASLOptions } : {}),
});

export type FeedPublisherOptions = {
  brokers: string[];
  /** TLS and SASL. Default: plaintext, no SASL (a local broker). */
  security?: KafkaSecurity;
  topic: string;
  /** Partitions of the topic when the relay creates it. Default 6. */
  partitions?: number;
  /** Replication factor when the relay creates the topic. Default -1: the broker's default. */
  replicationFactor?: number;
  /** Default `cspr-relay`. */
  clientId?: string;
  logger: RelayLogger;
};

export type FeedPublisher = {
  /** Resolves when the broker acknowledged every message; throws otherwise (the caller retries). */
  send: (messages: FeedMessage[]) => Promise<void>;
  /** Creates the topic when it is missing. */
  ensureTopic: () => Promise<void>;
  /**
   * Checks the topic and connects ahead of the first send, so that they overlap the relay's first read; throws
   * what they throw (the first send tries again).
   */
  warmUp: () => Promise<void>;
  close: () => Promise<void>;
};

const toKafkaHeaders = (headers: FeedMessage['headers']): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([, v]) => typeof v === 'string')) as Record<string, string>;

export const createFeedPublisher = (options: FeedPublisherOptions): FeedPublisher => {
  const { logger, topic } = options;
  const kafka = new Kafka({
    clientId: options.clientId ?? 'cspr-relay',
    brokers: options.brokers,
    ...kafkaSecurityOptions(options.security),
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    // A few quick retries inside kafkajs; the relay's own loop backs off for longer outages.
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 },
    logLevel: logLevel.WARN,
    // kafkajs is loud while a broker is down; the relay logs each failed attempt once itself.
    logCreator: () => (entry: LogEntry) =>
      logger.debug({ kafkajs: entry.namespace, detail: entry.log.message }, 'kafkajs'),
  });
  // Both memoised as promises, so a warm-up and the first send share one connection and one topic check.
  let producer: Promise<Producer> | undefined;
  let topicReady: Promise<void> | undefined;

  const connectFresh = async (): Promise<Producer> => {
    const fresh = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Java-compatible murmur2 on the key: Ofsted's Java or Python producers of test data land on the same partitions.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    try {
      await fresh.connect();
    } catch (error) {
      await fresh.disconnect().catch(() => undefined);
      throw error;
    }
    return fresh;
  };
  const connectedProducer = (): Promise<Producer> => {
    const connecting = (producer ??= connectFresh());
    connecting.catch(() => {
      if (producer === connecting) producer = undefined;
    });
    return connecting;
  };

  const createTopicIfMissing = async () => {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const existing = await admin.listTopics();
      if (!existing.includes(topic)) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: [
            { topic, numPartitions: options.partitions ?? 6, replicationFactor: options.replicationFactor ?? -1 },
          ],
        });
        logger.info({ topic, partitions: options.partitions ?? 6 }, 'relay created the feed topic');
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  };
  const ensureTopic = (): Promise<void> => {
    const checking = (topicReady ??= createTopicIfMissing());
    checking.catch(() => {
      if (topicReady === checking) topicReady = undefined;
    });
    return checking;
  };

  return {
    ensureTopic,
    warmUp: async () => {
      await Promise.all([ensureTopic(), connectedProducer()]);
    },
    send: async (messages) => {
      if (messages.length === 0) return;
      // The topic check and the connection are independent round trips: made side by side.
      const [, p] = await Promise.all([ensureTopic(), connectedProducer()]);
      try {
        await p.send({
          topic,
          acks: -1,
          messages: messages.map((m) => ({ key: m.key, value: m.value, headers: toKafkaHeaders(m.headers) })),
        });
      } catch (error) {
        producer = undefined;
        await p.disconnect().catch(() => undefined);
        throw error;
      }
    },
    close: async () => {
      const connecting = producer;
      producer = undefined;
      const p = await connecting?.catch(() => undefined);
      await p?.disconnect().catch(() => undefined);
    },
  };
};
