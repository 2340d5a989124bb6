/**
 * The Pothos builder, set up only (style.md: one `schema/<type>.ts` per type adds its own fields).
 * Plugins: errors (typed union results for errors a client must handle) and relay (cursor connections).
 */
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from './gateway-context';

export type GatewaySchemaTypes = {
  Context: GatewayContext;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  /** A function is called only when a client asks for `totalCount` (counting scans every matching row). */
  Connection: { totalCount: number | null | (() => Promise<number>) };
  Scalars: { JSON: { Input: unknown; Output: unknown } };
};

export const builder = new SchemaBuilder<GatewaySchemaTypes>({
  plugins: [ErrorsPlugin, RelayPlugin],
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

builder.globalConnectionField('totalCount', (t) => t.int({
  description: 'Every matching record, not only this page: counted only when asked for.',
  resolve: async (parent) => {
    const total = typeof parent.totalCount === 'function' ? await parent.totalCount() : parent.totalCount;
    if (total === null) throw new Error('totalCount was not counted for this list');
    return total;
  },
}));
