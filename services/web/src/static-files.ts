/**
 * Serves the built application from a folder: a Node request handler the platform can put beside /graphql.
 * Hashed files under /assets/ are cached for a year (their names change with their content); index.html is
 * revalidated every time so a new build is picked up at once.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.map': 'application/json',
};

/** Returns a handler answering GET/HEAD for files in `dir`; it returns false (untouched) for anything else. */
export const createStaticHandler = (dir: string) => async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(dir, relative));
  if (!file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return false;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  // A precompressed copy from the build, when the browser takes it (brotli first: smaller).
  const accepted = String(req.headers['accept-encoding'] ?? '');
  const encodings = [['br', '.br'], ['gzip', '.gz']].filter(([name]) => new RegExp(`\\b${name}\\b`).test(accepted));
  let body = file;
  let size = info.size;
  let encoding: string | undefined;
  for (const [name, suffix] of encodings) {
    const compressed = await stat(file + suffix!).catch(() => undefined);
    if (compressed?.isFile()) {
      [body, size, encoding] = [file + suffix!, compressed.size, name];
      break;
    }
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': size,
    vary: 'accept-encoding',
    ...(encoding ? { 'content-encoding': encoding } : {}),
    'cache-control': relative.startsWith('assets/') && /-[\w-]{8,}\.\w+$/.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    ...(extname(file) === '.html' ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' } : {}),
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(body).pipe(res);
  return true;
};

/**
 * Scripts and styles only from this origin; the one inline script (the GOV.UK `js-enabled` class) is allowed by
 * its hash. Data goes only to /graphql on the same origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='", "style-src 'self'",
  "img-src 'self' data:", "font-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'",
].join('; ');
