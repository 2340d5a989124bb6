import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createTokenBuckets, useRateLimit } from './rate-limit';

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
