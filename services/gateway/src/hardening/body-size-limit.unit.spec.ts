import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useBodySizeLimit } from './body-size-limit';

const schema = createSchema({
  typeDefs: 'type Query { echo(text: String!): String! }',
  resolvers: { Query: { echo: (_: unknown, args: { text: string }) => args.text } },
});
const yoga = createYoga({ schema, plugins: [useBodySizeLimit(1000)], landingPage: false });
const bodyOf = (text: string) =>
  JSON.stringify({ query: 'query($t: String!) { echo(text: $t) }', variables: { t: text } });

const streamed = (text: string, chunkSize = 100) => {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull: (controller) => {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
};

const postStreamed = (text: string) =>
  yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: streamed(text),
    duplex: 'half',
  } as RequestInit);

describe('useBodySizeLimit', () => {
  it('passes a body within the limit, declared or streamed, unchanged (unicode included)', async () => {
    const text = 'Ünïcødé 👩‍👧 '.repeat(20);
    const declared = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bodyOf(text),
    });
    expect(await declared.json()).toEqual({ data: { echo: text } });
    const chunked = await postStreamed(bodyOf(text));
    expect(await chunked.json()).toEqual({ data: { echo: text } });
  });

  it('answers 413 to a declared Content-Length over the limit without reading it', async () => {
    const body = bodyOf('x'.repeat(2000));
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body is larger than 1000 bytes', extensions: { code: 'REQUEST_TOO_LARGE' } }],
    });
  });

  it('answers 400 to a Content-Length that is not one plain number (request smuggling tries lists)', async () => {
    const body = bodyOf('x');
    for (const declared of [`${Buffer.byteLength(body)}, ${Buffer.byteLength(body)}`, '-1', '1e3']) {
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': declared },
        body,
      });
      expect(response.status, declared).toBe(400);
      expect(await response.json()).toEqual({
        errors: [{ message: 'Content-Length header is invalid', extensions: { code: 'BAD_REQUEST' } }],
      });
    }
  });

  it('answers 413 to a streamed body once it passes the limit', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        pulled += 1;
        controller.enqueue(new Uint8Array(100).fill(32));
      },
    });
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(20);
  });
});
