import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import type { TableState } from './batch-memory';
import { writeRows } from './batch-sql';
import type { Projection } from './projection';
import { planCopy, readCopyColumns, writeCopies } from './rebuild-copy';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  for (const name of ['by_copy', 'by_upsert'])
    await db.sql.unsafe(`create table public.${name} (
      id text primary key, label text, body jsonb, flag boolean, count integer, amount numeric,
      at timestamptz, kept jsonb not null default '[]'::jsonb)`);
});
afterAll(async () => db?.drop());

type Row = Record<string, unknown>;

const stateOf = (table: string, rows: Row[], existing: string[] = []): TableState => ({
  projection: {
    name: table.replace('public.', ''),
    table,
    key: 'id',
    handles: new Set(),
    keysOf: () => [],
    evolve: () => undefined,
  } satisfies Projection,
  rows: new Map(rows.map((row) => [String(row.id), row])),
  loaded: new Set(existing),
  dirty: new Set(rows.map((row) => String(row.id))),
});

const byCopy = async (rows: Row[], existing: string[] = []) => {
  const state = stateOf('public.by_copy', rows, existing);
  const plan = planCopy(state, new Set(existing), await readCopyColumns(db.sql, 'public.by_copy'), (t) => t);
  await db.sql.begin((tx) => writeCopies(tx, plan ? [plan] : [], [], (t) => t));
};

const dump = (table: string) => db.sql.unsafe(`select to_jsonb(t) - 'id' as row from public.${table} t order by id`);

// Values that text-format COPY must escape or type with care, each as the live path's upsert stores it.
const awkward: Row[] = [
  {
    id: 'a',
    label: 'tab\there, new\nline, back\\slash, return\r, \\N, unicode é ✓',
    body: { text: 'quote " and \\ and \n', nested: [1, null, { x: 'y' }] },
    flag: true,
    count: 7,
    amount: 12.5,
    at: '2025-06-20T10:00:00.000Z',
    kept: ['x'],
  },
  { id: 'b', label: null, body: 'a JSON string', flag: false, count: 0, amount: 0, at: null, kept: [] },
  { id: 'c', label: '', body: 42, flag: null, count: null, amount: null, at: null, kept: { k: '\t' } },
];

describe('rebuild rows written by COPY', () => {
  it('store every value exactly as the live path upsert does', async () => {
    await byCopy(awkward);
    await db.sql.begin((tx) => writeRows(tx, [stateOf('public.by_upsert', awkward)], [], (t) => t));
    expect(await dump('by_copy')).toEqual(await dump('by_upsert'));
    expect((await dump('by_copy'))[0]?.row).toMatchObject({ label: awkward[0]!.label, body: awkward[0]!.body });
  });

  it('replace rows an earlier batch wrote (the keys that existed are deleted first)', async () => {
    await byCopy([{ ...awkward[1]!, label: 'second version', kept: ['y'] }], ['b']);
    const rows = await db.sql`select id, label, kept from public.by_copy order by id`;
    expect(rows).toEqual([
      { id: 'a', label: awkward[0]!.label, kept: ['x'] },
      { id: 'b', label: 'second version', kept: ['y'] },
      { id: 'c', label: '', kept: { k: '\t' } },
    ]);
  });

  it('a row the server rejects fails the batch instead of hanging, and its transaction writes nothing', async () => {
    const bad = byCopy([
      { id: 'd', count: 'not a number', kept: [] },
      { id: 'e', count: 1, kept: [] },
    ]);
    await expect(bad).rejects.toThrow();
    expect(await db.sql`select id from public.by_copy where id in ('d', 'e')`).toEqual([]);
  });
});
