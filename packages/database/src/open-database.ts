import { mkdir } from 'node:fs/promises';
import postgres from 'postgres';
import type { Sql } from 'postgres';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createInProcessWakeups, createPostgresWakeups } from './wakeups';
import type { Wakeups } from './wakeups';

export type DatabaseOptions = {
  /** A PostgreSQL server. Unset: embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** Folder of the embedded database. Default `./.data/pglite`. Ignored with `databaseUrl`. */
  dataDir?: string;
  /** Pool size on a server. Default 10. The embedded database always has one connection. */
  maxConnections?: number;
};

export type Database = {
  /** postgres.js; int8 columns come back as strings (the driver's default), cast or convert where needed. */
  sql: Sql;
  wakeups: Wakeups;
  /** True on embedded PGlite: one connection, so no LISTEN and no two transactions at once. */
  embedded: boolean;
  close: () => Promise<void>;
};

const quiet = { onnotice: () => undefined };

/** Closing twice (a test and its teardown, two shutdown hooks) must not fail: the second call awaits the first. */
const once = (close: () => Promise<void>): (() => Promise<void>) => {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
};

/**
 * A server URL as postgres.js takes it. A server on the same host may be named by its Unix socket folder the way
 * libpq does, `postgres://user@localhost/db?host=/var/run/postgresql`: postgres.js does not read that `host`
 * (it would send it to the server as a setting), so it is moved to the options, where a path means the socket.
 * A socket skips the TCP stack on every round trip.
 */
export const serverConnection = (databaseUrl: string): { url: string; options: { host?: string } } => {
  const url = new URL(databaseUrl);
  const socketFolder = url.searchParams.get('host');
  if (!socketFolder?.startsWith('/')) return { url: databaseUrl, options: {} };
  url.searchParams.delete('host');
  return { url: url.toString(), options: { host: socketFolder } };
};

const openServer = (databaseUrl: string, max: number): Database => {
  const server = serverConnection(databaseUrl);
  const sql = postgres(server.url, { max, ...server.options, ...quiet });
  // Wake-ups get their own connection: NOTIFY commits without waiting for the disk (losing one in a crash is
  // harmless, readers poll) and never queue behind the application's queries. LISTEN opens one more, lazily.
  const notifier = postgres(server.url, {
    ...server.options,
    max: 1,
    connection: { synchronous_commit: 'off', application_name: 'cspr-wakeups' },
    ...quiet,
  });
  const wakeups = createPostgresWakeups(notifier);
  return {
    sql,
    wakeups,
    embedded: false,
    close: once(async () => {
      await wakeups.close();
      await Promise.all([sql.end({ timeout: 5 }), notifier.end({ timeout: 5 })]);
    }),
  };
};

/**
 * PGlite served over the wire protocol on a free local port, so the same postgres.js code runs on both.
 * The socket server accepts one connection (a second one resets), hence `max: 1`: queries queue in the driver.
 * `sql.listen` would open a second connection, so wake-ups stay in-process.
 */
const openEmbedded = async (dataDir: string): Promise<Database> => {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const [host, port] = server.getServerConn().split(':');
  const sql = postgres({
    host,
    port: Number(port),
    user: 'postgres',
    database: 'postgres',
    max: 1,
    // The one connection must never be dropped while idle: PGlite keeps no state across it, but reconnecting costs.
    idle_timeout: 0,
    ...quiet,
  });
  const wakeups = createInProcessWakeups();
  return {
    sql,
    wakeups,
    embedded: true,
    close: once(async () => {
      await wakeups.close();
      await sql.end({ timeout: 5 });
      await server.stop();
      await db.close();
    }),
  };
};

export const openDatabase = async (options: DatabaseOptions = {}): Promise<Database> =>
  options.databaseUrl
    ? openServer(options.databaseUrl, options.maxConnections ?? 10)
    : openEmbedded(options.dataDir ?? './.data/pglite');
