/**
 * The web application as the platform sees it: where the built files are, and a build that runs when they are
 * missing or older than the sources (so `npm start` works on a fresh clone without a separate build step).
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of the built application (index.html and assets/): serve it at `/` beside `/graphql`. */
export const webAssetsDir = (): string => join(packageDir, 'dist');

/** Builds the application with Vite into `webAssetsDir()`. Vite is loaded only when a build is needed. */
export const buildWeb = async (options: { quiet?: boolean } = {}): Promise<string> => {
  const { build } = await import('vite');
  await build({ configFile: join(packageDir, 'vite.config.ts'), logLevel: options.quiet === false ? 'info' : 'warn' });
  return webAssetsDir();
};

const newestChange = async (path: string): Promise<number> => {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.filter((e) => !e.endsWith('.spec.ts')).map((e) => newestChange(join(path, e))));
  return Math.max(info.mtimeMs, ...times);
};

/** True when dist is missing or a source (src/, index.html, vite config) changed after the last build. */
export const isWebBuildStale = async (): Promise<boolean> => {
  const builtIndex = join(webAssetsDir(), 'index.html');
  if (!existsSync(builtIndex)) return true;
  const built = (await stat(builtIndex)).mtimeMs;
  const sources = await Promise.all(['src', 'index.html', 'vite.config.ts'].map((p) => newestChange(join(packageDir, p))));
  return Math.max(...sources) > built;
};

/** Builds when dist is absent or stale; returns the assets folder either way. */
export const ensureWebBuilt = async (options: { quiet?: boolean } = {}): Promise<string> =>
  (await isWebBuildStale()) ? buildWeb(options) : webAssetsDir();
export { createStaticHandler } from './static-files';
