/**
 * Yoga plugin for the files of published reports, beside GraphQL because files are streams, not JSON:
 * - `POST /documents`: a signed-in partnership or Panel user uploads a file as the raw request body; it is stored by
 *   content and answered with its SHA-256 and address. Uploading publishes nothing: the file is listed and served
 *   only once a report naming it (by that address and checksum) is published through `publishReport`.
 * - `GET|HEAD /documents/<sha256>`: the public downloads a file of a published review, streamed chunk by chunk,
 *   with its type, length, a content-derived ETag, caching and a download name from the listing
 *   ("Child M – Overview Report – September 2019.pdf"). A file of an unpublished, delayed or embargoed review
 *   answers 404, exactly like an unknown one. A file withdrawn by a review's erasure (its bytes deleted, unless a
 *   review still listed whole shares them) answers 410 Gone.
 * Placed before the hardening plugins so the 1 MiB GraphQL body limit does not apply to files (the store enforces
 * its own limit as the bytes stream in).
 */
import { findPublishedDocument } from '@cspr/read-models';
import { DocumentRefused, type DocumentStore } from '@cspr/documents';
import type { Plugin } from 'graphql-yoga';
import type { Sql } from 'postgres';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import { AuthenticationError } from '../auth/verify-token';
import { downloadName } from './download-name';

export type DocumentsOptions = {
  store: DocumentStore;
  sql: Sql;
  /** Who is calling, from the same verification GraphQL uses. */
  principalOf: (request: Request) => Promise<Principal>;
  /** Largest upload, in bytes; a declared Content-Length above it is refused before reading. */
  maxBytes: number;
  logger: Pick<Logger, 'warn' | 'error'>;
};

const UPLOADERS = new Set(['partnership', 'panel']);
const PATH = /^\/documents\/([0-9a-f]{64})$/;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });

const refusal = (status: number, code: string, message: string) => json(status, { error: { code, message } });

const REFUSAL_STATUS: Record<DocumentRefused['code'], number> = {
  'too-large': 413,
  'type-not-allowed': 415,
  empty: 422,
  infected: 422,
};

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

const streamOf = (pieces: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> => {
  const iterator = pieces[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    // Pulled one chunk at a time: a slow reader holds one chunk, not the file.
    pull: async (controller) => {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: async () => {
      await iterator.return?.();
    },
  });
};

const upload = async (request: Request, options: DocumentsOptions): Promise<Response> => {
  let principal: Principal;
  try {
    principal = await options.principalOf(request);
  } catch (error) {
    if (error instanceof AuthenticationError) return refusal(401, 'UNAUTHENTICATED', error.message);
    throw error;
  }
  if (principal.kind !== 'user') return refusal(401, 'UNAUTHENTICATED', 'Sign in to upload a document');
  if (!UPLOADERS.has(principal.role))
    return refusal(403, 'FORBIDDEN', 'Only partnerships and the Panel upload report documents');
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    return refusal(413, 'too-large', `The file is larger than ${Math.floor(options.maxBytes / 1024 / 1024)} MB`);
  }
  if (!request.body) return refusal(422, 'empty', 'The file is empty');
  try {
    const stored = await options.store.store(chunksOf(request.body));
    return json(201, { ...stored, address: `/documents/${stored.sha256}` });
  } catch (error) {
    if (error instanceof DocumentRefused) return refusal(REFUSAL_STATUS[error.code], error.code, error.message);
    throw error;
  }
};

const download = async (request: Request, sha256: string, options: DocumentsOptions): Promise<Response> => {
  const listed = await findPublishedDocument(options.sql, sha256);
  // Withdrawn by an erasure (its bytes deleted): said so, in words that name nothing, and never cached.
  if (listed && 'withdrawn' in listed) return refusal(410, 'GONE', 'This document has been removed from the platform');
  const stored = listed ? await options.store.stat(sha256) : undefined;
  if (!listed || !stored) return refusal(404, 'NOT_FOUND', 'No published document has that address');
  const etag = `"${sha256}"`;
  const headers = {
    'content-type': stored.mediaType,
    'content-length': String(stored.size),
    etag,
    // Content-addressed, so a cached copy is never stale; a day keeps an unpublished report from lingering long.
    'cache-control': 'public, max-age=86400',
    'content-disposition': downloadName(listed, stored.extension),
    'x-content-type-options': 'nosniff',
  };
  if (request.headers.get('if-none-match') === etag)
    return new Response(null, { status: 304, headers: { etag, 'cache-control': headers['cache-control'] } });
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
  return new Response(streamOf(options.store.read(sha256)), { status: 200, headers });
};

export const useDocuments = (options: DocumentsOptions): Plugin => ({
  onRequest: async ({ request, url, endResponse }) => {
    if (url.pathname !== '/documents' && !url.pathname.startsWith('/documents/')) return;
    try {
      if (url.pathname === '/documents') {
        endResponse(
          request.method === 'POST'
            ? await upload(request, options)
            : refusal(405, 'METHOD_NOT_ALLOWED', 'POST a file here'),
        );
        return;
      }
      const sha256 = PATH.exec(url.pathname)?.[1];
      if (!sha256) return endResponse(refusal(404, 'NOT_FOUND', 'No published document has that address'));
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return endResponse(refusal(405, 'METHOD_NOT_ALLOWED', 'GET a document'));
      endResponse(await download(request, sha256, options));
    } catch (error) {
      // Logged by class only: an upload's bytes or a document's title never reach the log.
      options.logger.error({ errorClass: (error as Error)?.name }, 'document request failed');
      endResponse(refusal(500, 'INTERNAL', 'The document could not be handled'));
    }
  },
});
