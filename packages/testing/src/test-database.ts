import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { Sql } from 'postgres';
import { openDatabase } from '@cspr/database';
import type { Database, Wakeups } from '@cspr/database';

/** Admin connection used to create and drop test databases. */
export const testAdminUrl = (): string => process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = {
  /** Connection string of the fresh database, for code that opens its own pool (e.g. a started service). */
  url: string;
  name: string;
  /** A pool on the fresh database (default 5 connections: many test files share one server), opened through `openDatabase`. */
  sql: Sql;
  wakeups: Wakeups;
  database: Database;
  /** Closes the pool and drops the database, even if other connections are still open. */
  drop: () => Promise<void>;
};

const withAdmin = async <T>(run: (admin: Sql) => Promise<T>): Promise<T> => {
  const admin = postgres(testAdminUrl(), { max: 1, onnotice: () => undefined });
  try {
    return await run(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
};

/**
 * A fresh database `cspr_t_<random>` on the test server (TEST_DATABASE_ADMIN_URL, default the local postgres),
 * so test files and helpers never share state. Call `drop()` in afterAll.
 */
export const createTestDatabase = async (options: { maxConnections?: number } = {}): Promise<TestDatabase> => {
  const name = `cspr_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.unsafe(`create database "${name}"`));
  const url = new URL(testAdminUrl());
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: options.maxConnections ?? 5 });
  let dropped = false;
  return {
    url: url.toString(),
    name,
    sql: database.sql,
    wakeups: database.wakeups,
    database,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await database.close();
      await withAdmin((admin) => admin.unsafe(`drop database if exists "${name}" with (force)`));
    },
  };
};

export type EmbeddedTestDatabase = {
  dataDir: string;
  sql: Sql;
  wakeups: Wakeups;
  database: Database;
  /** Closes PGlite and removes its temporary folder. */
  drop: () => Promise<void>;
};

/** Embedded PGlite in a fresh temporary folder, opened exactly as the embedded default opens it. */
export const withEmbeddedDatabase = async (): Promise<EmbeddedTestDatabase> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'cspr-pglite-'));
  const database = await openDatabase({ dataDir });
  let dropped = false;
  return {
    dataDir,
    sql: database.sql,
    wakeups: database.wakeups,
    database,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
