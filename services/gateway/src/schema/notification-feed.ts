/**
 * `notificationFeed`: the Ofsted pull feed for consumers without Kafka. The same minimised CloudEvents the relay
 * publishes (toFeedMessage), read straight from the log after a cursor (a log position), so it is as complete and
 * ordered as the log itself. Ofsted, the Panel and admins.
 */
import { formatPosition, LOG_START, parsePosition } from '@cspr/event-store';
import type { LogPosition, RecordedEvent } from '@cspr/event-store';
import { needsOrigin, originOf, toFeedMessage } from '@cspr/feed';
import type { FeedMessage, StreamOrigin } from '@cspr/feed';
import { builder } from '../builder';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import type { GatewayContext } from '../gateway-context';
import { may } from '../authorization';
import { badInput } from '../read-access';
import { JsonScalar } from './scalars';

/** Events scanned per request at most, so one call stays cheap however sparse the feed is in the log. */
const SCAN_LIMIT = 2000;

const FeedItemType = builder.objectRef<FeedMessage>('FeedItem').implement({
  description:
    'One CloudEvent of the Ofsted feed (cspr.notifications.v1), minimised: no names, dates of birth, addresses or free text.',
  fields: (t) => ({
    id: t.string({ description: 'ce_id: the event id; de-duplicate on it.', resolve: (m) => m.headers.ce_id }),
    type: t.string({
      description: 'ce_type, e.g. uk.gov.cspr.incident.notified.v1.',
      resolve: (m) => m.headers.ce_type,
    }),
    source: t.string({ resolve: (m) => m.headers.ce_source }),
    subject: t.string({ description: 'The incident id.', resolve: (m) => m.headers.ce_subject }),
    time: t.string({ resolve: (m) => m.headers.ce_time }),
    data: t.field({ type: JsonScalar, resolve: (m) => m.data }),
  }),
});

type FeedPage = { items: FeedMessage[]; endCursor: string; hasMore: boolean };

const FeedPageType = builder.objectRef<FeedPage>('NotificationFeedPage').implement({
  fields: (t) => ({
    items: t.field({ type: [FeedItemType], resolve: (p) => p.items }),
    endCursor: t.exposeString('endCursor', {
      description: 'Pass as `after` for the next page (also when `items` is empty).',
    }),
    hasMore: t.exposeBoolean('hasMore'),
  }),
});

const originFor = async (ctx: GatewayContext, event: RecordedEvent, cache: Map<string, StreamOrigin | undefined>) => {
  if (!needsOrigin(event.type)) return undefined;
  if (!cache.has(event.streamId)) {
    const [first] = await ctx.services.store.readStream(event.streamId, { maxCount: 1 });
    cache.set(event.streamId, first ? originOf(first) : undefined);
  }
  return cache.get(event.streamId);
};

builder.queryField('notificationFeed', (t) =>
  t.field({
    type: FeedPageType,
    args: {
      after: t.arg.string({
        required: false,
        description: 'The endCursor of the previous page; absent: from the start of the log.',
      }),
      first: t.arg.int({ required: false, description: 'Items per page, 1–500. Default 100.' }),
      consistentAfter: t.arg.string({
        required: false,
        description: `${CONSISTENT_AFTER_DESCRIPTION} (The feed reads the log itself, so it is never behind; accepted for uniformity.)`,
      }),
    },
    authScopes: may('notificationFeed'),
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      let cursor: LogPosition = LOG_START;
      if (args.after) {
        try {
          cursor = parsePosition(args.after);
        } catch {
          throw badInput('after is not a cursor returned by notificationFeed', 'after');
        }
      }
      const size = Math.max(1, Math.min(500, args.first ?? 100));
      const items: FeedMessage[] = [];
      const origins = new Map<string, StreamOrigin | undefined>();
      let scanned = 0;
      let exhausted = false;
      while (items.length < size && scanned < SCAN_LIMIT) {
        const batch = await ctx.services.store.readAll({
          after: cursor,
          maxCount: Math.min(500, SCAN_LIMIT - scanned),
        });
        if (batch.length === 0) {
          exhausted = true;
          break;
        }
        for (const event of batch) {
          scanned += 1;
          cursor = event.position;
          let message: FeedMessage | undefined;
          try {
            message = toFeedMessage(event, await originFor(ctx, event, origins));
          } catch (error) {
            // A message that cannot be mapped is skipped and logged, as the relay does; the feed keeps going.
            ctx.services.logger.warn({ eventId: event.eventId, type: event.type, err: error }, 'feed: event skipped');
          }
          if (message) items.push(message);
          if (items.length >= size) break;
        }
      }
      return { items, endCursor: formatPosition(cursor), hasMore: !exhausted };
    },
  }),
);
