import { randomBytes } from 'node:crypto';
import { access, cp, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { Sql } from 'postgres';
import { openDatabase, serverConnection } from '@cspr/database';
import type { Database, Wakeups } from '@cspr/database';

/** Admin connection used to create and drop test databases. */
export const testAdminUrl = (): string =>
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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
  const server = serverConnection(testAdminUrl());
  const admin = postgres(server.url, { max: 1, ...server.options, onnotice: () => undefined });
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

const pgliteVersion = async (): Promise<string> => {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite') return pkg.version ?? 'unknown';
    } catch {
      // not this folder: keep walking up
    }
  }
  return 'unknown';
};

/**
 * A freshly initialised PGlite data folder, shared by every test process on the machine: initdb in WebAssembly
 * takes 5 to 20 s on a busy machine, a copy about 1 s. Built once in a private folder, then renamed into place
 * (atomic), so nobody copies half a template; a process that loses the race throws its own away.
 */
const embeddedTemplate = async (): Promise<string> => {
  const template = join(tmpdir(), `cspr-pglite-template-${await pgliteVersion()}`);
  try {
    await access(join(template, 'PG_VERSION'));
    return template;
  } catch {
    const building = await mkdtemp(join(tmpdir(), 'cspr-pglite-building-'));
    const db = await PGlite.create(building);
    await db.close();
    await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
    return template;
  }
};

/** Embedded PGlite in a fresh temporary folder (a copy of an empty template), opened as the embedded default is. */
export const withEmbeddedDatabase = async (): Promise<EmbeddedTestDatabase> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'cspr-pglite-'));
  await cp(await embeddedTemplate(), dataDir, { recursive: true });
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
