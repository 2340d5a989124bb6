/**
 * Calls a govuk-frontend or MoJ Frontend Nunjucks macro from TypeScript and returns its markup. Page builders that
 * assemble a view in code (long read-only summaries, repeated field groups) use this, so the markup is always the
 * macros' own and never retyped.
 */
import nunjucks from 'nunjucks';
import { trusted, type Html } from '../app/html';
import { viewFilters } from './view-filters';
import { viewPaths } from './view-paths';

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(viewPaths()), { autoescape: true });
for (const [name, filter] of Object.entries(viewFilters))
  env.addFilter(name, filter as (...args: unknown[]) => unknown);
const templates = new Map<string, nunjucks.Template>();

const camel = (kebab: string) => kebab.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

/** `macro('govuk', 'summary-list', params)` → the output of `govukSummaryList(params)`. */
export const macro = (family: 'govuk' | 'moj', component: string, params: Record<string, unknown>): Html => {
  const name = `${family}${camel(`-${component}`)}`;
  let template = templates.get(name);
  if (!template) {
    template = new nunjucks.Template(
      `{% from "${family}/components/${component}/macro.njk" import ${name} %}{{ ${name}(params) }}`,
      env,
      undefined,
      true,
    );
    templates.set(name, template);
  }
  return trusted(template.render({ params }).trim());
};

/** A value for a macro's `html` option: an Html result as markup, anything else as text. */
export const content = (value: unknown): { html: string } | { text: string } =>
  typeof value === 'object' && value !== null && '__html' in value
    ? { html: String(value) }
    : { text: value === null || value === undefined ? '' : String(value) };
