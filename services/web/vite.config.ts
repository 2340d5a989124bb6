/**
 * Vite build of the web application: one HTML page, hash routes, GOV.UK Frontend and MoJ Frontend styles.
 * Their precompiled CSS asks for fonts and images at `/assets/...`, so the build copies those folders there.
 */
import { createHash } from 'node:crypto';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import * as operations from './src/operations';

const root = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const govukAssets = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist/govuk/assets');
const mojAssets = join(dirname(require.resolve('@ministryofjustice/frontend/package.json')), 'moj/assets');

const copyFrontendAssets = (): Plugin => ({
  name: 'cspr-copy-frontend-assets',
  apply: 'build',
  writeBundle: async (options) => {
    const out = options.dir ?? join(root, 'dist');
    await cp(govukAssets, join(out, 'assets'), { recursive: true });
    await cp(mojAssets, join(out, 'assets'), { recursive: true });
  },
});

/** The gateway's production allow-list: exactly the documents this build can send (see src/operations.ts). */
const writeAllowedOperations = (): Plugin => ({
  name: 'cspr-allowed-operations',
  apply: 'build',
  writeBundle: async (options) => {
    const out = options.dir ?? join(root, 'dist');
    const list = Object.fromEntries((Object.values(operations) as unknown[]).filter((doc): doc is string => typeof doc === 'string' && /^(query|mutation) /.test(doc)).map((doc) => [createHash('sha256').update(doc, 'utf8').digest('hex'), doc]));
    await writeFile(join(out, 'allowed-operations.json'), `${JSON.stringify(list, null, 2)}\n`);
  },
});

/**
 * Brotli and gzip copies of text files, made once at build time so the server never compresses per request: on a
 * slow line the first visit's CSS and scripts shrink about sevenfold.
 */
const precompress = (): Plugin => ({
  name: 'cspr-precompress',
  apply: 'build',
  closeBundle: async () => {
    const walk = async (dir: string): Promise<string[]> =>
      (await Promise.all((await readdir(dir, { withFileTypes: true })).map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])))).flat();
    for (const file of (await walk(join(root, 'dist'))).filter((f) => /\.(js|css|html|json|svg)$/.test(f))) {
      const content = await readFile(file);
      if (content.length < 1024) continue;
      await writeFile(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      await writeFile(`${file}.gz`, gzipSync(content, { level: 9 }));
    }
  },
});

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [copyFrontendAssets(), writeAllowedOperations(), precompress()],
  build: {
    outDir: join(root, 'dist'),
    emptyOutDir: true,
    target: 'es2020',
    // GOV.UK and MoJ styles come minified; minifying again only trips on their old-IE media query hacks.
    cssMinify: false,
    // One small bundle: the app is a handful of pages, and one request matters more than splitting on a slow line.
    chunkSizeWarningLimit: 300,
  },
  server: {
    // `npm run dev -w @cspr/web` against a platform running on :4000.
    proxy: { '/graphql': 'http://localhost:4000' },
  },
});
