/**
 * Static files: GOV.UK Frontend and MoJ Frontend (their CSS asks for fonts and images at /assets/...), GDS's
 * accessible autocomplete, and this service's own small stylesheets (screen and print) and script. Served by express.static (the `send` module), which answers a path
 * it cannot decode with 400 and never reads outside its folder; the guard in front answers any malformed path
 * with 400 before a route or a handler sees it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler, type Router } from 'express';

const require = createRequire(import.meta.url);
const govukDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist/govuk');
const mojDir = join(dirname(require.resolve('@ministryofjustice/frontend/package.json')), 'moj');
const autocompleteDist = join(dirname(require.resolve('accessible-autocomplete/package.json')), 'dist');
const ownAssets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');

/** Files a page links to, each under a path that changes with its content so it can be cached for a year. */
const FILES = {
  'govuk-frontend.min.css': join(govukDist, 'govuk-frontend.min.css'),
  'govuk-frontend.min.js': join(govukDist, 'govuk-frontend.min.js'),
  'moj-frontend.min.css': join(mojDir, 'moj-frontend.min.css'),
  'sortable-table.mjs': join(mojDir, 'components/sortable-table/sortable-table.bundle.mjs'),
  'accessible-autocomplete.min.css': join(autocompleteDist, 'accessible-autocomplete.min.css'),
  'accessible-autocomplete.min.js': join(autocompleteDist, 'accessible-autocomplete.min.js'),
  'app.css': join(ownAssets, 'app.css'),
  'print.css': join(ownAssets, 'print.css'),
  'app.mjs': join(ownAssets, 'app.mjs'),
} as const;

export type AssetName = keyof typeof FILES;

const fingerprint = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);

/** `/static/<hash>/<name>`: the address views use (`asset('app.css')`). */
export const assetUrls = (): Record<AssetName, string> =>
  Object.fromEntries(
    Object.entries(FILES).map(([name, file]) => [name, `/static/${fingerprint(file)}/${name}`]),
  ) as Record<AssetName, string>;

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/manifest+json',
};

const setType = (res: express.Response, path: string) => {
  const type = TYPES[path.slice(path.lastIndexOf('.'))];
  if (type) res.setHeader('content-type', type);
  res.setHeader('x-content-type-options', 'nosniff');
};

/** Any path `decodeURIComponent` refuses (`/%ff`, `/%`) is answered 400 here, whatever route it was meant for. */
export const refuseMalformedPaths: RequestHandler = (req, res, next) => {
  try {
    decodeURIComponent(req.path);
    next();
  } catch {
    res.status(400).type('text/plain').send('Bad request: the address is not valid');
  }
};

export const staticAssets = (): Router => {
  const router = express.Router();
  const urls = assetUrls();
  for (const [name, file] of Object.entries(FILES)) {
    // Compressed once, on first request, and kept: the frameworks' CSS shrinks about sevenfold with brotli.
    let copies: { identity: Buffer; br: Buffer; gzip: Buffer } | undefined;
    router.get(urls[name as AssetName], (req, res) => {
      copies ??= (() => {
        const identity = readFileSync(file);
        return {
          identity,
          br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 10 } }),
          gzip: gzipSync(identity, { level: 9 }),
        };
      })();
      const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
      const body = encoding === 'br' ? copies.br : encoding === 'gzip' ? copies.gzip : copies.identity;
      res.set({
        'content-type': TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream',
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        vary: 'accept-encoding',
        ...(encoding === 'br' || encoding === 'gzip' ? { 'content-encoding': encoding } : {}),
      });
      res.send(body);
    });
  }
  // Fonts and images named in the frameworks' CSS: their names do not change with content, so a day.
  const assets = {
    maxAge: '1d',
    fallthrough: true,
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    setHeaders: setType,
  } as const;
  router.use(
    '/assets',
    express.static(join(govukDist, 'assets'), assets),
    express.static(join(mojDir, 'assets'), assets),
  );
  return router;
};
