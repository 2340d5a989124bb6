/**
 * Rate limits are one budget across gateway instances, counted in PostgreSQL; X-Forwarded-For counts only when
 * the socket's peer is a configured trusted proxy. Two real gateways share one database here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayFixture, type GatewayFixture } from '../gateway.fixture';
import { clientAddress } from './rate-limit';

const PER_MINUTE = 4;
const QUERY = JSON.stringify({ query: '{ __typename }' });

let first: GatewayFixture;
let second: GatewayFixture;
let firstUrl: string;
let secondUrl: string;

beforeAll(async () => {
  first = await startGatewayFixture({ hardening: { rateLimitPerMinute: PER_MINUTE } });
  // The second instance counts in the first one's database, as two replicas behind a balancer would.
  second = await startGatewayFixture({
    sql: first.db.sql,
    hardening: { rateLimitPerMinute: PER_MINUTE, trustedProxies: ['127.0.0.1'] },
  });
  firstUrl = `${await first.listen()}/graphql`;
  secondUrl = `${await second.listen()}/graphql`;
});
afterAll(async () => {
  await second?.close();
  await first?.close();
});

const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: QUERY }).then(
    (response) => response.status,
  );

describe('shared rate limit', () => {
  it('gives one caller one budget across two instances', async () => {
    const token = { authorization: 'Bearer shared.budget.token' };
    const statuses = [
      await post(firstUrl, token),
      await post(secondUrl, token),
      await post(firstUrl, token),
      await post(secondUrl, token),
    ];
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    // Each instance alone has counted only two: the fifth and sixth are refused because the count is shared.
    expect(await post(firstUrl, token)).toBe(429);
    expect(await post(secondUrl, token)).toBe(429);
    const [row] = await first.db.sql<[{ count: number }]>`select count(*)::int as count from gateway_rate_limits`;
    expect(row.count).toBeGreaterThan(0);
  });

  it('does not give an untrusted peer a new bucket for a spoofed X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE + 2; i += 1)
      statuses.push(await post(firstUrl, { 'x-forwarded-for': `203.0.113.${i + 1}` }));
    expect(statuses.slice(0, PER_MINUTE).filter((s) => s === 429)).toEqual([]);
    expect(statuses.slice(PER_MINUTE)).toEqual([429, 429]);
  });

  it('believes X-Forwarded-For from a trusted proxy: each client its own budget, counted as such', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE + 2; i += 1)
      statuses.push(await post(secondUrl, { 'x-forwarded-for': `198.51.100.${i + 1}` }));
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    const same: number[] = [];
    for (let i = 0; i < PER_MINUTE + 1; i += 1)
      same.push(await post(secondUrl, { 'x-forwarded-for': '198.51.100.200' }));
    expect(same.at(-1)).toBe(429);
  });
});

describe('calls from inside the process', () => {
  it('does not count anonymous calls of the composed pages (no socket) in one shared bucket', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE + 2; i += 1) {
      const response = await first.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: QUERY,
      });
      statuses.push(response.status);
    }
    expect(statuses.filter((s) => s === 429)).toEqual([]);
  });
});

describe('clientAddress', () => {
  const trusted = new Set(['10.0.0.1', '10.0.0.2']);
  it('is the peer unless the peer is a trusted proxy', () => {
    expect(clientAddress('203.0.113.9', '1.2.3.4', trusted)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:10.0.0.1', '1.2.3.4', trusted)).toBe('1.2.3.4');
  });
  it('walks proxies from the right and stops at the first untrusted or malformed hop', () => {
    expect(clientAddress('10.0.0.1', '6.6.6.6, 1.2.3.4, 10.0.0.2', trusted)).toBe('1.2.3.4');
    expect(clientAddress('10.0.0.1', 'garbage, 10.0.0.2', trusted)).toBe('10.0.0.2');
  });
});
