/**
 * The Pothos builder, set up only (one `schema/<type>.ts` per type adds its own fields: docs/architecture.md).
 * Plugins: errors (typed union results for errors a client must handle), scope-auth (who may call each root field,
 * from the domain's ACCESS_POLICY: `authScopes: may('operation')`) and relay (cursor connections). The errors plugin
 * comes first so a scope denial thrown as ForbiddenError becomes the field's typed result.
 */
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Operation } from '@cspr/domain';
import { denial, scopesOf } from './authorization';
import type { GatewayContext } from './gateway-context';

export type GatewaySchemaTypes = {
  Context: GatewayContext;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  Connection: { totalCount: number };
  Scalars: { JSON: { Input: unknown; Output: unknown } };
  /** `may`: the caller's role appears in the operation's row of ACCESS_POLICY (per-record relations: authorization.ts). */
  AuthScopes: { may: Operation };
};

export const builder = new SchemaBuilder<GatewaySchemaTypes>({
  plugins: [ErrorsPlugin, ScopeAuthPlugin, RelayPlugin],
  scopeAuth: {
    authScopes: (ctx) => scopesOf(ctx.principal),
    unauthorizedError: (_parent, ctx, info, result) => denial(ctx.principal, info, result.failure),
  },
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  errors: { defaultTypes: [] },
  relay: {
    cursorType: 'String',
    clientMutationId: 'omit',
    // Records are fetched by their own queries (incident, review); no global node refetching.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

builder.queryType({ description: 'Reads. Every query accepts `consistentAfter`: a position a mutation returned, waited for (bounded) before reading.' });
builder.mutationType({ description: 'Commands. Every result carries the `position` it wrote; errors a client must handle are typed results.' });

builder.globalConnectionField('totalCount', (t) => t.int({ resolve: (parent) => parent.totalCount }));
