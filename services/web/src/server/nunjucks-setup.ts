/**
 * The Nunjucks environment: views beside their routes under src/, the layout in src/views/, and the govuk-frontend
 * and MoJ Frontend folders on the search path so views call their macros (`govuk/components/button/macro.njk`,
 * `moj/components/timeline/macro.njk`) instead of retyping component markup.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { Express } from 'express';
import { viewFilters } from './view-filters';

const require = createRequire(import.meta.url);
const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Folders the views may import from, in search order. */
export const viewPaths = (): string[] => [
  srcDir,
  join(dirname(require.resolve('govuk-frontend/package.json')), 'dist'),
  dirname(require.resolve('@ministryofjustice/frontend/package.json')),
];

export type NunjucksOptions = {
  /** Re-read templates on every render (development). Default false: templates are cached after the first read. */
  watch?: boolean;
};

export const nunjucksSetup = (app: Express, options: NunjucksOptions = {}): nunjucks.Environment => {
  const env = nunjucks.configure(viewPaths(), {
    autoescape: true,
    express: app,
    noCache: options.watch ?? false,
    throwOnUndefined: false,
  });
  app.set('view engine', 'njk');
  env.addGlobal('serviceName', 'Child safeguarding practice reviews');
  for (const [name, filter] of Object.entries(viewFilters)) env.addFilter(name, filter as (...args: unknown[]) => unknown);
  return env;
};
