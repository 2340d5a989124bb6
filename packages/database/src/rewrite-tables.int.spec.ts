import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { Sql } from 'postgres';
import { openDatabase, type Database } from './open-database';
import { rewriteTables } from './rewrite-tables';

// @cspr/testing depends on this package, so the fresh database is made here by hand.
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `cspr_t_${randomBytes(6).toString('hex')}`;
const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });

beforeAll(async () => {
  await admin.unsafe(`create database "${name}"`);
});
afterAll(async () => {
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A table whose one row held `secret` in a short column, an indexed column and a TOASTed one, then was blanked. */
const blankedTable = async (sql: Sql, secret: string) => {
  await sql`create table if not exists public.notes (id int primary key, short text, indexed text, long text)`;
  await sql`create index if not exists notes_indexed on public.notes (indexed)`;
  await sql`delete from public.notes`;
  // Random filler does not compress, so the long value lands in the TOAST table.
  const long = `${secret} ${randomBytes(6000).toString('hex')}`;
  await sql`insert into public.notes values (1, ${secret}, ${secret}, ${long})`;
  await sql`checkpoint`;
  await sql`update public.notes set short = 'Details removed', indexed = 'Details removed', long = 'Details removed'`;
};

/** Which files of the table, its TOAST table and its index hold `secret`, after a CHECKPOINT wrote them out. */
const filesHolding = async (sql: Sql, secret: string, read: (path: string) => Promise<Buffer | null>) => {
  await sql`checkpoint`;
  const relations = await sql<{ name: string; path: string }[]>`
    select c.relname as name, pg_relation_filepath(c.oid) as path from pg_class c
    where c.oid in ('public.notes'::regclass, 'public.notes_indexed'::regclass,
      (select reltoastrelid from pg_class where oid = 'public.notes'::regclass))`;
  expect(relations).toHaveLength(3);
  const found: string[] = [];
  for (const { name, path } of relations) if ((await read(path))?.includes(Buffer.from(secret))) found.push(name);
  return found;
};

describe('rewriteTables on a server', () => {
  let sql: Sql;
  beforeAll(() => {
    sql = postgres(url, { max: 3, onnotice: () => undefined });
  });
  afterAll(async () => {
    await sql.end();
  });
  // From the data directory when this process may read it, else through the server (the test role is a superuser).
  const read = async (path: string) => {
    const [{ dir }] = await sql<[{ dir: string }]>`select current_setting('data_directory') as dir`;
    return readFile(join(dir, path)).catch(
      async () => (await sql<[{ bytes: Buffer }]>`select pg_read_binary_file(${path}::text) as bytes`)[0].bytes,
    );
  };

  it('leaves no byte of an old row version in the table, its TOAST table or its index', async () => {
    const secret = `Zq${randomBytes(8).toString('hex')}`;
    await blankedTable(sql, secret);
    // Without the rewrite the old version is still in every file: the check below sees what it looks for.
    expect((await filesHolding(sql, secret, read)).sort()).toEqual(expect.arrayContaining(['notes', 'notes_indexed']));
    await rewriteTables(sql, ['public.notes'], { analyze: true });
    expect(await filesHolding(sql, secret, read)).toEqual([]);
    const [row] = await sql`select short from public.notes where id = 1`;
    expect(row?.short).toBe('Details removed');
  });

  it('waits for a reader whose snapshot still sees the old version, which the rewrite would otherwise keep', async () => {
    const secret = `Zq${randomBytes(8).toString('hex')}`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let blanked!: () => void;
    const blanking = new Promise<void>((resolve) => (blanked = resolve));
    await sql`create table if not exists public.notes (id int primary key, short text, indexed text, long text)`;
    await sql`delete from public.notes`;
    await sql`insert into public.notes values (1, ${secret}, null, null)`;
    const reader = sql.begin('isolation level repeatable read', async (tx) => {
      await tx`select short from public.notes`; // its snapshot is taken here, before the blanking
      blanked();
      await held;
    });
    await blanking;
    await sql`update public.notes set short = 'Details removed'`;
    await expect(rewriteTables(sql, ['public.notes'], { olderTransactionsTimeoutMs: 300 })).rejects.toThrow(
      /older transaction/,
    );
    const rewrite = rewriteTables(sql, ['public.notes']);
    await sleep(200);
    release();
    await reader;
    await rewrite;
    expect(await filesHolding(sql, secret, read)).toEqual([]);
  });

  it('gives up after the lock timeout instead of queueing every query behind a long transaction', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holder = sql.begin(async (tx) => {
      await tx`lock table public.notes in access share mode`;
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await expect(rewriteTables(sql, ['public.notes'], { lockTimeoutMs: 200 })).rejects.toMatchObject({
      code: '55P03',
    });
    expect(Date.now() - started).toBeLessThan(5000);
    release();
    await holder;
    // The connection it used went back to the pool without the short timeout.
    const settings = await Promise.all([1, 2, 3].map(() => sql`select current_setting('lock_timeout') as v`));
    expect(settings.map(([s]) => s?.v)).toEqual(['0', '0', '0']);
  });

  it('refuses anything but schema-qualified table names', async () => {
    await expect(rewriteTables(sql, ['public.notes; drop table x'])).rejects.toThrow(/schema-qualified/);
  });
});

describe('rewriteTables on embedded PGlite', () => {
  let db: Database;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cspr-rewrite-'));
    db = await openDatabase({ dataDir });
  });
  afterAll(async () => {
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  // PGlite keeps its files in the data folder itself.
  const read = (path: string) => readFile(join(dataDir, path)).catch(() => null);

  it('rewrites the same way on its one connection', async () => {
    const secret = `Zq${randomBytes(8).toString('hex')}`;
    await blankedTable(db.sql, secret);
    expect(await filesHolding(db.sql, secret, read)).toContain('notes');
    await rewriteTables(db.sql, ['public.notes']);
    expect(await filesHolding(db.sql, secret, read)).toEqual([]);
  });
});
