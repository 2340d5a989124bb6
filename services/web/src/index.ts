/**
 * The web application as the platform sees it: where the built files are, and a build that runs when they are
 * missing or older than the sources (so `npm start` works on a fresh clone without a separate build step).
 */
import { existsSync } from 'node:fs';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of the built application (index.html and assets/): serve it at `/` beside `/graphql`. */
export const webAssetsDir = (): string => join(packageDir, 'dist');

/** Builds the application with Vite into `webAssetsDir()`. Vite is loaded only when a build is needed. */
export const buildWeb = async (options: { quiet?: boolean } = {}): Promise<string> => {
  const { build, createLogger } = await import('vite');
  // GOV.UK's CSS asks for /assets/... on purpose (the build copies them there): Vite's note about each is noise.
  const logger = createLogger(options.quiet === false ? 'info' : 'warn');
  const noise = (message: string) => message.includes("didn't resolve at build time");
  const { warn, warnOnce, info } = logger;
  logger.warn = (message, opts) => (noise(message) ? undefined : warn(message, opts));
  logger.warnOnce = (message, opts) => (noise(message) ? undefined : warnOnce(message, opts));
  logger.info = (message, opts) => (noise(message) ? undefined : info(message, opts));
  await build({ configFile: join(packageDir, 'vite.config.ts'), customLogger: logger, logLevel: options.quiet === false ? 'info' : 'warn' });
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

const LOCK = join(packageDir, '.build.lock');
/** A lock older than this is from a build that died: taken over. */
const STALE_LOCK_MS = 120_000;

/**
 * Test files run in parallel processes and each may find dist missing: one builds while the others wait, then
 * find it fresh. The lock is a file created exclusively (`wx`), so it works across processes.
 */
const withBuildLock = async <T>(run: () => Promise<T>): Promise<T> => {
  for (;;) {
    try {
      const handle = await open(LOCK, 'wx');
      await handle.close();
      break;
    } catch {
      const age = await stat(LOCK).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) await rm(LOCK, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await run();
  } finally {
    await rm(LOCK, { force: true });
  }
};

/** Builds when dist is absent or stale (sources newer than dist/index.html); returns the assets folder either way. */
export const ensureWebBuilt = async (options: { quiet?: boolean } = {}): Promise<string> => {
  if (!(await isWebBuildStale())) return webAssetsDir();
  return withBuildLock(async () => ((await isWebBuildStale()) ? buildWeb(options) : webAssetsDir()));
};

export { createStaticHandler, CONTENT_SECURITY_POLICY } from './static-files';
