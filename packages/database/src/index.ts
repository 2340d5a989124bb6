export { openDatabase, serverConnection } from './open-database';
export type { Database, DatabaseOptions } from './open-database';
export { runMigrations } from './migrations';
export type { Migration, MigrationPlan } from './migrations';
export { createInProcessWakeups, createPostgresWakeups, channelFor } from './wakeups';
export type { Wakeups, PostgresWakeupsOptions } from './wakeups';
export { rewriteTables } from './rewrite-tables';
export type { RewriteTablesOptions } from './rewrite-tables';
export { uuidV7, uuidV7Of, uuidV7Time } from './uuid-v7';
