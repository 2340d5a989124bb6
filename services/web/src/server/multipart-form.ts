/**
 * Forms that carry a file (publishing a report). Each chosen file is streamed, as it arrives, to the gateway's
 * `POST /documents` with the signed-in person's token, so the platform stores it (by SHA-256) and serves it once the
 * report is published; nothing of the file is held here. A file field `document-0-file` becomes
 * `document-0-checksum` and `document-0-stored-address` in the body, or `document-0-file-error` with the gateway's
 * words when it refused the file (too large, not a PDF, Word or ODT file). Other fields as posted.
 * A file is sent only after the form's CSRF field (it comes first in every form) matched this session's token and
 * only for a signed-in person: a forged post uploads nothing, and the CSRF check then refuses it as usual.
 */
import { Readable } from 'node:stream';
import busboy from 'busboy';
import type { RequestHandler } from 'express';
import type { GatewayFetch } from './gateway-client';
import type { SignedInUser } from './signed-in-user';

export type MultipartFormOptions = {
  send: GatewayFetch;
  /** Address of the gateway's `/documents`. Default a placeholder host (in-process only the path matters). */
  documentsUrl?: string;
  /** Largest file passed on; the gateway enforces its own limit too. Default 50 MiB. */
  maxFileBytes?: number;
};

type Stored = { sha256: string; address: string };

const upload = async (
  options: MultipartFormOptions,
  token: string,
  file: Readable,
  mediaType: string,
): Promise<Stored | { error: string }> => {
  const response = await options.send(options.documentsUrl ?? 'http://gateway.internal/documents', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': mediaType || 'application/octet-stream' },
    body: Readable.toWeb(file) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
  const answer = (await response.json().catch(() => ({}))) as Partial<Stored> & { error?: { message?: string } };
  if (response.status === 201 && answer.sha256 && answer.address)
    return { sha256: answer.sha256, address: answer.address };
  return { error: answer.error?.message ?? 'The file could not be stored. Try again.' };
};

export const multipartForm =
  (options: MultipartFormOptions): RequestHandler =>
  (req, res, next) => {
    if (req.method !== 'POST' || !req.is('multipart/form-data')) return next();
    const body: Record<string, string> = {};
    const maxFileBytes = options.maxFileBytes ?? 50 * 1024 * 1024;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 10, fields: 200, fileSize: maxFileBytes + 1, fieldSize: 100_000 },
      });
    } catch {
      res.status(400).type('text/plain').send('Bad request: the form could not be read');
      return;
    }
    const uploads: Promise<void>[] = [];
    parser.on('field', (name, value) => {
      body[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const user = res.locals.user as SignedInUser | undefined;
      const csrf = res.locals.csrfToken as string | undefined;
      const field = name.replace(/-file$/, '');
      if (!user?.accessToken || (csrf !== undefined && body._csrf !== csrf) || !info.filename) {
        stream.resume();
        return;
      }
      stream.on('limit', () => {
        body[`${field}-file-error`] = `The file is larger than ${Math.floor(maxFileBytes / 1024 / 1024)} MB`;
        stream.destroy();
      });
      uploads.push(
        upload(options, user.accessToken, stream, info.mimeType).then(
          (stored) => {
            if ('error' in stored) body[`${field}-file-error`] ??= stored.error;
            else if (!body[`${field}-file-error`]) {
              body[`${field}-checksum`] = stored.sha256;
              body[`${field}-stored-address`] = stored.address;
            }
          },
          () => {
            body[`${field}-file-error`] ??= 'The file could not be stored. Try again.';
          },
        ),
      );
    });
    let refused = false;
    parser.on('error', () => {
      refused = true;
      if (!res.headersSent) res.status(400).type('text/plain').send('Bad request: the form could not be read');
    });
    parser.on('close', () => {
      void Promise.all(uploads).then(() => {
        // A body busboy could not read was answered 400 above: the page must not answer it a second time.
        if (refused || res.headersSent) return;
        req.body = body;
        next();
      });
    });
    req.pipe(parser);
  };
