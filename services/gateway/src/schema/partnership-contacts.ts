/**
 * Who receives a partnership's emails: its contacts (a shared mailbox and named people), each with what it receives
 * and, when the mail channel refused the address, why. Admins and the partnership's own users read and change them;
 * a person sets their own preferences (myEmailPreferences / setEmailPreferences). Read from the partnership stream
 * itself (a few events per partnership), so a change shows at once; refusals come from the notifier's record.
 */
import { createGraphQLError } from 'graphql-yoga';
import { z } from 'zod';
import {
  decodeEvent,
  EMAIL_CATEGORIES,
  evolvePartnership,
  initialPartnershipState,
  partnershipStreamId,
} from '@cspr/domain';
import type { PartnershipContact, PartnershipEvent, PartnershipState } from '@cspr/domain';
import { builder } from '../builder';
import { may, userOf } from '../authorization';
import { ForbiddenError } from '../client-errors';
import type { GatewayContext } from '../gateway-context';
import { commandIdSchema, parseInput, runCommand, shortText } from '../run-command';
import { mutationErrors, PartnershipPayload } from './command-payload';

type ContactView = PartnershipContact & { partnershipId: string; refusedReason: string | null };

const loadPartnershipState = async (ctx: GatewayContext, partnershipId: string): Promise<PartnershipState> => {
  const events = await ctx.services.store.readStream(partnershipStreamId(partnershipId)).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'stream_not_found') return [];
    throw error;
  });
  return events.reduce(
    (state, event) => evolvePartnership(state, decodeEvent(event) as PartnershipEvent),
    initialPartnershipState(),
  );
};

const refusals = async (ctx: GatewayContext): Promise<Map<string, string>> => {
  const rows = await ctx.services.sql<
    { email: string; reason: string }[]
  >`select email, reason from notifier.refused_addresses`.catch((error: unknown) => {
    // The notifier never ran against this database: nothing refused yet.
    if ((error as { code?: string }).code === '42P01') return [];
    throw error;
  });
  return new Map(rows.map((r) => [r.email, r.reason]));
};

const contactsOf = async (ctx: GatewayContext, partnershipId: string): Promise<ContactView[]> => {
  const state = await loadPartnershipState(ctx, partnershipId);
  if (state.status !== 'registered') return [];
  const refused = await refusals(ctx);
  return Object.values(state.contacts)
    .sort((a, b) => (a.kind === b.kind ? a.contactId.localeCompare(b.contactId) : a.kind === 'shared-mailbox' ? -1 : 1))
    .map((c) => ({ ...c, partnershipId, refusedReason: refused.get(c.email) ?? null }));
};

const requireContactReader = (ctx: GatewayContext, partnershipId: string, action: string) => {
  const user = userOf(ctx.principal);
  if (user.role === 'partnership' && user.partnershipId !== partnershipId) {
    throw new ForbiddenError(
      `A partnership may not ${action} of another partnership: only that partnership or an admin may`,
    );
  }
  return user;
};

/** A query has no error union: a refusal is a known error with extensions.code (read-access.ts does the same). */
const asQueryError = (error: unknown): never => {
  if (error instanceof ForbiddenError) throw createGraphQLError(error.message, { extensions: { code: 'FORBIDDEN' } });
  throw error;
};

const ContactType = builder.objectRef<ContactView>('PartnershipContact').implement({
  description: "Someone who receives a partnership's emails: its shared mailbox or a named person.",
  fields: (t) => ({
    id: t.exposeID('contactId'),
    partnershipId: t.exposeString('partnershipId'),
    kind: t.exposeString('kind', { description: 'shared-mailbox or person.' }),
    email: t.exposeString('email'),
    name: t.string({ nullable: true, resolve: (c) => c.name ?? null }),
    userId: t.string({
      nullable: true,
      description: 'The sign-in of a named person (so they can set their own preferences).',
      resolve: (c) => c.userId ?? null,
    }),
    receives: t.exposeStringList('receives', {
      description: `Categories received, of: ${EMAIL_CATEGORIES.join(', ')}.`,
    }),
    refusedReason: t.string({
      nullable: true,
      description: 'Why the mail channel refused this address, if it did: fix or replace the contact.',
      resolve: (c) => c.refusedReason,
    }),
  }),
});

builder.queryField('partnershipContacts', (t) =>
  t.field({
    authScopes: may('partnershipContacts'),
    type: [ContactType],
    description: "A partnership's email contacts (admins; partnership users for their own partnership).",
    args: { partnershipId: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      try {
        requireContactReader(ctx, args.partnershipId, 'read the contacts');
      } catch (error) {
        asQueryError(error);
      }
      return contactsOf(ctx, args.partnershipId);
    },
  }),
);

builder.queryField('myEmailPreferences', (t) =>
  t.field({
    authScopes: may('myEmailPreferences'),
    type: ContactType,
    nullable: true,
    description: "The signed-in partnership user's own contact entry (null when they are not a contact).",
    resolve: async (_root, _args, ctx) => {
      const user = userOf(ctx.principal);
      const contacts = await contactsOf(ctx, user.partnershipId!);
      return contacts.find((c) => c.userId === user.userId) ?? null;
    },
  }),
);

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lowercase slug such as business-unit')
  .max(100);

const ContactInput = builder.inputType('PartnershipContactInput', {
  fields: (t) => ({
    commandId: t.string({ required: false }),
    partnershipId: t.string(),
    contactId: t.string({ description: 'Lowercase slug naming the contact, e.g. business-unit.' }),
    kind: t.string({ description: 'shared-mailbox or person.' }),
    email: t.string(),
    name: t.string({ required: false }),
    userId: t.string({
      required: false,
      description: "A named person's sign-in, so they can set their own preferences.",
    }),
  }),
});
const contactSchema = z.object({
  commandId: commandIdSchema,
  partnershipId: slug,
  contactId: slug,
  kind: z.enum(['shared-mailbox', 'person']),
  email: z.email().max(254),
  name: shortText(200).nullish(),
  userId: shortText(200).nullish(),
});

const ContactRefInput = builder.inputType('PartnershipContactRefInput', {
  fields: (t) => ({ commandId: t.string({ required: false }), partnershipId: t.string(), contactId: t.string() }),
});
const refSchema = z.object({ commandId: commandIdSchema, partnershipId: slug, contactId: slug });

const PreferencesInput = builder.inputType('EmailPreferencesInput', {
  fields: (t) => ({
    commandId: t.string({ required: false }),
    partnershipId: t.string(),
    contactId: t.string(),
    receives: t.stringList({
      description: `The categories to receive (the whole choice), of: ${EMAIL_CATEGORIES.join(', ')}.`,
    }),
  }),
});
const preferencesSchema = z.object({
  commandId: commandIdSchema,
  partnershipId: slug,
  contactId: slug,
  receives: z.array(z.enum(EMAIL_CATEGORIES)).max(EMAIL_CATEGORIES.length),
});

builder.mutationField('addPartnershipContact', (t) =>
  t.field({
    authScopes: may('addPartnershipContact'),
    type: PartnershipPayload,
    description: "Add a contact who receives the partnership's emails (admin, or the partnership's own users).",
    args: { input: t.arg({ type: ContactInput }) },
    errors: mutationErrors('AddPartnershipContactResult'),
    resolve: async (_root, { input }, ctx) => {
      const v = parseInput(contactSchema, input);
      requireContactReader(ctx, v.partnershipId, 'add a contact');
      const data = {
        partnershipId: v.partnershipId,
        contactId: v.contactId,
        kind: v.kind,
        email: v.email,
        ...(v.name ? { name: v.name } : {}),
        ...(v.userId ? { userId: v.userId } : {}),
      };
      const outcome = await runCommand(ctx, { type: 'AddPartnershipContact', data }, v.commandId);
      return { partnershipId: v.partnershipId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

builder.mutationField('removePartnershipContact', (t) =>
  t.field({
    authScopes: may('removePartnershipContact'),
    type: PartnershipPayload,
    description: "Remove a contact (admin, or the partnership's own users).",
    args: { input: t.arg({ type: ContactRefInput }) },
    errors: mutationErrors('RemovePartnershipContactResult'),
    resolve: async (_root, { input }, ctx) => {
      const v = parseInput(refSchema, input);
      requireContactReader(ctx, v.partnershipId, 'remove a contact');
      const outcome = await runCommand(
        ctx,
        { type: 'RemovePartnershipContact', data: { partnershipId: v.partnershipId, contactId: v.contactId } },
        v.commandId,
      );
      return { partnershipId: v.partnershipId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

builder.mutationField('setEmailPreferences', (t) =>
  t.field({
    authScopes: may('setEmailPreferences'),
    type: PartnershipPayload,
    description:
      'Choose which emails a contact receives. A person sets their own; statutory reminders to the shared mailbox cannot be switched off.',
    args: { input: t.arg({ type: PreferencesInput }) },
    errors: mutationErrors('SetEmailPreferencesResult'),
    resolve: async (_root, { input }, ctx) => {
      const v = parseInput(preferencesSchema, input);
      requireContactReader(ctx, v.partnershipId, 'set email preferences');
      const outcome = await runCommand(
        ctx,
        {
          type: 'SetEmailPreferences',
          data: { partnershipId: v.partnershipId, contactId: v.contactId, receives: v.receives },
        },
        v.commandId,
      );
      return { partnershipId: v.partnershipId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);
