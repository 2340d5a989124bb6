export { createPostgresEventStore } from './postgres-event-store';
export type { PostgresEventStoreOptions } from './postgres-event-store';
export { migrateEventStore, eventStoreMigrations, DEFAULT_SCHEMA } from './schema';
