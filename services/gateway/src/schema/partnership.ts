/**
 * Partnerships: reference data maintained by admins through the log (registerPartnership, changePartnership), and
 * the `partnerships` list every signed-in user may read (names and the LAs they cover: public information).
 */
import { z } from 'zod';
import { listPartnerships } from '@cspr/read-models';
import type { PartnershipView } from '@cspr/read-models';
import { builder } from '../builder';
import { may } from '../authorization';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import { commandIdSchema, parseInput, runCommand, shortText } from '../run-command';
import { mutationErrors, PartnershipPayload } from './command-payload';

const PartnershipType = builder.objectRef<PartnershipView>('Partnership').implement({
  description: 'A local safeguarding partnership and the local authorities it covers.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    localAuthorityCodes: t.exposeStringList('localAuthorityCodes'),
    registeredAt: t.exposeString('registeredAt'),
  }),
});

builder.queryField('partnerships', (t) =>
  t.field({
    type: [PartnershipType],
    description: 'Every registered partnership, by name. Public.',
    args: { consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }) },
    authScopes: may('partnerships'),
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      return listPartnerships(ctx.services.sql);
    },
  }),
);

const PartnershipInput = builder.inputType('PartnershipInput', {
  fields: (t) => ({
    commandId: t.string({ required: false }),
    partnershipId: t.string({ description: 'Lowercase slug, e.g. north-yorkshire.' }),
    name: t.string(),
    localAuthorityCodes: t.stringList({ description: 'ONS codes of the LAs covered (the whole coverage).' }),
  }),
});

const partnershipSchema = z.object({
  commandId: commandIdSchema,
  partnershipId: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lowercase slug such as north-yorkshire')
    .max(100),
  name: shortText(200),
  localAuthorityCodes: z
    .array(z.string().regex(/^E\d{8}$/, 'an English local authority code such as E08000035'))
    .min(1)
    .max(200),
});

for (const [name, type, description] of [
  ['registerPartnership', 'RegisterPartnership', 'Register a partnership (admin).'],
  [
    'changePartnership',
    'ChangePartnership',
    'Rename a partnership or change the LAs it covers (admin); the whole coverage is given.',
  ],
] as const) {
  builder.mutationField(name, (t) =>
    t.field({
      type: PartnershipPayload,
      description,
      args: { input: t.arg({ type: PartnershipInput }) },
      errors: mutationErrors(`${name[0]!.toUpperCase()}${name.slice(1)}Result`),
      authScopes: may(name),
      resolve: async (_root, { input }, ctx) => {
        const valid = parseInput(partnershipSchema, input);
        const outcome = await runCommand(
          ctx,
          {
            type,
            data: {
              partnershipId: valid.partnershipId,
              name: valid.name,
              localAuthorityCodes: valid.localAuthorityCodes,
            },
          },
          valid.commandId,
        );
        return {
          partnershipId: valid.partnershipId,
          position: outcome.position,
          alreadyApplied: outcome.alreadyApplied,
        };
      },
    }),
  );
}
