/**
 * The gateway's side of the one write path: turn the principal into the actor, hand the command to the command
 * handler, and translate what comes back into a payload with the position or a typed client error.
 */
import { formatPosition } from '@cspr/event-store';
import type { ApplicationCommand, DecisionResult } from '@cspr/application';
import type { z } from 'zod';
import { toActor } from './auth/principal';
import { ForbiddenError, toClientError, ValidationError } from './client-errors';
import type { GatewayContext } from './gateway-context';
import { UNSTORABLE, UNSTORABLE_MESSAGE } from './input-rules';

export { calendarDateSchema, commandIdSchema, freeText, idSchema, shortText } from './input-rules';

export type CommandOutcome = { position: string; alreadyApplied: boolean; result: DecisionResult };

export const runCommand = async (
  ctx: GatewayContext,
  command: ApplicationCommand,
  commandId?: string | null,
): Promise<CommandOutcome> => {
  const actor = toActor(ctx.principal);
  if (!actor) throw new ForbiddenError('The public may not change anything: sign in with a bearer token');
  const traceparent = ctx.request.headers.get('traceparent') ?? undefined;
  let result: DecisionResult;
  try {
    result = await ctx.services.commands.execute(command, {
      actor,
      ...(commandId ? { commandId } : {}),
      ...(traceparent ? { traceparent } : {}),
      // The caller's own x-request-id joins its records to the events and log lines this request causes.
      ...(ctx.correlationId ? { correlationId: ctx.correlationId } : {}),
    });
  } catch (error) {
    throw toClientError(error);
  }
  // A decision that wrote nothing still answers with a position: the head, which the read models reach soon.
  const position = result.position ?? (await ctx.services.store.headPosition());
  return { position: formatPosition(position), alreadyApplied: result.alreadyApplied, result };
};

const unstorableTextPath = (value: unknown, path: string[] = []): string | undefined => {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path.join('.') || 'input' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = UNSTORABLE.test(key) ? [...path, '?'].join('.') : unstorableTextPath(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
};

/**
 * Validates GraphQL input with zod, for mutations whose input type does not yet declare its checks on its fields
 * (the validation plugin does that: builder.ts). The first issue becomes a ValidationError naming the dotted field
 * path; zod's messages describe the rule, never the value (which may be a child's personal data).
 */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown): z.infer<S> => {
  const unstorable = unstorableTextPath(input);
  if (unstorable) throw new ValidationError(`${unstorable}: ${UNSTORABLE_MESSAGE}`, unstorable);
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'input';
  throw new ValidationError(`${field}: ${issue.message}`, field);
};
