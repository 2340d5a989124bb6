import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hardeningPlugins } from './index';

// Over a real socket: Content-Length comes from the client, the client address from the connection.
const schema = createSchema({
  typeDefs: 'type Query { echo(text: String!): String! }',
  resolvers: { Query: { echo: (_: unknown, a: { text: string }) => a.text } },
});
const yoga = createYoga({
  schema,
  plugins: hardeningPlugins({
    production: false,
    maxBodyBytes: 2000,
    rateLimitPerMinute: 60,
    rateLimitBurst: 5,
  }) as Plugin[],
  landingPage: false,
});
const server = createServer(yoga);
let url: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const body = (text: string) =>
  JSON.stringify({ query: 'query($t: String!) { echo(text: $t) }', variables: { t: text } });
const post = (init: RequestInit & { duplex?: 'half' }, token = 'token-e2e') =>
  fetch(url, {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  } as RequestInit);

describe('hardening over HTTP', () => {
  it('serves a normal request and refuses a declared oversized body with 413', async () => {
    const ok = await post({ body: body('hello') }, 'token-1');
    expect(await ok.json()).toEqual({ data: { echo: 'hello' } });
    const big = await post({ body: body('x'.repeat(5000)) }, 'token-1');
    expect(big.status).toBe(413);
    expect((await big.json()).errors[0].extensions.code).toBe('REQUEST_TOO_LARGE');
  });

  it('refuses a chunked oversized body with 413', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        for (let i = 0; i < 50; i += 1) controller.enqueue(new TextEncoder().encode(' '.repeat(100)));
        controller.close();
      },
    });
    const response = await post({ body: stream, duplex: 'half' }, 'token-2');
    expect(response.status).toBe(413);
  });

  it('rate-limits by client address when there is no token', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body('a'),
      });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
