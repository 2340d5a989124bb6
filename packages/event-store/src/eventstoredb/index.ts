export { createEventStoreDbEventStore } from './eventstoredb-event-store';
export type { EventStoreDbOptions } from './eventstoredb-event-store';
export { normaliseConnectionString, redactConnectionString } from './connection-string';
