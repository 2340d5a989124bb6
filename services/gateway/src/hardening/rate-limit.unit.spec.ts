import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { createLeasedCounter, createTokenBuckets, useRateLimit } from './rate-limit';

describe('token buckets', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    let now = 0;
    const buckets = createTokenBuckets({ perMinute: 60, burst: 3, now: () => now });
    expect([1, 2, 3].map(() => buckets.take('a').allowed)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(buckets.take('b').allowed).toBe(true); // keys are independent
    now += 1000; // 60 a minute = one a second
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    now += 60_000; // never more than the burst
    expect([1, 2, 3, 4].map(() => buckets.take('a').allowed)).toEqual([true, true, true, false]);
  });

  it('says how long to wait', () => {
    const buckets = createTokenBuckets({ perMinute: 2, burst: 1, now: () => 0 });
    buckets.take('a');
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('forgets the least recently seen keys beyond maxKeys (memory stays bounded)', () => {
    const buckets = createTokenBuckets({ perMinute: 60, burst: 1, maxKeys: 2, now: () => 0 });
    buckets.take('a');
    buckets.take('b');
    buckets.take('c'); // 'a' forgotten: starts full again
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('c').allowed).toBe(false);
  });
});

describe('leased shared counter', () => {
  /** One shared count (rate-limiter-flexible's own memory store standing in for the table) and its round trips. */
  const sharedStore = (points: number, durationSeconds: number) => {
    const limiter = new RateLimiterMemory({ points, duration: durationSeconds });
    const calls: number[] = [];
    return {
      calls,
      store: async () => ({
        consume: (key: string | number, want?: number) => {
          calls.push(want ?? 1);
          return limiter.consume(key, want);
        },
      }),
    };
  };
  const allowedOf = async (counter: ReturnType<typeof createLeasedCounter>, key: string, n: number) => {
    let allowed = 0;
    for (let i = 0; i < n; i += 1) if ((await counter.take(key)).allowed) allowed += 1;
    return allowed;
  };

  it('allows the limit once across instances, asking the shared count once per lease, not per request', async () => {
    const { calls, store } = sharedStore(120, 60);
    const first = createLeasedCounter(store, 120);
    const second = createLeasedCounter(store, 120);
    let allowed = 0;
    for (let i = 0; i < 100; i += 1) {
      if ((await first.take('t')).allowed) allowed += 1;
      if ((await second.take('t')).allowed) allowed += 1;
    }
    // 200 asked, 120 allowed at most; a few fewer only while the other instance holds an unspent lease.
    expect(allowed).toBeLessThanOrEqual(120);
    expect(allowed).toBeGreaterThanOrEqual(120 - 2 * 15);
    expect(calls.length).toBeLessThan(60);
    // A full window is refused from memory, with how long to wait, without asking again.
    const asked = calls.length;
    const refused = await first.take('t');
    expect(refused).toMatchObject({ allowed: false });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(calls.length).toBe(asked);
  });

  it('counts one by one when little is left, so a small limit is exact across instances', async () => {
    const { calls, store } = sharedStore(4, 60);
    const first = createLeasedCounter(store, 4);
    const second = createLeasedCounter(store, 4);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await first.take('k')).allowed, (await second.take('k')).allowed);
    expect(statuses).toEqual([true, true, true, true, false, false]);
    expect(calls.every((want) => want === 1)).toBe(true);
  });

  it('shares one renewal among concurrent requests, never allowing more than the limit', async () => {
    const { calls, store } = sharedStore(40, 60);
    const counter = createLeasedCounter(store, 40);
    const results = await Promise.all(Array.from({ length: 60 }, () => counter.take('c')));
    expect(results.filter((r) => r.allowed)).toHaveLength(40);
    // Fewer round trips than requests allowed (leases shrink to one near the limit), none for the 20 refused.
    expect(calls.length).toBeLessThan(40);
  });

  it('starts afresh when the window ends (leases end with it)', async () => {
    const { store } = sharedStore(3, 1);
    const counter = createLeasedCounter(store, 3);
    expect(await allowedOf(counter, 'w', 5)).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await allowedOf(counter, 'w', 5)).toBe(3);
  });
});

describe('useRateLimit', () => {
  const schema = createSchema({
    typeDefs: 'type Query { hello: String! }',
    resolvers: { Query: { hello: () => 'world' } },
  });
  const yoga = createYoga({ schema, plugins: [useRateLimit({ perMinute: 60, burst: 2 })], landingPage: false });
  const ask = (token?: string, path = '/graphql') =>
    yoga.fetch(`http://test${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: '{ hello }' }),
    });

  it('limits each token separately and answers 429 with Retry-After and a code', async () => {
    expect((await ask('token-a')).status).toBe(200);
    expect((await ask('token-a')).status).toBe(200);
    const limited = await ask('token-a');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({
      errors: [{ message: 'Too many requests: at most 60 a minute', extensions: { code: 'RATE_LIMITED' } }],
    });
    expect((await ask('token-b')).status).toBe(200);
  });

  // By address over a socket: hardening.e2e.spec.ts and shared-rate-limit.int.spec.ts.
  it('does not count anonymous calls from inside the process (no socket) in one bucket, nor the probes', async () => {
    for (let i = 0; i < 4; i += 1) expect((await ask()).status).toBe(200);
    for (let i = 0; i < 5; i += 1) expect((await yoga.fetch('http://test/health')).status).toBe(200);
  });
});
