/**
 * Access grants: who may do what. The identity provider proves who someone is; admins grant and revoke roles here
 * (grantAccess, revokeAccess), recorded in the log, and read them back (accessGrants). The gateway resolves every
 * token's subject to these grants (auth/grants-principal.ts).
 */
import { z } from 'zod';
import { listAccessGrants } from '@cspr/read-models';
import type { AccessGrantView } from '@cspr/read-models';
import { builder } from '../builder';
import { may } from '../authorization';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import { commandIdSchema, parseInput, runCommand } from '../run-command';
import { mutationErrors, type CommandPayload } from './command-payload';

const AccessGrantType = builder.objectRef<AccessGrantView>('AccessGrant').implement({
  description: "A role granted to a person or API client (by the identity provider's subject), in force now.",
  fields: (t) => ({
    subject: t.exposeString('subject', { description: "The identity provider's id for the person (`sub`)." }),
    role: t.exposeString('role', { description: 'partnership, panel, ofsted, admin, agency or dfe.' }),
    partnershipId: t.exposeString('partnershipId', { nullable: true }),
    partnershipName: t.exposeString('partnershipName', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    grantedBy: t.exposeString('grantedBy'),
    grantedAt: t.exposeString('grantedAt'),
  }),
});

builder.queryField('accessGrants', (t) =>
  t.field({
    type: [AccessGrantType],
    authScopes: may('accessGrants'),
    description: "Grants in force, optionally one partnership's (admin).",
    args: {
      partnershipId: t.arg.string({ required: false }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      return listAccessGrants(ctx.services.sql, args.partnershipId ? { partnershipId: args.partnershipId } : {});
    },
  }),
);

const AccessPayload = builder.objectRef<CommandPayload & { subject: string }>('AccessPayload').implement({
  fields: (t) => ({
    subject: t.exposeString('subject'),
    position: t.exposeString('position', {
      description: 'The log position this command wrote (pass as `consistentAfter`).',
    }),
    alreadyApplied: t.exposeBoolean('alreadyApplied'),
  }),
});

const AccessInput = builder.inputType('AccessInput', {
  fields: (t) => ({
    commandId: t.string({ required: false }),
    subject: t.string({ description: "The identity provider's id for the person (`sub`)." }),
    role: t.string({ description: 'partnership, panel, ofsted, admin, agency or dfe.' }),
    partnershipId: t.string({
      required: false,
      description: 'Required for partnership and agency; absent for the others.',
    }),
    email: t.string({
      required: false,
      description: 'How the admin knows the person (grantAccess only; shown in the list).',
    }),
  }),
});

const accessSchema = z.object({
  commandId: commandIdSchema,
  subject: z.string().min(1).max(255),
  role: z.string().min(1).max(20),
  // Given means meant: an empty partnership or email is refused, not silently dropped.
  partnershipId: z.string().min(1).max(100).nullish(),
  email: z.string().min(3).max(300).nullish(),
});

for (const [name, type, description] of [
  [
    'grantAccess',
    'GrantAccess',
    'Grant a role (for a partnership where the role needs one) to a person or API client (admin).',
  ],
  [
    'revokeAccess',
    'RevokeAccess',
    "Revoke a role from a person or API client (admin); takes effect within the gateway's grant cache window.",
  ],
] as const) {
  builder.mutationField(name, (t) =>
    t.field({
      type: AccessPayload,
      authScopes: may(name),
      description,
      args: { input: t.arg({ type: AccessInput }) },
      errors: mutationErrors(`${name[0]!.toUpperCase()}${name.slice(1)}Result`),
      resolve: async (_root, { input }, ctx) => {
        const valid = parseInput(accessSchema, input);
        const data = {
          subject: valid.subject,
          role: valid.role as never,
          ...(valid.partnershipId ? { partnershipId: valid.partnershipId } : {}),
          ...(type === 'GrantAccess' && valid.email ? { email: valid.email } : {}),
        };
        const outcome = await runCommand(ctx, { type, data }, valid.commandId);
        return { subject: valid.subject, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
      },
    }),
  );
}
