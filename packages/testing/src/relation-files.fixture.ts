import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from 'postgres';

/**
 * Which raw files of `tables` (schema-qualified), their TOAST tables and their indexes hold any of `needles`, after
 * a CHECKPOINT wrote the shared buffers out: what someone holding the database files would find, old row versions
 * included. Read from the data directory when this process may, else through `pg_read_binary_file` (a superuser's; PGlite's
 * data directory is a path inside its own file system). Answers `relation: needle` per finding.
 */
export const relationFilesHolding = async (
  sql: Sql,
  tables: readonly string[],
  needles: readonly string[],
): Promise<string[]> => {
  await sql`checkpoint`;
  const [{ dir }] = await sql<[{ dir: string }]>`select current_setting('data_directory') as dir`;
  const relations = await sql<{ name: string; path: string | null }[]>`
    select c.oid::regclass::text as name, pg_relation_filepath(c.oid) as path from pg_class c
    where c.oid in (
      select t.oid from pg_class t where t.oid = any(${tables}::text[]::regclass[])
      union select t.reltoastrelid from pg_class t where t.oid = any(${tables}::text[]::regclass[])
      union select i.indexrelid from pg_index i where i.indrelid = any(${tables}::text[]::regclass[]))`;
  const found: string[] = [];
  for (const { name, path } of relations) {
    if (!path) continue;
    // A relation with no file yet (empty) fails both ways: nothing to search.
    const bytes = await readFile(join(dir, path)).catch(() =>
      sql<[{ bytes: Buffer }]>`select pg_read_binary_file(${path}::text) as bytes`.then(
        ([row]) => row.bytes,
        () => null,
      ),
    );
    for (const needle of needles) if (bytes?.includes(Buffer.from(needle))) found.push(`${name}: ${needle}`);
  }
  return found;
};
