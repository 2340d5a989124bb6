/**
 * Refuses request bodies larger than `maxBodyBytes` with 413 before anything parses them. A declared
 * Content-Length is checked at once; a body without one (chunked) is read up to the limit and no further, then
 * handed on as a buffered request, so a client cannot stream an endless body into the JSON parser. A
 * Content-Length that is not one plain number (`10, 10`, as request smuggling tries) is refused with 400.
 *
 * This is the gateway's only body limit: Yoga's own (25 MB) is turned off in yoga.ts, because it pipes every
 * body through a second stream even when its length is declared.
 */
import type { Plugin } from 'graphql-yoga';
import { graphqlErrorResponse } from './http-error';

const tooLarge = (maxBodyBytes: number) =>
  graphqlErrorResponse(413, 'REQUEST_TOO_LARGE', `The request body is larger than ${maxBodyBytes} bytes`, {
    connection: 'close',
  });

/** Reads at most `limit` bytes; undefined when the body is longer. */
const readUpTo = async (
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> => {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(new ArrayBuffer(size));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
};

export const useBodySizeLimit = (maxBodyBytes: number): Plugin => ({
  onRequest: async ({ request, setRequest, endResponse }) => {
    if (request.body === null) return;
    const declared = request.headers.get('content-length');
    if (declared !== null) {
      if (!/^\d+$/.test(declared)) {
        endResponse(
          graphqlErrorResponse(400, 'BAD_REQUEST', 'Content-Length header is invalid', { connection: 'close' }),
        );
        return;
      }
      if (Number(declared) > maxBodyBytes) endResponse(tooLarge(maxBodyBytes));
      // A declared length is enforced by the HTTP layer (a longer body is a protocol error), so no need to count.
      return;
    }
    const body = await readUpTo(request.body, maxBodyBytes);
    if (body === undefined) {
      endResponse(tooLarge(maxBodyBytes));
      return;
    }
    setRequest(new Request(request.url, { method: request.method, headers: request.headers, body }));
  },
});
