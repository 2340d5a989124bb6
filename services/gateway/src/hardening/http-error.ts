/**
 * A GraphQL-over-HTTP error response for hooks that run before GraphQL (onRequest), where throwing would bubble
 * up to the HTTP server. Same `{ errors: [{ message, extensions: { code } }] }` shape clients see everywhere.
 */
export const graphqlErrorResponse = (
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response =>
  new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/graphql-response+json; charset=utf-8', ...headers },
  });
