/**
 * The only way the browser talks to the platform: POST /graphql with the bearer token. Errors a user can act on
 * come back as typed union results (ValidationError, ForbiddenError, ...) and are returned, not thrown; transport
 * and unexpected errors throw a GraphQLRequestError whose message is safe to show.
 */
import { currentSession } from './session';

export class GraphQLRequestError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

/** A record the gateway answered NOT FOUND (or one the user may not see: the gateway does not tell them apart). */
export class RecordNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordNotFoundError';
  }
}

export type ClientError = { __typename: 'ValidationError' | 'ForbiddenError' | 'NotFoundError' | 'ConflictError' | 'IllegalStateError'; message: string; field?: string };

export const isClientError = (value: unknown): value is ClientError =>
  typeof value === 'object' && value !== null && /Error$/.test(String((value as { __typename?: unknown }).__typename));

/** The last log position this tab wrote: queries pass it as `consistentAfter` so users read their own writes. */
let lastPosition: string | undefined;
export const rememberPosition = (position: string | undefined): void => {
  // Positions only grow within one tab's writes, so the latest is the one to wait for.
  if (position) lastPosition = position;
};
export const consistentAfter = (): string | undefined => lastPosition;

export const graphql = async <Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
  const session = currentSession();
  // Read your own writes: a query that can wait for a log position waits for the last one this tab wrote.
  if (query.includes('$consistentAfter') && lastPosition && !('consistentAfter' in variables)) variables = { ...variables, consistentAfter: lastPosition };
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(session ? { authorization: `Bearer ${session.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GraphQLRequestError('The service could not be reached. Check your connection and try again.', 'NETWORK');
  }
  const body = (await response.json().catch(() => ({}))) as { data?: Data; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) {
    const first = body.errors[0]!;
    const code = first.extensions?.code;
    if (code === 'UNAUTHENTICATED' || response.status === 401) throw new GraphQLRequestError('Your sign-in has expired or is not valid. Sign in again.', 'UNAUTHENTICATED');
    throw new GraphQLRequestError(first.message, code);
  }
  if (!response.ok || body.data === undefined) throw new GraphQLRequestError(`The service answered ${response.status}. Try again later.`, 'HTTP');
  return body.data;
};
