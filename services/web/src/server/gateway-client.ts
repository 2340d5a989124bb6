/**
 * How the web server calls the gateway's GraphQL API with the signed-in person's token. The transport is a
 * `fetch`-shaped function: in the one-process platform it is the gateway's own `yoga.fetch` (no socket, no port,
 * nothing to configure); as separate services it is `fetch` to GATEWAY_URL. Either way the gateway authorizes every
 * query and mutation itself; the web server adds no access rule of its own.
 */
export type GatewayFetch = (input: string, init: RequestInit) => Promise<Response> | Response;

/** Known failures the error page words for people; the message is the gateway's, already safe to show. */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** An error result of a mutation's union (ValidationError names the field); returned, not thrown. */
export type ClientError = { __typename: string; message: string; code?: string; field?: string | null };

export const isClientError = (value: unknown): value is ClientError =>
  typeof value === 'object' && value !== null && /Error$/.test(String((value as { __typename?: unknown }).__typename));

const STATUS_OF: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

export type GatewayCall = <Data>(document: string, variables?: Record<string, unknown>) => Promise<Data>;

export type GatewayClientOptions = {
  send: GatewayFetch;
  /** Address of /graphql. Default `http://gateway.internal/graphql` (only its path matters in-process). */
  url?: string;
};

/**
 * A call bound to one person's token (or none, for public pages). A query that can wait for a log position
 * (`$consistentAfter`) waits for the last one this person wrote, so the page after a form shows what they sent.
 */
export const gatewayClient =
  (options: GatewayClientOptions) =>
  (accessToken: string | undefined, consistentAfter?: string): GatewayCall =>
  async <Data>(document: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    if (consistentAfter && document.includes('$consistentAfter') && !('consistentAfter' in variables))
      variables = { ...variables, consistentAfter };
    let response: Response;
    try {
      response = await options.send(options.url ?? 'http://gateway.internal/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
        },
        body: JSON.stringify({ query: document, variables }),
      });
    } catch {
      throw new GatewayError('The service is not available at the moment.', 'UNAVAILABLE', 503);
    }
    const body = (await response.json().catch(() => ({}))) as {
      data?: Data;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    const first = body.errors?.[0];
    if (first) {
      const code = first.extensions?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : 'UNEXPECTED');
      throw new GatewayError(first.message, code, STATUS_OF[code] ?? 500);
    }
    if (!response.ok || body.data === undefined)
      throw new GatewayError(`The service answered ${response.status}.`, 'HTTP', 502);
    return body.data;
  };

/** A union result that is NOT_FOUND or FORBIDDEN becomes the error page, like a top-level error would. */
export const orErrorPage = <T extends { __typename: string }>(result: T): Exclude<T, ClientError> => {
  if (isClientError(result)) {
    const code =
      result.__typename === 'ForbiddenError'
        ? 'FORBIDDEN'
        : result.__typename === 'NotFoundError'
          ? 'NOT_FOUND'
          : 'UNEXPECTED';
    throw new GatewayError(result.message, code, STATUS_OF[code] ?? 500);
  }
  return result as Exclude<T, ClientError>;
};
