/**
 * The gateway's defences against hostile clients, as one list of Yoga/envelop plugins. Add it to createYoga's
 * `plugins` AFTER the auth plugin is fine: everything here runs before or during parsing/validation, except the
 * page-size cap (execute). Error masking stays Yoga's default and is not touched here.
 *
 * Order matters only for cheapness: rate limit and body size run in onRequest (nothing parsed yet), CSRF and
 * introspection in onRequestParse, allowed operations in onParams (before the document is parsed), token count
 * in parse, depth/cost/aliases in validation.
 */
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Sql } from 'postgres';
import { useAllowedOperations } from './allowed-operations';
import type { AllowedOperations } from './allowed-operations';
import { useBodySizeLimit } from './body-size-limit';
import { usePageSizeCap } from './page-size-cap';
import { useProductionErrorMessages } from './production-error-messages';
import { useRateLimit } from './rate-limit';
import type { RateLimitKey } from './rate-limit';

export type HardeningOptions = {
  /** Production: introspection off, only allowed operations, limits not disclosed in error messages. */
  production: boolean;
  /** Deepest field nesting allowed (fragments flattened; introspection ignored). Default 12. */
  maxDepth?: number;
  /** Highest cost allowed: graphql-armor's model, 2 per object field, 1 per scalar, x1.5 per depth level. Default 5000. */
  maxCost?: number;
  /** Most aliases in one operation (alias-based batching attacks). Default 15. */
  maxAliases?: number;
  /** Most tokens in a document, checked while parsing (parser exhaustion). Default 2000. */
  maxTokens?: number;
  /** Largest request body in bytes; larger is 413 before parsing. Default 1 MiB (1 048 576): long free text fits. */
  maxBodyBytes?: number;
  /** Largest `first`/`last` argument on any field. Default 100. */
  maxPageSize?: number;
  /**
   * Requests per minute per token (or per client address without one); shared by all instances with
   * `rateLimitStore`. 0 turns it off. Default 120
   * in production, 0 (off) otherwise: test suites and `yoga.fetch` callers share one address and would trip it.
   */
  rateLimitPerMinute?: number;
  /** Burst size of the rate limit. Default `rateLimitPerMinute`. */
  rateLimitBurst?: number;
  /** Who a request counts against for the rate limit. Default: the bearer token (hashed), else the client address. */
  rateLimitKey?: RateLimitKey;
  /** Proxies whose X-Forwarded-For is believed for the client address (TRUSTED_PROXIES). Default none. */
  trustedProxies?: readonly string[];
  /** The database the rate limit is counted in, shared by every instance. Default none: per-instance memory. */
  rateLimitStore?: Sql;
  /**
   * The allow-list (`{ id: document }`, see loadAllowedOperations). In production it is REQUIRED: only these run.
   * Outside production it is ignored, so developers can write queries freely. Default none.
   */
  allowedOperations?: AllowedOperations;
  /**
   * Headers that mark a request as not a simple cross-site one, for GET and form-encoded POSTs (JSON POSTs are
   * preflighted by browsers anyway). Default `['x-graphql-yoga-csrf']`.
   */
  csrfHeaders?: string[];
};

export const HARDENING_DEFAULTS = {
  maxDepth: 12,
  maxCost: 5000,
  maxAliases: 15,
  maxTokens: 2000,
  maxBodyBytes: 1_048_576,
  maxPageSize: 100,
  /** Production only; see the option. */
  rateLimitPerMinute: 120,
  csrfHeaders: ['x-graphql-yoga-csrf'],
} as const;

/** graphql-armor's errors carry no code; clients need one to tell "simplify your query" from other failures. */
const armorError = (code: string, errorMessage: string) => ({
  errorMessage,
  onReject: [
    (_context: unknown, error: GraphQLError) => {
      Object.assign(error.extensions, { code });
    },
  ],
});

export const hardeningPlugins = (options: HardeningOptions): Plugin[] => {
  const o = {
    ...HARDENING_DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as HardeningOptions & typeof HARDENING_DEFAULTS;
  if (options.production && !options.allowedOperations) {
    throw new Error(
      'Production needs an allow-list of operations (allowedOperations); without one every query would be refused',
    );
  }
  // In production, limits are not spelled out to callers; in development the exact limit helps.
  const exposeLimits = !options.production;
  const plugins: Plugin[] = [];
  const perMinute = options.rateLimitPerMinute ?? (options.production ? HARDENING_DEFAULTS.rateLimitPerMinute : 0);
  if (perMinute > 0) {
    plugins.push(
      useRateLimit({
        perMinute,
        ...(options.rateLimitBurst ? { burst: options.rateLimitBurst } : {}),
        ...(options.rateLimitKey ? { key: options.rateLimitKey } : {}),
        ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
        ...(options.rateLimitStore ? { shared: options.rateLimitStore } : {}),
      }),
    );
  }
  plugins.push(useBodySizeLimit(o.maxBodyBytes));
  plugins.push(useCSRFPrevention({ requestHeaders: [...o.csrfHeaders] }) as Plugin);
  if (options.production) {
    plugins.push(useDisableIntrospection() as Plugin);
    plugins.push(useProductionErrorMessages());
    plugins.push(...useAllowedOperations(options.allowedOperations!));
  }
  plugins.push(
    maxTokensPlugin({
      n: o.maxTokens,
      exposeLimits,
      ...armorError('TOO_MANY_TOKENS', 'The query is too long.'),
    }) as Plugin,
    maxDepthPlugin({
      n: o.maxDepth,
      exposeLimits,
      flattenFragments: true,
      ...armorError('QUERY_TOO_DEEP', 'The query is too deep.'),
    }) as Plugin,
    costLimitPlugin({
      maxCost: o.maxCost,
      exposeLimits,
      ...armorError('QUERY_TOO_COSTLY', 'The query is too costly.'),
    }) as Plugin,
    maxAliasesPlugin({
      n: o.maxAliases,
      exposeLimits,
      ...armorError('TOO_MANY_ALIASES', 'The query has too many aliases.'),
    }) as Plugin,
    usePageSizeCap({ maxPageSize: o.maxPageSize }),
  );
  return plugins;
};
