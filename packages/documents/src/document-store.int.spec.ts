import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { createDocumentStore, DocumentRefused, type DocumentScanner } from './document-store';
import { migrateDocuments } from './migrations';
import { docxBytes, inPieces, odtBytes, pdfBytes } from './test-files';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateDocuments(db.sql);
});
afterAll(() => db?.drop());

const readAll = async (pieces: AsyncIterable<Uint8Array>) => {
  const parts: Uint8Array[] = [];
  for await (const piece of pieces) parts.push(piece);
  return Buffer.concat(parts);
};
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const chunkRows = async () => Number((await db.sql`select count(*)::int as n from documents.chunks`)[0]!.n);

describe('storing documents by content', () => {
  it('stores a PDF in chunks as it streams in and reads back the same bytes under their SHA-256', async () => {
    const store = createDocumentStore(db.sql, { chunkBytes: 256 * 1024 });
    const bytes = pdfBytes('three chunks and a bit', 700 * 1024);
    const stored = await store.store(inPieces(bytes, 10_000));
    expect(stored).toEqual({ sha256: sha(bytes), size: bytes.length, mediaType: 'application/pdf', extension: 'pdf' });
    expect(await store.stat(stored.sha256)).toEqual(stored);
    const pieces: Uint8Array[] = [];
    for await (const piece of store.read(stored.sha256)) pieces.push(piece);
    expect(pieces.length).toBe(3);
    expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
  });

  it('keeps one copy of the same bytes uploaded twice', async () => {
    const store = createDocumentStore(db.sql);
    const bytes = pdfBytes('uploaded twice');
    const before = await chunkRows();
    const first = await store.store(inPieces(bytes));
    const second = await store.store(inPieces(bytes));
    expect(second).toEqual(first);
    expect(await chunkRows()).toBe(before + 1);
  });

  it('accepts Word and OpenDocument text', async () => {
    const store = createDocumentStore(db.sql);
    expect((await store.store(inPieces(docxBytes()))).mediaType).toMatch(/wordprocessingml/);
    expect((await store.store(inPieces(odtBytes()))).extension).toBe('odt');
  });

  it('refuses a file by what its bytes are, not what it is called, and keeps nothing of it', async () => {
    const store = createDocumentStore(db.sql);
    const before = await chunkRows();
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    await expect(store.store(inPieces(html))).rejects.toMatchObject({ code: 'type-not-allowed' });
    await expect(store.store(inPieces(Buffer.alloc(0)))).rejects.toMatchObject({ code: 'empty' });
    expect(await chunkRows()).toBe(before);
  });

  it('refuses a file over the size limit part-way through the stream and keeps nothing of it', async () => {
    const store = createDocumentStore(db.sql, { maxBytes: 300 * 1024, chunkBytes: 100 * 1024 });
    const before = await chunkRows();
    const error = await store.store(inPieces(pdfBytes('too big', 400 * 1024))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentRefused);
    expect(error).toMatchObject({ code: 'too-large' });
    expect(await chunkRows()).toBe(before);
  });

  it('records no blob when the scanner finds malware, and reads nothing for unknown or malformed ids', async () => {
    const offered: number[] = [];
    const scanner: DocumentScanner = {
      begin: () => ({
        write: async (chunk) => void offered.push(chunk.byteLength),
        verdict: async () => ({ clean: false, reason: 'Eicar-Test-Signature' }),
      }),
    };
    const store = createDocumentStore(db.sql, { scanner });
    const bytes = pdfBytes('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
    await expect(store.store(inPieces(bytes))).rejects.toMatchObject({ code: 'infected' });
    expect(offered.reduce((a, b) => a + b, 0)).toBe(bytes.length);
    expect(await store.stat(sha(bytes))).toBeUndefined();
    expect(await readAll(store.read(sha(bytes)))).toHaveLength(0);
    expect(await readAll(store.read("'; drop table documents.blobs; --"))).toHaveLength(0);
  });

  it('removes the chunks of an upload abandoned part-way (a crash before the blob was recorded)', async () => {
    const store = createDocumentStore(db.sql);
    await db.sql`insert into documents.chunks (storage_key, seq, bytes, written_at)
      values ('00000000-0000-4000-8000-000000000001', 0, ${Buffer.from('%PDF-partial')}, now() - interval '2 hours')`;
    expect(await store.removeAbandonedUploads(60)).toBe(1);
    expect(await store.removeAbandonedUploads(60)).toBe(0);
  });
});
