/**
 * Rate limit per caller, decided in onRequest before any parsing; over the limit is 429 with Retry-After.
 *
 * SHARED: given the database (`shared`, what createGateway passes), every instance counts in one PostgreSQL table
 * through rate-limiter-flexible's PostgreSQL store (a window of `perMinute` requests per key per minute), so N
 * gateways behind a balancer allow the limit once, not N times, and a restart forgets nothing. If the table cannot
 * be reached the count falls back to this instance's memory (the request is not refused for the limiter's fault).
 *
 * LEASES: an instance does not write the table on every request. It takes a lease of points at once (an eighth of
 * what it last saw left of the window's budget, at most LEASE_MAX, at least 1) and spends it from memory; a window
 * found full is refused from memory until it ends. Tolerance: across all instances a key is never allowed more
 * than `perMinute` in a window (a lease is counted in the table when taken, and never used past the window's end);
 * it may be refused early by at most the leases other instances hold unspent, each at most an eighth of the
 * budget left when taken: 15 of 120 at first, 1 once fewer than 16 are left, so small limits count one by one.
 * Without the database (tests of the plugin alone): a token bucket per key in memory, refilled continuously at
 * `perMinute` a minute, holding at most `burst`.
 *
 * The client address is the socket's peer; `X-Forwarded-For` is believed only when that peer is one of the
 * configured proxies (TRUSTED_PROXIES), so a caller cannot give itself a fresh bucket by writing the header.
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { Plugin } from 'graphql-yoga';
import type { Sql } from 'postgres';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { graphqlErrorResponse } from './http-error';

/** Who a request counts against; undefined: not limited (see rateLimitKey). */
export type RateLimitKey = (request: Request, serverContext: Record<string, unknown>) => string | undefined;

export type RateLimitOptions = {
  /** Sustained requests per minute per key. */
  perMinute: number;
  /** Requests allowed at once after a quiet spell. Default: `perMinute`. */
  burst?: number;
  /** Who a request counts against. Default `rateLimitKey(trustedProxies)`. */
  key?: RateLimitKey;
  /** Proxies whose X-Forwarded-For names the client (TRUSTED_PROXIES). Default none: the socket's peer counts. */
  trustedProxies?: readonly string[];
  /** The database all instances share the count in. Default none: this process's memory only. */
  shared?: Sql;
  /** Buckets kept; the least recently seen are forgotten first (a forgotten bucket restarts full). Default 10 000. */
  maxKeys?: number;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
  /** Paths never limited, so probes cannot be starved by, or starve, callers. Default `['/health', '/ready']`. */
  exemptPaths?: string[];
};

const normalised = (address: string) =>
  address
    .trim()
    .replace(/^::ffff:/, '')
    .toLowerCase();

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then the nearest address in
 * X-Forwarded-For (read from the right) that is not itself a trusted proxy. A malformed entry ends the walk at the
 * last trusted hop, so garbage in the header never becomes a key of its own.
 */
export const clientAddress = (peer: string | undefined, forwardedFor: string | null, trusted: ReadonlySet<string>) => {
  let address = normalised(peer ?? 'unknown');
  if (!forwardedFor || !trusted.has(address)) return address;
  const hops = forwardedFor.split(',').map(normalised).reverse();
  for (const hop of hops) {
    if (isIP(hop) === 0) break;
    address = hop;
    if (!trusted.has(hop)) break;
  }
  return address;
};

/**
 * The bearer token if there is one (as a hash: the token itself is a credential and must not sit in memory maps or
 * the shared table), else the client address. A token is one user's session, so this is "per token". Forged tokens
 * each get a bucket but are refused by authentication right after, and `maxKeys` bounds the memory they can take.
 */
export const rateLimitKey =
  (trustedProxies: readonly string[] = []): RateLimitKey =>
  (request, serverContext) => {
    const authorization = request.headers.get('authorization');
    if (authorization && /^bearer\s+/i.test(authorization)) {
      return `token:${createHash('sha256')
        .update(authorization.replace(/^bearer\s+/i, ''))
        .digest('base64url')
        .slice(0, 22)}`;
    }
    const trusted = new Set(trustedProxies.map(normalised));
    const socket = (serverContext.req as { socket?: { remoteAddress?: string } } | undefined)?.socket;
    // No socket: a call from inside this process (the pages composed with the gateway, through yoga.fetch), made
    // for whichever visitor the pages serve. One shared "unknown" bucket would let a few visitors starve all
    // public pages, so only network callers are counted by address.
    if (!socket) return undefined;
    return `ip:${clientAddress(socket?.remoteAddress, request.headers.get('x-forwarded-for'), trusted)}`;
  };

/** Without trusted proxies: the token, else the socket's peer. */
export const defaultRateLimitKey: RateLimitKey = rateLimitKey();

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

type Counter = { take: (key: string) => Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> };

/** rate-limiter-flexible's PostgreSQL store speaks node-postgres (`query({ text, values })`); postgres.js, adapted. */
const asPgClient = (sql: Sql) => ({
  query: async ({ text, values }: { text: string; values?: unknown[] }) => {
    const rows = await sql.unsafe(text, (values ?? []) as never[]);
    return { rows, rowCount: rows.count };
  },
});

export const RATE_LIMIT_TABLE = 'gateway_rate_limits';

/** Largest lease an instance takes at once, whatever the limit. */
export const LEASE_MAX = 100;
/** A lease is at most this share of the budget left: the instances sharing a key rarely number more. */
const LEASE_SHARE = 8;

type Lease = { left: number; until: number; full: boolean };

/** Points taken from `store` in leases (see LEASES above); one store round trip per lease, not per request. */
export const createLeasedCounter = (
  store: () => Promise<Pick<RateLimiterMemory, 'consume'>>,
  perMinute: number,
  maxKeys = 10_000,
  now: () => number = Date.now,
): Counter => {
  const leases = new Map<string, Lease>();
  const leftSeen = new Map<string, number>();
  const pending = new Map<string, Promise<void>>();
  const remember = <T>(map: Map<string, T>, key: string, value: T) => {
    map.delete(key);
    map.set(key, value);
    if (map.size > maxKeys) map.delete(map.keys().next().value as string);
  };
  const renew = async (key: string) => {
    const want = Math.max(1, Math.min(LEASE_MAX, Math.floor((leftSeen.get(key) ?? perMinute) / LEASE_SHARE)));
    let result: RateLimiterRes;
    let allowed: boolean;
    try {
      result = await (await store()).consume(key, want);
      allowed = true;
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      result = refused;
      allowed = false;
    }
    // The table now holds `consumed` (ours included); what is usable of ours is what did not pass the limit.
    const consumed = result.consumedPoints;
    const usable = allowed ? want : Math.max(0, perMinute - (consumed - want));
    const until = now() + Math.max(result.msBeforeNext, 1);
    remember(leases, key, { left: usable, until, full: usable < want });
    remember(leftSeen, key, Math.max(0, perMinute - consumed));
  };
  const take = async (key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> => {
    for (;;) {
      const lease = leases.get(key);
      const time = now();
      if (lease && lease.until > time) {
        if (lease.left > 0) {
          lease.left -= 1;
          return { allowed: true };
        }
        // The window's budget is spent (the count only grows until the window ends): refused without asking.
        if (lease.full)
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((lease.until - time) / 1000)) };
      } else if (lease) {
        leases.delete(key);
        leftSeen.delete(key);
      }
      // One renewal per key at a time: concurrent requests wait for it, then spend from it.
      let renewal = pending.get(key);
      if (!renewal) {
        renewal = renew(key).finally(() => pending.delete(key));
        pending.set(key, renewal);
      }
      await renewal;
    }
  };
  return { take };
};

const createSharedCounter = (sql: Sql, perMinute: number): Counter => {
  let limiter: RateLimiterPostgres | undefined;
  const ready = new Promise<RateLimiterPostgres>((resolve, reject) => {
    const created: RateLimiterPostgres = new RateLimiterPostgres(
      {
        storeClient: asPgClient(sql),
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        keyPrefix: 'gateway',
        points: perMinute,
        duration: 60,
        // The table unreachable: count in this instance's memory rather than refuse or wave through everyone.
        insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
      },
      (error?: unknown) => (error ? reject(error) : resolve(created)),
    );
  });
  // A failed creation is reported by take() (through the insurance limiter); never an unhandled rejection.
  ready.then((created) => (limiter = created)).catch(() => undefined);
  const memory = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return createLeasedCounter(async () => limiter ?? (await ready.catch(() => undefined)) ?? memory, perMinute);
};

export const useRateLimit = (options: RateLimitOptions): Plugin => {
  const counter: Counter = options.shared
    ? createSharedCounter(options.shared, options.perMinute)
    : (() => {
        const buckets = createTokenBuckets(options);
        return { take: async (key: string) => buckets.take(key) };
      })();
  const keyOf = options.key ?? rateLimitKey(options.trustedProxies);
  const exempt = new Set(options.exemptPaths ?? ['/health', '/ready']);
  return {
    onRequest: async ({ request, serverContext, endResponse, url }) => {
      if (exempt.has(url.pathname)) return;
      const key = keyOf(request, serverContext as Record<string, unknown>);
      if (key === undefined) return;
      const result = await counter.take(key);
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
