/**
 * Read-side helpers shared by the query files: today's date in England, input errors, and relay edges. Who may read
 * what is ACCESS_POLICY, enforced in authorization.ts.
 */
import { createGraphQLError } from 'graphql-yoga';
import { londonDate } from '@cspr/domain';
import type { GatewayContext } from './gateway-context';

export const badInput = (message: string, field: string) =>
  createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });

/** London's date changes only at a whole minute (UK offsets are whole hours): worked out once a minute, not per call. */
let londonDay: { minute: number; date: string } | undefined;
const londonDateAt = (time: Date): string => {
  const minute = Math.floor(time.getTime() / 60_000);
  if (londonDay?.minute !== minute) londonDay = { minute, date: londonDate(time.toISOString()) };
  return londonDay.date;
};

export const todayOf = (ctx: GatewayContext) => ({
  today: londonDateAt(ctx.services.clock()),
  calendar: ctx.services.calendar,
});

/** Same encoding as the read models' keyset cursors (base64url of the JSON sort key), for per-edge cursors. */
export const cursorOf = (key: string[]): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

export type PageLike<T> = { items: T[]; hasNextPage: boolean; endCursor: string | null; totalCount: number | null };

/**
 * `count`, when given, is called only if the client selects `totalCount` (the page was then read with count: false).
 * Edge cursors are worked out only when selected (getters): list pages page by `endCursor` and rarely ask for them.
 */
export const toConnection = <T>(
  page: PageLike<T>,
  keyOf: (item: T) => string[],
  after: string | null | undefined,
  count?: () => Promise<number>,
) => ({
  edges: page.items.map((node) => ({
    node,
    get cursor() {
      return cursorOf(keyOf(node));
    },
  })),
  pageInfo: {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: Boolean(after),
    get startCursor() {
      return page.items[0] ? cursorOf(keyOf(page.items[0])) : null;
    },
    endCursor: page.endCursor,
  },
  totalCount: count ?? page.totalCount,
});

/** A 1-based page number (GOV.UK pagination), at most 10 000 (deep offsets are slow; filter instead). */
export const pageNumberOf = (page: number | null | undefined): number | undefined => {
  if (page == null) return undefined;
  if (!Number.isInteger(page) || page < 1 || page > 10_000)
    throw badInput('page must be a whole number from 1 to 10000', 'page');
  return page;
};

/** Relay's backwards arguments are not offered by the read models' keyset pages. */
export const forwardOnly = (args: { last?: number | null; before?: string | null }): void => {
  if (args.last != null || args.before != null)
    throw badInput('Only forward pagination (first/after) is supported', args.last != null ? 'last' : 'before');
};

/** Read models raise InvalidCursorError (code 'validation', field 'after') for a cursor they did not make. */
export const mapReadError = (error: unknown): unknown =>
  (error as { name?: string }).name === 'InvalidCursorError' ? badInput((error as Error).message, 'after') : error;
