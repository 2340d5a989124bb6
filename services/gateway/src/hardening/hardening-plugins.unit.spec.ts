import { createSchema, createYoga } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { allowListFromDocuments, hardeningPlugins, operationId } from './index';
import type { HardeningOptions } from './index';

// A recursive schema so depth, cost and page size can be pushed as far as a test likes.
const schema = createSchema({
  typeDefs: /* GraphQL */ `
    type Incident {
      id: ID!
      nature: String!
      related(first: Int): [Incident!]!
    }
    type Query {
      hello: String!
      incidents(first: Int, last: Int): [Incident!]!
    }
  `,
  resolvers: {
    Query: {
      hello: () => 'world',
      incidents: (_: unknown, args: { first?: number }) =>
        Array.from({ length: Math.min(args.first ?? 2, 3) }, (_v, i) => ({ id: `i-${i}`, nature: 'death' })),
    },
    Incident: { related: (parent: { id: string }) => [{ id: `${parent.id}-r`, nature: 'harm' }] },
  },
});

const serverWith = (options: HardeningOptions) =>
  createYoga({ schema, plugins: hardeningPlugins(options) as Plugin[], landingPage: false, graphiql: false });

const post = async (yoga: ReturnType<typeof serverWith>, body: unknown, headers: Record<string, string> = {}) => {
  const response = await yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
};

const nested = (depth: number): string => (depth === 0 ? 'id' : `id related { ${nested(depth - 1)} }`);
const dev = serverWith({ production: false, rateLimitPerMinute: 0 });

describe('hardeningPlugins (development)', () => {
  it('lets an ordinary query through', async () => {
    const { status, body } = await post(dev, { query: '{ hello incidents(first: 2) { id nature } }' });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        hello: 'world',
        incidents: [
          { id: 'i-0', nature: 'death' },
          { id: 'i-1', nature: 'death' },
        ],
      },
    });
  });

  it('refuses a query deeper than maxDepth (default 12), fragments included', async () => {
    expect((await post(dev, { query: `{ incidents { ${nested(10)} } }` })).body.errors).toBeUndefined();
    const deep = await post(dev, { query: `{ incidents { ${nested(12)} } }` });
    expect(deep.body.data).toBeUndefined();
    expect(deep.body.errors?.[0]?.message).toMatch(/depth limit of 12/i);
    expect(deep.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    const viaFragments = await post(dev, {
      query: `{ incidents { ...A } } fragment A on Incident { related { related { ...B } } } fragment B on Incident { related { related { id } } }`,
    });
    expect(viaFragments.body.errors).toBeUndefined();
    const shallow = serverWith({ production: false, rateLimitPerMinute: 0, maxDepth: 3 });
    expect(
      (
        await post(shallow, {
          query: `{ incidents { ...A } } fragment A on Incident { related { related { ...B } } } fragment B on Incident { related { id } }`,
        })
      ).body.errors?.[0]?.message,
    ).toMatch(/depth/i);
  });

  it('refuses a query costlier than maxCost', async () => {
    const cheap = serverWith({ production: false, rateLimitPerMinute: 0, maxCost: 50, maxDepth: 50 });
    expect((await post(cheap, { query: '{ incidents { id nature } }' })).body.errors).toBeUndefined();
    const costly = await post(cheap, { query: `{ incidents { ${nested(8)} } }` });
    expect(costly.body.errors?.[0]?.message).toMatch(/cost/i);
    expect(costly.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
  });

  it('refuses too many aliases and too many tokens', async () => {
    const aliases = Array.from({ length: 16 }, (_v, i) => `a${i}: hello`).join(' ');
    expect((await post(dev, { query: `{ ${aliases} }` })).body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    const tokens = `{ ${Array.from({ length: 2100 }, () => 'hello').join(' ')} }`;
    const tooLong = (await post(dev, { query: tokens })).body;
    expect(tooLong.errors?.[0]?.message).toMatch(/token limit/i);
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('TOO_MANY_TOKENS');
  });

  it('caps page sizes given as literals or variables', async () => {
    const literal = await post(dev, { query: '{ incidents(first: 101) { id } }' });
    expect(literal.body.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_TOO_LARGE');
    const variable = await post(dev, {
      query: 'query($n: Int) { incidents { related(first: $n) { id } } }',
      variables: { n: 5000 },
    });
    expect(variable.body.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_TOO_LARGE');
    expect((await post(dev, { query: '{ incidents(last: -1) { id } }' })).body.errors?.[0]?.extensions?.code).toBe(
      'PAGE_SIZE_TOO_LARGE',
    );
    expect(
      (await post(dev, { query: 'query($n: Int) { incidents(first: $n) { id } }', variables: { n: 100 } })).body.errors,
    ).toBeUndefined();
  });

  it('keeps introspection and arbitrary operations in development', async () => {
    const { body } = await post(dev, { query: '{ __schema { queryType { name } } }' });
    expect(body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('CSRF: refuses a GET or a form-encoded POST without the CSRF header, accepts it with the header', async () => {
    const url = `http://test/graphql?query=${encodeURIComponent('{ hello }')}`;
    const bare = await dev.fetch(url, { method: 'GET' });
    expect(bare.status).toBe(403);
    expect(await bare.text()).toMatch(/CSRF/);
    const withHeader = await dev.fetch(url, { method: 'GET', headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(withHeader.status).toBe(200);
    expect(await withHeader.json()).toEqual({ data: { hello: 'world' } });
    const form = await dev.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B%20hello%20%7D',
    });
    expect(form.status).toBe(403);
  });
});

describe('hardeningPlugins (production)', () => {
  const allowedQuery = 'query Hello { hello }';
  const allowed = {
    ...allowListFromDocuments([allowedQuery]),
    'named-incidents': 'query Incidents($n: Int) { incidents(first: $n) { id } }',
  };
  const prod = serverWith({ production: true, rateLimitPerMinute: 0, allowedOperations: allowed });

  it('runs an allowed operation sent by id or by its exact text', async () => {
    const byHash = await post(prod, {
      extensions: { persistedQuery: { version: 1, sha256Hash: operationId(allowedQuery) } },
    });
    expect(byHash.body).toEqual({ data: { hello: 'world' } });
    const byName = await post(prod, {
      variables: { n: 1 },
      extensions: { persistedQuery: { version: 1, sha256Hash: 'named-incidents' } },
    });
    expect(byName.body).toEqual({ data: { incidents: [{ id: 'i-0' }] } });
    expect((await post(prod, { query: allowedQuery })).body).toEqual({ data: { hello: 'world' } });
  });

  it('refuses any other operation, unknown ids and requests without either', async () => {
    for (const body of [
      { query: '{ hello }' },
      { query: `${allowedQuery} ` },
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'nope' } } },
      {},
    ]) {
      const result = await post(prod, body);
      expect(result.status).toBe(400);
      expect(result.body.data).toBeUndefined();
      expect(result.body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_ALLOWED');
    }
  });

  it('turns introspection off even if an introspection query were allowed', async () => {
    const introspection = '{ __schema { types { name } } }';
    const withIntrospection = serverWith({
      production: true,
      rateLimitPerMinute: 0,
      allowedOperations: allowListFromDocuments([introspection]),
    });
    const { body } = await post(withIntrospection, { query: introspection });
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('does not spell out limits to callers', async () => {
    const deepQuery = `{ incidents { ${nested(14)} } }`;
    const deepProd = serverWith({
      production: true,
      rateLimitPerMinute: 0,
      allowedOperations: allowListFromDocuments([deepQuery]),
    });
    const { body } = await post(deepProd, { query: deepQuery });
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]).toEqual({
      message: 'Syntax Error: The query is too deep.',
      extensions: { code: 'QUERY_TOO_DEEP' },
    });
  });

  it('refuses to build without an allow-list', () => {
    expect(() => hardeningPlugins({ production: true })).toThrow(/allow-list/);
  });
});

describe('rate limit defaults', () => {
  const ask = (yoga: ReturnType<typeof serverWith>) =>
    post(yoga, { query: '{ hello }' }, { authorization: 'Bearer same-token' });
  it('limits at 120 a minute per token in production, and is off in development unless asked for', async () => {
    const prod = serverWith({ production: true, allowedOperations: allowListFromDocuments(['{ hello }']) });
    const statuses = [];
    for (let i = 0; i < 130; i += 1) statuses.push((await ask(prod)).status);
    // 120 at once, plus the trickle refilled while the loop runs (2 a second).
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeLessThan(126);
    expect(statuses.slice(-5)).toContain(429);
    const devDefault = serverWith({ production: false });
    for (let i = 0; i < 130; i += 1) expect((await ask(devDefault)).status).toBe(200);
  });
});
