/**
 * The Nunjucks environment: views beside their routes under src/, the layout in src/views/, and the govuk-frontend
 * and MoJ Frontend folders on the search path so views call their macros (`govuk/components/button/macro.njk`,
 * `moj/components/timeline/macro.njk`) instead of retyping component markup.
 */
import nunjucks from 'nunjucks';
import type { Express } from 'express';
import { viewFilters } from './view-filters';
import { viewPaths } from './view-paths';

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
  for (const [name, filter] of Object.entries(viewFilters))
    env.addFilter(name, filter as (...args: unknown[]) => unknown);
  return env;
};
