/**
 * Rate limit per caller: a token bucket per key, refilled continuously at `perMinute` tokens a minute, holding at
 * most `burst`. Over the limit is 429 with Retry-After, decided in onRequest before any parsing.
 *
 * PER INSTANCE: buckets live in this process's memory. N gateway instances behind a balancer allow up to N times
 * the limit, and a restart forgets the buckets. That is acceptable for this load (a few hundred users); a shared
 * limit would need PostgreSQL or a gateway in front.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { graphqlErrorResponse } from './http-error';

export type RateLimitKey = (request: Request, serverContext: Record<string, unknown>) => string;

export type RateLimitOptions = {
  /** Sustained requests per minute per key. */
  perMinute: number;
  /** Requests allowed at once after a quiet spell. Default: `perMinute`. */
  burst?: number;
  /** Who a request counts against. Default `defaultRateLimitKey`. */
  key?: RateLimitKey;
  /** Buckets kept; the least recently seen are forgotten first (a forgotten bucket restarts full). Default 10 000. */
  maxKeys?: number;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
  /** Paths never limited, so probes cannot be starved by, or starve, callers. Default `['/health', '/ready']`. */
  exemptPaths?: string[];
};

/**
 * The bearer token if there is one (as a hash: the token itself is a credential and must not sit in memory maps
 * longer than needed), else the client address. A token is one user's session, so this is "per token"; the
 * gateway can pass a key built from the verified subject instead. Forged tokens each get a bucket but are refused
 * by authentication right after, and `maxKeys` bounds the memory they can take.
 */
export const defaultRateLimitKey: RateLimitKey = (request, serverContext) => {
  const authorization = request.headers.get('authorization');
  if (authorization && /^bearer\s+/i.test(authorization)) {
    return `token:${createHash('sha256')
      .update(authorization.replace(/^bearer\s+/i, ''))
      .digest('base64url')
      .slice(0, 22)}`;
  }
  const socket = (serverContext.req as { socket?: { remoteAddress?: string } } | undefined)?.socket;
  return `ip:${socket?.remoteAddress ?? 'unknown'}`;
};

export type TokenBuckets = { take: (key: string) => { allowed: true } | { allowed: false; retryAfterSeconds: number } };

export const createTokenBuckets = (options: Omit<RateLimitOptions, 'key'>): TokenBuckets => {
  const capacity = options.burst ?? options.perMinute;
  const perMs = options.perMinute / 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take: (key) => {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: time };
      buckets.delete(key);
      bucket.tokens = Math.min(capacity, bucket.tokens + (time - bucket.at) * perMs);
      bucket.at = time;
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
    },
  };
};

export const useRateLimit = (options: RateLimitOptions): Plugin => {
  const buckets = createTokenBuckets(options);
  const keyOf = options.key ?? defaultRateLimitKey;
  const exempt = new Set(options.exemptPaths ?? ['/health', '/ready']);
  return {
    onRequest: ({ request, serverContext, endResponse, url }) => {
      if (exempt.has(url.pathname)) return;
      const result = buckets.take(keyOf(request, serverContext as Record<string, unknown>));
      if (!result.allowed) {
        endResponse(
          graphqlErrorResponse(429, 'RATE_LIMITED', `Too many requests: at most ${options.perMinute} a minute`, {
            'retry-after': String(result.retryAfterSeconds),
          }),
        );
      }
    },
  };
};
