import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase } from './open-database';
import { runMigrations } from './migrations';
import type { Database } from './open-database';

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

const waitFor = (subscribe: (cb: () => void) => () => void, ms = 3000): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(false);
    }, ms);
    const unsubscribe = subscribe(() => {
      clearTimeout(timer);
      unsubscribe();
      resolve(true);
    });
  });

const migrations = [
  { id: '0001-things', sql: 'create table things (id int primary key); insert into things values (1);' },
  { id: '0002-more', sql: 'insert into things values (2);' },
];

describe('server', () => {
  it('applies migrations once even when two processes start together', async () => {
    const a = await openDatabase({ databaseUrl: url });
    const b = await openDatabase({ databaseUrl: url });
    try {
      const plan = {
        schema: 'mig_test',
        migrations: migrations.map((m) => ({ ...m, sql: m.sql.replaceAll('things', 'mig_test.things') })),
      };
      const [first, second] = await Promise.all([runMigrations(a.sql, plan), runMigrations(b.sql, plan)]);
      expect([...first, ...second].sort()).toEqual(['0001-things', '0002-more']);
      const rows = await a.sql`select id from mig_test.things order by id`;
      expect(rows.map((r) => r.id)).toEqual([1, 2]);
      expect(await runMigrations(a.sql, plan)).toEqual([]);
      const recorded = await a.sql`select id from mig_test.schema_migrations order by id`;
      expect(recorded.map((r) => r.id)).toEqual(['0001-things', '0002-more']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('wakes subscribers in this process and in another one through LISTEN/NOTIFY', async () => {
    const writer = await openDatabase({ databaseUrl: url });
    const reader = await openDatabase({ databaseUrl: url });
    try {
      expect(writer.embedded).toBe(false);
      const remote = waitFor((cb) => reader.wakeups.subscribe('appended', cb));
      const local = waitFor((cb) => writer.wakeups.subscribe('appended', cb));
      // LISTEN is issued asynchronously: give it a moment before the NOTIFY.
      await new Promise((r) => setTimeout(r, 200));
      writer.wakeups.notify('appended');
      expect(await local).toBe(true);
      expect(await remote).toBe(true);
      const other = waitFor((cb) => reader.wakeups.subscribe('elsewhere', cb), 300);
      writer.wakeups.notify('appended');
      expect(await other).toBe(false);
    } finally {
      await writer.close();
      await reader.close();
    }
  });
});

describe('server wake-ups under load', () => {
  it('merges a burst of NOTIFYs into a few, and still wakes the other process after the last one', async () => {
    const writer = await openDatabase({ databaseUrl: url });
    const reader = await openDatabase({ databaseUrl: url });
    try {
      let remote = 0;
      let local = 0;
      reader.wakeups.subscribe('burst', () => (remote += 1));
      writer.wakeups.subscribe('burst', () => (local += 1));
      await new Promise((r) => setTimeout(r, 200));
      for (let i = 0; i < 50; i += 1) writer.wakeups.notify('burst');
      await new Promise((r) => setTimeout(r, 500));
      expect(local).toBe(50);
      expect(remote).toBeGreaterThanOrEqual(1);
      expect(remote).toBeLessThanOrEqual(3);
    } finally {
      await writer.close();
      await reader.close();
    }
  });
});

describe('embedded', () => {
  let db: Database;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cspr-db-'));
    db = await openDatabase({ dataDir });
  });
  afterAll(async () => {
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves PGlite over the wire protocol; concurrent queries queue on its one connection', async () => {
    expect(db.embedded).toBe(true);
    await runMigrations(db.sql, {
      schema: 'mig_test',
      migrations: [{ id: '1', sql: 'create table mig_test.n (x int)' }],
    });
    await Promise.all(Array.from({ length: 100 }, (_, i) => db.sql`insert into mig_test.n values (${i})`));
    const [row] = await db.sql`select count(*)::int as c from mig_test.n`;
    expect(row?.c).toBe(100);
  });

  it('keeps transactions apart from queries issued while they run', async () => {
    const inside = db.sql.begin(async (tx) => {
      await tx`insert into mig_test.n values (-1)`;
      await new Promise((r) => setTimeout(r, 50));
      await tx`select 1/0`;
    });
    const outside = db.sql`select count(*)::int as c from mig_test.n where x = -1`;
    await expect(inside).rejects.toThrow(/division by zero/);
    const [row] = await outside;
    expect(row?.c).toBe(0);
  });

  it('wakes subscribers in process', async () => {
    const woken = waitFor((cb) => db.wakeups.subscribe('appended', cb));
    db.wakeups.notify('appended');
    expect(await woken).toBe(true);
  });

  it('keeps its data across a restart', async () => {
    await db.close();
    db = await openDatabase({ dataDir });
    const [row] = await db.sql`select count(*)::int as c from mig_test.n`;
    expect(row?.c).toBe(100);
  });
});
