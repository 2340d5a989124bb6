export { openDatabase, serverConnection } from './open-database';
export type { Database, DatabaseOptions } from './open-database';
export { runMigrations } from './migrations';
export type { Migration, MigrationPlan } from './migrations';
export { createInProcessWakeups, createPostgresWakeups, channelFor } from './wakeups';
export type { Wakeups, PostgresWakeupsOptions } from './wakeups';
