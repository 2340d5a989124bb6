/**
 * The Pothos builder, set up only (style.md: one `schema/<type>.ts` per type adds its own fields).
 * Plugins: errors (typed union results for errors a client must handle), validation (each input declares its
 * checks once, on its fields, with zod schemas built from the domain's limits: see schema/input-rules.ts) and
 * relay (cursor connections).
 */
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import type { GatewayContext } from './gateway-context';
import { ValidationError } from './client-errors';

export type GatewaySchemaTypes = {
  Context: GatewayContext;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  Connection: { totalCount: number };
  Scalars: { JSON: { Input: unknown; Output: unknown } };
};

export const builder = new SchemaBuilder<GatewaySchemaTypes>({
  // Errors before validation, so that a failed input check comes back as the field's typed ValidationError.
  plugins: [ErrorsPlugin, ValidationPlugin, RelayPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  // Input checks run before the resolver, so before its role check: a caller without the role may learn which field
  // is malformed (field paths and rules only, never a value), and is then refused as before on a well-formed input.
  errors: { defaultTypes: [], unsafelyHandleInputErrors: true },
  validation: {
    // The first issue names the field as a dotted path inside the `input` argument, as the domain names fields;
    // messages describe the rule, never the value (which may be a child's personal data).
    validationError: ({ issues }) => {
      const path = (issues[0]?.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p));
      const field = (path[0] === 'input' ? path.slice(1) : path).join('.') || 'input';
      return new ValidationError(`${field}: ${issues[0]?.message ?? 'is not valid'}`, field);
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

builder.queryType({ description: 'Reads. Every query accepts `consistentAfter`: a position a mutation returned, waited for (bounded) before reading.' });
builder.mutationType({ description: 'Commands. Every result carries the `position` it wrote; errors a client must handle are typed results.' });

builder.globalConnectionField('totalCount', (t) => t.int({ resolve: (parent) => parent.totalCount }));
