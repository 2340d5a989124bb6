/**
 * Read your writes: a query given `consistentAfter` (a position a mutation returned) waits, bounded, until the
 * read models have passed it. After the bound it answers with what is there and says so in
 * `extensions.consistency`, rather than failing a page the user can simply reload.
 */
import { createGraphQLError } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';
import { parsePosition } from '@cspr/event-store';
import { waitForPosition } from '@cspr/read-models';
import type { GatewayContext } from './gateway-context';

const STALE = Symbol('cspr.stale');
type Marked = GatewayContext & { [STALE]?: string };

export const CONSISTENT_AFTER_DESCRIPTION =
  'A position returned by a mutation: waits (at most ~5 s) until the read models include it.';

export const awaitConsistency = async (
  ctx: GatewayContext,
  consistentAfter: string | null | undefined,
): Promise<void> => {
  if (!consistentAfter) return;
  let position;
  try {
    position = parsePosition(consistentAfter);
  } catch {
    throw createGraphQLError('consistentAfter is not a position returned by a mutation (<commit>.<prepare>)', {
      extensions: { code: 'BAD_USER_INPUT', field: 'consistentAfter' },
    });
  }
  const reached = await waitForPosition(ctx.services.sql, position, ctx.services.consistencyTimeoutMs);
  if (!reached) (ctx as Marked)[STALE] = consistentAfter;
};

/** Adds `extensions.consistency = { reached: false, consistentAfter }` to a response served before its position. */
export const useConsistencyReport = (): Plugin<GatewayContext> => ({
  onExecute: ({ args }) => ({
    onExecuteDone: ({ result, setResult }) => {
      const stale = (args.contextValue as Marked)[STALE];
      if (!stale || Symbol.asyncIterator in result) return;
      setResult({
        ...result,
        extensions: { ...result.extensions, consistency: { reached: false, consistentAfter: stale } },
      });
    },
  }),
});
