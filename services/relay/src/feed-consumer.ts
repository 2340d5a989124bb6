/**
 * A consumer of the Ofsted feed, written as the example for Ofsted's engineers (see README.md).
 *
 * What a consumer of `cspr.notifications.v1` has to get right, in the order it matters:
 * 1. Delivery is AT LEAST ONCE: after a relay or broker failure a message may arrive again, always with the same
 *    `ce_id`. Keep the ids you have handled and skip repeats. Here: a Set, which the command restores from its
 *    output file on start, so de-duplication survives restarts.
 * 2. Order holds PER INCIDENT (the key is the incident id, one incident = one partition). Do not rely on order
 *    across incidents. Kafka hands us each partition's messages in order; we handle one message at a time.
 * 3. Commit the offset only after the message is handled: kafkajs resolves an offset when `eachMessage` returns,
 *    so a crash in between redelivers the message (and point 1 absorbs it).
 * 4. The value is JSON matching the schema named by `ce_type` (packages/feed/schemas); ignore fields you do not
 *    know, and treat an unknown `ce_type` as something to log, not to crash on.
 */
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer, IHeaders } from 'kafkajs';
import { createFeedValidator, FEED_TOPIC } from '@cspr/feed';
import { kafkaSecurityOptions, type KafkaSecurity } from './feed-publisher';

export type ReceivedNotification = {
  /** `ce_id`: the event id, unique per notification. */
  id: string;
  type: string;
  source: string;
  /** The incident id. */
  subject: string;
  time: string;
  traceparent?: string;
  data: unknown;
  partition: number;
  offset: string;
};

export type FeedConsumerOptions = {
  brokers: string[];
  /** TLS and SASL to the brokers (KAFKA_SSL, KAFKA_SASL_*). Default: plaintext, no SASL. */
  security?: KafkaSecurity;
  /** Default `cspr.notifications.v1`. */
  topic?: string;
  /** Your consumer group: Kafka remembers your position under it. */
  groupId: string;
  /** Where a NEW group starts: the beginning of the topic (true) or only new messages (false, the default). */
  fromBeginning?: boolean;
  /** Ids already handled (e.g. restored from your store): these are skipped. Default: an empty set. */
  seen?: Set<string>;
  /** Called once per notification, in order per incident. When it throws, the message is retried. */
  onNotification: (notification: ReceivedNotification) => Promise<void> | void;
  /** Called for a repeat delivery that was skipped. */
  onDuplicate?: (id: string) => void;
  /** Called for a message that does not match its published schema (it is still delivered). */
  onInvalid?: (id: string | undefined, errors: string[]) => void;
};

export type FeedConsumer = {
  /** Resolves once the consumer has joined its group and been given partitions. */
  ready: Promise<void>;
  stop: () => Promise<void>;
};

const headerText = (headers: IHeaders | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
};

export const consumeFeed = async (options: FeedConsumerOptions): Promise<FeedConsumer> => {
  const seen = options.seen ?? new Set<string>();
  const validator = createFeedValidator();
  const kafka = new Kafka({
    clientId: `${options.groupId}-consumer`,
    brokers: options.brokers,
    ...kafkaSecurityOptions(options.security),
    logLevel: logLevel.NOTHING,
    retry: { retries: 20, maxRetryTime: 2_000 },
  });
  const consumer: Consumer = kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: false });
  let joined: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    joined = resolve;
  });
  consumer.on(consumer.events.GROUP_JOIN, () => joined());

  await consumer.connect();
  await consumer.subscribe({ topics: [options.topic ?? FEED_TOPIC], fromBeginning: options.fromBeginning ?? false });
  await consumer.run({
    // One message at a time: simplest way to keep per-incident order in your own processing.
    eachMessage: async ({ partition, message }) => {
      const headers = Object.fromEntries(
        ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_subject', 'ce_time', 'content-type', 'traceparent'].map(
          (name) => [name, headerText(message.headers, name)],
        ),
      );
      const id = headers.ce_id;
      if (id !== undefined && seen.has(id)) {
        options.onDuplicate?.(id);
        return;
      }
      const value = message.value?.toString() ?? '';
      const check = validator.validate({ headers, value });
      if (!check.valid) options.onInvalid?.(id, check.errors);
      let data: unknown;
      try {
        data = JSON.parse(value);
      } catch {
        data = undefined;
      }
      await options.onNotification({
        id: id ?? `${partition}:${message.offset}`,
        type: headers.ce_type ?? 'unknown',
        source: headers.ce_source ?? '',
        subject: headers.ce_subject ?? message.key?.toString() ?? '',
        time: headers.ce_time ?? '',
        ...(headers.traceparent ? { traceparent: headers.traceparent } : {}),
        data,
        partition,
        offset: message.offset,
      });
      // Remember the id only once handled: a failure above means Kafka delivers it again.
      if (id !== undefined) seen.add(id);
    },
  });
  return { ready, stop: () => consumer.disconnect() };
};
