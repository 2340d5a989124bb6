/**
 * Read-side helpers shared by the query files: role gates for lists (a known error with extensions.code, since a
 * list has no single record to answer "not found" for), today's date in England, and relay edges.
 */
import { createGraphQLError } from 'graphql-yoga';
import { ACCESS_POLICY, londonDate } from '@cspr/domain';
import type { ExtendedRole, ReadableKind } from '@cspr/domain';
import { roleOf } from './authorization';
import type { GatewayContext } from './gateway-context';

export const requireReadRole = (ctx: GatewayContext, roles: readonly ExtendedRole[], what: string): void => {
  const role = roleOf(ctx.principal);
  if (role === 'public' || !roles.includes(role)) {
    throw createGraphQLError(`${role === 'public' ? 'The public' : `The ${role} role`} may not read ${what}: only ${roles.join(', ')} may${role === 'public' ? ' (sign in with a bearer token)' : ''}`, {
      extensions: { code: 'FORBIDDEN' },
    });
  }
};

/** The roles ACCESS_POLICY lets read a kind of record at all (the per-record rule is checked where it applies). */
export const readersOf = (kind: ReadableKind): ExtendedRole[] =>
  (Object.entries(ACCESS_POLICY) as [ExtendedRole | 'public', Record<ReadableKind, string>][])
    .filter(([role, rules]) => role !== 'public' && rules[kind] !== 'none')
    .map(([role]) => role as ExtendedRole);

export const badInput = (message: string, field: string) => createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });

export const todayOf = (ctx: GatewayContext) => ({ today: londonDate(ctx.services.clock().toISOString()), calendar: ctx.services.calendar });

/** Same encoding as the read models' keyset cursors (base64url of the JSON sort key), for per-edge cursors. */
export const cursorOf = (key: string[]): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

export type PageLike<T> = { items: T[]; hasNextPage: boolean; endCursor: string | null; totalCount: number | null };

/** `count`, when given, is called only if the client selects `totalCount` (the page was then read with count: false). */
export const toConnection = <T>(
  page: PageLike<T>,
  keyOf: (item: T) => string[],
  after: string | null | undefined,
  count?: () => Promise<number>,
) => ({
  edges: page.items.map((node) => ({ node, cursor: cursorOf(keyOf(node)) })),
  pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: Boolean(after), startCursor: page.items[0] ? cursorOf(keyOf(page.items[0])) : null, endCursor: page.endCursor },
  totalCount: count ?? page.totalCount,
});

/** A 1-based page number (GOV.UK pagination), at most 10 000 (deep offsets are slow; filter instead). */
export const pageNumberOf = (page: number | null | undefined): number | undefined => {
  if (page == null) return undefined;
  if (!Number.isInteger(page) || page < 1 || page > 10_000) throw badInput('page must be a whole number from 1 to 10000', 'page');
  return page;
};

/** Relay's backwards arguments are not offered by the read models' keyset pages. */
export const forwardOnly = (args: { last?: number | null; before?: string | null }): void => {
  if (args.last != null || args.before != null) throw badInput('Only forward pagination (first/after) is supported', args.last != null ? 'last' : 'before');
};

/** Read models raise InvalidCursorError (code 'validation', field 'after') for a cursor they did not make. */
export const mapReadError = (error: unknown): unknown =>
  (error as { name?: string }).name === 'InvalidCursorError' ? badInput((error as Error).message, 'after') : error;
