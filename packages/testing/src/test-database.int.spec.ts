import { afterAll, describe, expect, it } from 'vitest';
import { access } from 'node:fs/promises';
import postgres from 'postgres';
import { createTestDatabase, testAdminUrl, withEmbeddedDatabase } from './test-database';

const databaseExists = async (name: string): Promise<boolean> => {
  const admin = postgres(testAdminUrl(), { max: 1 });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    return rows.length === 1;
  } finally {
    await admin.end();
  }
};

describe('createTestDatabase', () => {
  it('creates a fresh, empty database and drops it', async () => {
    const first = await createTestDatabase();
    const second = await createTestDatabase();
    afterAll(async () => {
      await first.drop();
      await second.drop();
    });
    expect(first.name).toMatch(/^cspr_t_[0-9a-f]{12}$/);
    expect(first.name).not.toBe(second.name);
    const [row] = await first.sql<{ db: string }[]>`select current_database() as db`;
    expect(row?.db).toBe(first.name);
    await first.sql`create table t (x int)`;
    const tables = await second.sql`select 1 from information_schema.tables where table_name = 't'`;
    expect(tables).toHaveLength(0);
    await first.drop();
    expect(await databaseExists(first.name)).toBe(false);
  });
});

describe('withEmbeddedDatabase', () => {
  it('opens PGlite in a temporary folder and removes it', async () => {
    const db = await withEmbeddedDatabase();
    try {
      expect(db.database.embedded).toBe(true);
      const [row] = await db.sql<{ n: number }[]>`select 41 + 1 as n`;
      expect(row?.n).toBe(42);
      // Each one is its own copy of the template: what one writes, the next never sees.
      await db.sql`create table mine (x int)`;
      const other = await withEmbeddedDatabase();
      try {
        expect(other.dataDir).not.toBe(db.dataDir);
        expect(await other.sql`select 1 from information_schema.tables where table_name = 'mine'`).toHaveLength(0);
      } finally {
        await other.drop();
      }
    } finally {
      await db.drop();
    }
    await expect(access(db.dataDir)).rejects.toThrow();
  });
});
