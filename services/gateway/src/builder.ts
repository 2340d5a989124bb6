/**
 * The Pothos builder, set up only (one `schema/<type>.ts` per type adds its own fields: docs/architecture.md).
 * Plugins: errors (typed union results for errors a client must handle), scope-auth (who may call each root field,
 * from the domain's ACCESS_POLICY: `authScopes: may('operation')`), validation (each input declares its checks once,
 * on its fields, with zod schemas built from the domain's limits: see schema/input-rules.ts) and relay (cursor
 * connections). The errors plugin comes first so a scope denial (ForbiddenError) and a failed input check
 * (ValidationError) become the field's typed result; scope-auth before validation, so a caller without the role is
 * refused before any input check can tell it anything.
 */
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import type { Operation } from '@cspr/domain';
import type { GatewayContext } from './gateway-context';
import { denial, scopesOf } from './authorization';
import { ValidationError } from './client-errors';

export type GatewaySchemaTypes = {
  Context: GatewayContext;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  /** A function is called only when a client asks for `totalCount` (counting scans every matching row). */
  Connection: { totalCount: number | null | (() => Promise<number>) };
  Scalars: { JSON: { Input: unknown; Output: unknown } };
  /** `may`: the caller's role appears in the operation's row of ACCESS_POLICY (per-record relations: authorization.ts). */
  AuthScopes: { may: Operation };
};

export const builder = new SchemaBuilder<GatewaySchemaTypes>({
  plugins: [ErrorsPlugin, ScopeAuthPlugin, ValidationPlugin, RelayPlugin],
  scopeAuth: {
    authScopes: (ctx) => scopesOf(ctx.principal),
    unauthorizedError: (_parent, ctx, info, result) => denial(ctx.principal, info, result.failure),
  },
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  // Input checks run before the resolver; field paths and rules only, never a value.
  errors: { defaultTypes: [], unsafelyHandleInputErrors: true },
  validation: {
    // The first issue names the field as a dotted path inside the `input` argument, as the domain names fields;
    // messages describe the rule, never the value (which may be a child's personal data).
    validationError: ({ issues }) => {
      const path = (issues[0]?.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p));
      const field = (path[0] === 'input' ? path.slice(1) : path).join('.') || 'input';
      // A value outside a fixed list is named as such, without listing the list (zod's message does).
      const message = issues[0]?.message;
      const rule = message?.startsWith('Invalid option') ? 'is not one of the allowed values' : message;
      return new ValidationError(`${field}: ${rule ?? 'is not valid'}`, field);
    },
  },
  relay: {
    cursorType: 'String',
    clientMutationId: 'omit',
    // Records are fetched by their own queries (incident, review); no global node refetching.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

builder.queryType({
  description:
    'Reads. Every query accepts `consistentAfter`: a position a mutation returned, waited for (bounded) before reading.',
});
builder.mutationType({
  description: 'Commands. Every result carries the `position` it wrote; errors a client must handle are typed results.',
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'Every matching record, not only this page: counted only when asked for.',
    resolve: async (parent) => {
      const total = typeof parent.totalCount === 'function' ? await parent.totalCount() : parent.totalCount;
      if (total === null) throw new Error('totalCount was not counted for this list');
      return total;
    },
  }),
);
