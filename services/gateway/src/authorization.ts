/**
 * The gateway's enforcement of the one policy table (ACCESS_POLICY in @cspr/domain). Two steps, both from the table:
 * 1. the role: every root field says `authScopes: may('operation')` (plugin-scope-auth, builder.ts); a role without
 *    a cell in the operation's row gets FORBIDDEN naming the roles that may;
 * 2. the record: a resolver that acts on or reads one record calls `requireRecord` with the record's facts. A record
 *    the caller may not even read answers NOT FOUND, exactly as an unknown id (ids cannot be probed for existence
 *    or owner); one it may read but not act on answers FORBIDDEN.
 * Deciders check every command again (the domain's matrix spec keeps them and the table in step).
 */
import { createGraphQLError } from 'graphql-yoga';
import { getNamedType, isUnionType, type GraphQLResolveInfo } from 'graphql';
import type { AuthFailure } from '@pothos/plugin-scope-auth';
import { mayPerform, readersFor, ROLE_LABEL, type Operation, type Reader, type RecordFacts } from '@cspr/domain';
import { toActor, type Principal } from './auth/principal';
import { ForbiddenError, NotFoundError } from './client-errors';
import type { GatewayContext } from './gateway-context';

export const roleOf = (principal: Principal): Reader => (principal.kind === 'user' ? principal.role : 'public');

/** The scope a root field requires: the caller's role has a cell in `operation`'s row. */
export const may = (operation: Operation) => ({ may: operation });

/** The scope loader of a request (builder.ts). */
export const scopesOf = (principal: Principal) => ({
  may: (operation: Operation) => mayPerform(toActor(principal) ?? null, operation),
});

const capitalised = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

export const forbiddenMessage = (reader: Reader, operation: Operation): string => {
  const allowed = readersFor(operation).map((r) => ROLE_LABEL[r]);
  return `${capitalised(ROLE_LABEL[reader])} may not ${operation}: only ${allowed.join(' or ')} may${reader === 'public' ? ' (sign in with a bearer token)' : ''}`;
};

const operationOf = (failure: AuthFailure): Operation | undefined => {
  if (failure.kind === 'AuthScope' && failure.scope === 'may') return failure.parameter as Operation;
  if (failure.kind === 'AnyAuthScopes' || failure.kind === 'AllAuthScopes') {
    for (const inner of failure.failures) {
      const found = operationOf(inner);
      if (found) return found;
    }
  }
  return undefined;
};

/**
 * The answer to a role denial: a ForbiddenError result where the field's union offers one (mutations, `incident`,
 * `review`…), else a GraphQL error with `extensions.code` FORBIDDEN (lists).
 */
export const denial = (principal: Principal, info: GraphQLResolveInfo, failure: AuthFailure): Error => {
  const operation = operationOf(failure) ?? (info.fieldName as Operation);
  const message = forbiddenMessage(roleOf(principal), operation);
  const type = getNamedType(info.returnType);
  if (isUnionType(type) && type.getTypes().some((member) => member.name === 'ForbiddenError'))
    return new ForbiddenError(message);
  return createGraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
};

export type User = Extract<Principal, { kind: 'user' }>;

/** The signed-in caller of a field whose scope already passed (a public caller never gets this far). */
export const userOf = (principal: Principal): User => {
  if (principal.kind !== 'user') throw new ForbiddenError('Sign in with a bearer token');
  return principal;
};

/**
 * The record-level gate: NOT FOUND when the record is unknown or the caller may not read it (`readAs`), FORBIDDEN
 * when it may read it but not do `operation` to it.
 */
export const requireRecord = (
  ctx: GatewayContext,
  operation: Operation,
  readAs: Operation,
  record: RecordFacts | undefined,
  what: string,
): void => {
  const actor = toActor(ctx.principal) ?? null;
  if (record && mayPerform(actor, operation, record)) return;
  if (!record || !mayPerform(actor, readAs, record)) throw new NotFoundError(`${what} not found`);
  throw new ForbiddenError(forbiddenMessage(roleOf(ctx.principal), operation));
};

/** Children's personal data and other audited free text of a record owned by `owner`. */
export const mayReadPersonal = (principal: Principal, owner: string): boolean =>
  mayPerform(toActor(principal) ?? null, 'personalData', { owner });
