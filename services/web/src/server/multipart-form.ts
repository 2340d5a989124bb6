/**
 * Forms that carry a file (publishing a report): the file is read only to record its SHA-256 fingerprint and is
 * never stored. A file field `document-0-file` becomes `document-0-checksum` in the body; other fields as posted.
 * Parsed before the CSRF check, which reads the body's `_csrf` like any other form.
 */
import { createHash } from 'node:crypto';
import busboy from 'busboy';
import type { RequestHandler } from 'express';

/** A published report is a PDF of a few megabytes; anything far larger is refused rather than read to the end. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

export const multipartForm: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || !req.is('multipart/form-data')) return next();
  const body: Record<string, string> = {};
  let tooLarge = false;
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { files: 10, fields: 200, fileSize: MAX_FILE_BYTES, fieldSize: 100_000 } });
  } catch {
    res.status(400).type('text/plain').send('Bad request: the form could not be read');
    return;
  }
  const hashing: Promise<void>[] = [];
  parser.on('field', (name, value) => {
    body[name] = value;
  });
  parser.on('file', (name, stream, info) => {
    const hash = createHash('sha256');
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      hash.update(chunk);
    });
    stream.on('limit', () => {
      tooLarge = true;
    });
    hashing.push(new Promise((resolve) => stream.on('close', () => {
      // An empty file input posts a part with no name and no bytes: nothing was chosen.
      if (bytes > 0 && info.filename) body[name.replace(/-file$/, '-checksum')] = hash.digest('hex');
      resolve();
    })));
  });
  parser.on('error', () => {
    if (!res.headersSent) res.status(400).type('text/plain').send('Bad request: the form could not be read');
  });
  parser.on('close', () => {
    void Promise.all(hashing).then(() => {
      if (tooLarge) {
        res.status(413).type('text/plain').send('The file is too large');
        return;
      }
      req.body = body;
      next();
    });
  });
  req.pipe(parser);
};
