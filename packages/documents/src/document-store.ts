/**
 * Stores published documents by content: bytes arrive as a stream, are written in chunks as they come, hashed on
 * the way, and checked for their type from their own first bytes (never from a name). Reading streams the chunks
 * back one at a time, so serving a 50 MB report to many readers holds about one chunk per reader in memory.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import { detectDocumentType, SNIFF_BYTES, type DocumentType } from './document-type';

export type StoredDocument = { sha256: string; size: number; mediaType: string; extension: string };

export type DocumentRefusalCode = 'too-large' | 'type-not-allowed' | 'empty' | 'infected';

/** The upload was refused; nothing of it stays readable. The message names the rule, never the content. */
export class DocumentRefused extends Error {
  constructor(
    readonly code: DocumentRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentRefused';
  }
}

/**
 * Where a deployment plugs in malware scanning (e.g. clamd's INSTREAM): every chunk is offered as it is stored, and
 * the verdict is asked before the blob is recorded. A refusal leaves only chunks that are cleaned up as abandoned.
 */
export type DocumentScanner = {
  begin: () => {
    write: (chunk: Uint8Array) => Promise<void>;
    verdict: () => Promise<{ clean: true } | { clean: false; reason: string }>;
  };
};

export type DocumentStoreOptions = {
  /** Largest document accepted, in bytes. Default 50 MiB. */
  maxBytes?: number;
  /** Size of each stored piece. Default 1 MiB: small enough to bound memory, large enough to keep rows few. */
  chunkBytes?: number;
  scanner?: DocumentScanner;
};

export type DocumentStore = {
  store: (bytes: AsyncIterable<Uint8Array>) => Promise<StoredDocument>;
  stat: (sha256: string) => Promise<StoredDocument | undefined>;
  read: (sha256: string) => AsyncIterable<Uint8Array>;
  /** Deletes the chunks of uploads that never became a blob and are older than `olderThanMinutes` (default 60). */
  removeAbandonedUploads: (olderThanMinutes?: number) => Promise<number>;
};

export const DEFAULT_MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

export const createDocumentStore = (sql: Sql, options: DocumentStoreOptions = {}): DocumentStore => {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const chunkBytes = options.chunkBytes ?? 1024 * 1024;

  const store = async (bytes: AsyncIterable<Uint8Array>): Promise<StoredDocument> => {
    const storageKey = randomUUID();
    const hash = createHash('sha256');
    const scan = options.scanner?.begin();
    let size = 0;
    let seq = 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let type: DocumentType | undefined;

    const flush = async () => {
      if (pendingBytes === 0) return;
      const chunk = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      if (!type) {
        type = await detectDocumentType(chunk.subarray(0, SNIFF_BYTES));
        if (!type)
          throw new DocumentRefused(
            'type-not-allowed',
            'Only PDF, Word (.docx, .doc) and OpenDocument text (.odt) files can be published',
          );
      }
      await sql`insert into documents.chunks (storage_key, seq, bytes) values (${storageKey}, ${seq}, ${chunk})`;
      seq += 1;
      await scan?.write(chunk);
    };

    try {
      for await (const piece of bytes) {
        size += piece.byteLength;
        if (size > maxBytes)
          throw new DocumentRefused('too-large', `The file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB`);
        hash.update(piece);
        pending.push(piece);
        pendingBytes += piece.byteLength;
        // The first chunk waits for enough bytes to tell the type; later ones are written as soon as they fill.
        if (pendingBytes >= chunkBytes) await flush();
      }
      await flush();
      if (size === 0 || !type) throw new DocumentRefused('empty', 'The file is empty');
      const verdict = await scan?.verdict();
      if (verdict && !verdict.clean) throw new DocumentRefused('infected', 'The file did not pass the malware scan');
    } catch (error) {
      await sql`delete from documents.chunks where storage_key = ${storageKey}`.catch(() => undefined);
      throw error;
    }

    const sha256 = hash.digest('hex');
    const found = type;
    // The same bytes uploaded before keep the first blob; this upload's chunks are then not needed.
    const [kept] = await sql<{ storage_key: string }[]>`
      insert into documents.blobs (sha256, storage_key, size, media_type, extension)
      values (${sha256}, ${storageKey}, ${size}, ${found.mediaType}, ${found.extension})
      on conflict (sha256) do update set sha256 = excluded.sha256
      returning storage_key`;
    if (kept!.storage_key !== storageKey) await sql`delete from documents.chunks where storage_key = ${storageKey}`;
    return { sha256, size, mediaType: found.mediaType, extension: found.extension };
  };

  const stat = async (sha256: string): Promise<StoredDocument | undefined> => {
    if (!SHA256.test(sha256)) return undefined;
    const [row] = await sql<{ size: string; media_type: string; extension: string }[]>`
      select size, media_type, extension from documents.blobs where sha256 = ${sha256}`;
    return row ? { sha256, size: Number(row.size), mediaType: row.media_type, extension: row.extension } : undefined;
  };

  async function* read(sha256: string): AsyncIterable<Uint8Array> {
    if (!SHA256.test(sha256)) return;
    const [blob] = await sql<
      { storage_key: string }[]
    >`select storage_key from documents.blobs where sha256 = ${sha256}`;
    if (!blob) return;
    for (let seq = 0; ; seq += 1) {
      const [row] = await sql<{ bytes: Buffer }[]>`
        select bytes from documents.chunks where storage_key = ${blob.storage_key} and seq = ${seq}`;
      if (!row) return;
      yield row.bytes;
    }
  }

  const removeAbandonedUploads = async (olderThanMinutes = 60): Promise<number> => {
    const removed = await sql`
      delete from documents.chunks c
      where c.written_at < now() - make_interval(mins => ${olderThanMinutes})
        and not exists (select 1 from documents.blobs b where b.storage_key = c.storage_key)`;
    return removed.count;
  };

  return { store, stat, read, removeAbandonedUploads };
};
