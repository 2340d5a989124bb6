/**
 * An erased review's uploaded files are withdrawn: their bytes leave the documents store (packages/documents). The
 * files are stored once per content (SHA-256), so a file goes only when no review that is still listed whole
 * references the same bytes: the sweep reads which files the published reports withdraw (an erasure marks them,
 * projection.ts withDocumentsErased) and which they still serve (a listed document addressed `/documents/<sha256>`),
 * and deletes the former's blob and chunks. A document on a partnership's website keeps no stored bytes, even with
 * the same checksum: its page links there.
 *
 * Why a sweep over the read model, run by the live projector in the batch that applies the erasure, rather than a
 * step of the erasure command: the command destroys the keys and appends `PersonalDataErased`; a crash after the
 * append would lose a step run there. The projector applies every event exactly once, in one transaction with its
 * checkpoint: the rows marked withdrawn and the bytes deleted commit together or not at all (a crash between the
 * key's destruction and the deletion leaves the event unapplied, and the projector applies it again on restart).
 * Being computed from the rows, not from the event, it is idempotent: a second run, or a second erasure, deletes
 * nothing more. The projector also runs it when it starts, for a restored backup (its bytes come back with it) and
 * for reviews erased before their files were withdrawn (run `npm run rebuild` once to mark them, then restart).
 * A rebuild never runs it mid-log: its tables hold the log's past, where the same bytes may not yet be published by
 * a review still listed today. The live path can replay the past too (a projector started on empty read models, an
 * in-place rebuild of the earlier kind): there a batch deletes only files stored before its last event was recorded,
 * so bytes uploaded again later (for a review still listed, further on in the log) are never taken for the erased
 * review's. (Both times are the database's clock with the PostgreSQL event store.)
 */
import type { Sql, TransactionSql } from 'postgres';

/**
 * The store's tables a withdrawal deletes rows from: their files keep the deleted bytes as old row versions until
 * rewritten, so a batch that withdrew a file records them for the rewrite after an erasure (pending-rewrites.ts).
 */
export const DOCUMENT_STORE_TABLES: readonly string[] = ['documents.chunks', 'documents.blobs'];

/** Deletes the bytes of files only erased reviews reference; returns their SHA-256s (not personal data). */
export const withdrawErasedDocuments = async (
  sql: Sql | TransactionSql,
  options: { storedBefore?: string } = {},
): Promise<string[]> => {
  // The projector may run where the gateway never migrated the store (a projector-only deployment, tests).
  const [store] = await sql<[{ present: boolean }]>`select to_regclass('documents.blobs') is not null as present`;
  if (!store.present) return [];
  const removed = await sql<{ sha256: string }[]>`
    with document as (
      select d from read_models.published_reports r, jsonb_array_elements(r.documents) d
    ), reference as (
      select d->>'checksum' as sha256, false as kept from document where d->>'withdrawn' = 'true'
      union all
      select substring(d->>'address' from '^/documents/([0-9a-f]{64})$'), true
      from document where d->>'address' ~ '^/documents/[0-9a-f]{64}$'
    ), withdrawn as (
      select sha256 from reference group by sha256 having not bool_or(kept)
    ), blob as (
      delete from documents.blobs b using withdrawn w
      where b.sha256 = w.sha256 and b.stored_at <= coalesce(${options.storedBefore ?? null}::timestamptz, now())
      returning b.sha256, b.storage_key
    ), chunk as (
      delete from documents.chunks c using blob where c.storage_key = blob.storage_key returning 1
    )
    select sha256 from blob`;
  return removed.map((row) => row.sha256);
};
