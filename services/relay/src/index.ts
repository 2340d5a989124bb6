export { createRelay } from './relay';
export type { Relay, RelayOptions } from './relay';
export type { RelayStatus, RelayState, RelayLag } from './relay-status';
export { kafkaSecurityOptions, type KafkaSecurity } from './feed-publisher';
export { migrateRelay } from './relay-checkpoint';
export { consumeFeed } from './feed-consumer';
export type { FeedConsumer, FeedConsumerOptions, ReceivedNotification } from './feed-consumer';
export { kafkaCheck, relayCheck } from './relay-health';
export { createRelayHealthServer } from './relay-health-server';
