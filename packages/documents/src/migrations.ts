import type { Sql } from 'postgres';
import { runMigrations } from '@cspr/database';

export const DOCUMENTS_SCHEMA = 'documents';

/**
 * `chunks`: the bytes of every upload in ordered pieces, so neither writing nor serving holds a whole file.
 * `blobs`: one row per distinct content (SHA-256), pointing at the upload whose chunks hold it. An upload that
 * never finished (a crash, a refused type, a file too large) has chunks and no blob; `removeAbandonedUploads`
 * deletes them. The same bytes uploaded twice keep one blob.
 */
const V1 = `
create table documents.chunks (
  storage_key uuid not null,
  seq integer not null,
  bytes bytea not null,
  written_at timestamptz not null default now(),
  primary key (storage_key, seq)
);

create table documents.blobs (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key uuid not null unique,
  size bigint not null check (size > 0),
  media_type text not null,
  extension text not null,
  stored_at timestamptz not null default now()
);
`;

export const migrateDocuments = (sql: Sql): Promise<string[]> =>
  runMigrations(sql, { schema: DOCUMENTS_SCHEMA, migrations: [{ id: '0001-chunks-and-blobs', sql: V1 }] });
