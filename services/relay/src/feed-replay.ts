/**
 * Replays the Ofsted feed from a log position: reads the events after `from` (up to and including `to`), maps them
 * exactly as the relay does, and publishes them again to the topic. For a consumer that lost data: consumers
 * de-duplicate on `ce_id`, so a replay is always safe. The relay's own checkpoint is neither read nor moved.
 */
import { FEED_TOPIC, FEED_UNREAD_DATA, isOnFeed, needsOrigin, toFeedMessage, type FeedMessage } from '@cspr/feed';
import { formatPosition, type EventStore, type LogPosition } from '@cspr/event-store';
import { createFeedPublisher, type KafkaSecurity } from './feed-publisher';
import { silentLogger, type RelayLogger } from './relay-logger';
import { createStreamOrigins } from './stream-origins';

export type FeedReplayOptions = {
  store: EventStore;
  brokers: string[];
  /** TLS and SASL to the brokers (`config.kafka`). Default: plaintext, no SASL. */
  security?: KafkaSecurity;
  /** Replays events strictly after this position (a consumer's or relay's last handled position; LOG_START for all). */
  from: LogPosition;
  /** Last position to replay, inclusive. Default: the head of the log when the replay starts. */
  to?: LogPosition;
  /** Default `cspr.notifications.v1`. */
  topic?: string;
  /** Events read per batch. Default 500. */
  batchSize?: number;
  logger?: RelayLogger;
  onProgress?: (progress: { position: string; events: number; published: number }) => void;
};

export type FeedReplayResult = { events: number; published: number; from: string; to: string };

const atOrBefore = (a: LogPosition, b: LogPosition) =>
  a.commit < b.commit || (a.commit === b.commit && a.prepare <= b.prepare);

export const replayFeed = async (options: FeedReplayOptions): Promise<FeedReplayResult> => {
  const { store } = options;
  const to = options.to ?? (await store.headPosition());
  const publisher = createFeedPublisher({
    brokers: options.brokers,
    ...(options.security ? { security: options.security } : {}),
    topic: options.topic ?? FEED_TOPIC,
    logger: options.logger ?? silentLogger,
  });
  const origins = createStreamOrigins(store);
  let after = options.from;
  let events = 0;
  let published = 0;
  try {
    for (;;) {
      const batch = (
        await store.readAll({ after, maxCount: options.batchSize ?? 500, leaveOutData: FEED_UNREAD_DATA })
      ).filter((e) => atOrBefore(e.position, to));
      if (batch.length === 0) break;
      const batchOrigins = await origins.ofBatch(batch);
      const messages: FeedMessage[] = [];
      for (const event of batch) {
        if (!isOnFeed(event.type)) continue;
        const message = toFeedMessage(event, needsOrigin(event.type) ? batchOrigins.get(event.streamId) : undefined);
        if (message) messages.push(message);
      }
      await publisher.send(messages);
      events += batch.length;
      published += messages.length;
      after = batch.at(-1)!.position;
      options.onProgress?.({ position: formatPosition(after), events, published });
    }
  } finally {
    await publisher.close();
  }
  return { events, published, from: formatPosition(options.from), to: formatPosition(to) };
};
