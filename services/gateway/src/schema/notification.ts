/**
 * Notification mutations: notifyIncident, amendNotification, withdrawNotification (partnerships, own incidents).
 * Each input declares its checks once, on its fields (input-rules.ts, from the domain's limits): resolvers receive
 * only checked values. The deciders hold the rules; these checks name the wrong field at once.
 */
import { uuidV5 } from '@cspr/application';
import type { NotificationChanges, NotifiedChild, Notifier } from '@cspr/domain';
import { builder } from '../builder';
import { may, userOf } from '../authorization';
import { requireIncidentAccess } from '../record-owners';
import {
  calendarDateSchema,
  childrenListSchema,
  commandIdSchema,
  idSchema,
  incidentTimeSchema,
  localAuthorityCodeSchema,
  locationSchema,
  requiredFreeText,
  shortText,
  supportingDocumentsSchema,
} from '../input-rules';
import { runCommand } from '../run-command';
import { ChildInput } from './child-input';
import { ContactInput } from './contact-input';
import { IncidentPayload, mutationErrors } from './command-payload';
import { AmendmentReasonEnum, IncidentNatureEnum, WithdrawalReasonEnum } from './vocabulary';

/** GraphQL gives absent optional fields as null; commands leave them out. */
export const withoutNulls = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;

export const toChild = (child: object): NotifiedChild => withoutNulls(child) as unknown as NotifiedChild;
export const toContact = (contact: { name: string; role: string; email: string; phone?: string | null }): Notifier =>
  withoutNulls(contact) as Notifier;

const NotifyIncidentInput = builder.inputType('NotifyIncidentInput', {
  fields: (t) => ({
    commandId: t.string({
      required: false,
      description: 'Client-chosen id: a retried request with the same id is applied once.',
      validate: commandIdSchema,
    }),
    partnershipId: t.string({
      required: false,
      description: 'Default: the partnership of the token.',
      validate: idSchema,
    }),
    localAuthorityCode: t.string({
      description: 'ONS code of the LA where the incident happened, e.g. E08000035.',
      validate: localAuthorityCodeSchema,
    }),
    nature: t.field({ type: IncidentNatureEnum }),
    becameAwareOn: t.string({ description: 'YYYY-MM-DD (England).', validate: calendarDateSchema }),
    incidentOn: t.string({ description: 'YYYY-MM-DD (England).', validate: calendarDateSchema }),
    children: t.field({ type: [ChildInput], validate: childrenListSchema }),
    harmChildRef: t.string({
      required: false,
      description: 'The childRef of the child the harm relates to, when not the first listed (DfE counts that child).',
      validate: shortText(100),
    }),
    notifier: t.field({ type: ContactInput }),
    location: t.string({ validate: locationSchema }),
    caseOutline: t.string({ validate: requiredFreeText() }),
    incidentTime: t.string({
      required: false,
      description: 'HH:MM, England local time.',
      validate: incidentTimeSchema,
    }),
    supportingDocuments: t.stringList({ required: false, validate: supportingDocumentsSchema }),
    referralId: t.string({ required: false, validate: shortText(100) }),
  }),
});

builder.mutationField('notifyIncident', (t) =>
  t.field({
    type: IncidentPayload,
    description: 'A partnership notifies the Panel of a serious incident (Children Act 2004 s16C).',
    args: { input: t.arg({ type: NotifyIncidentInput }) },
    errors: mutationErrors('NotifyIncidentResult'),
    authScopes: may('notifyIncident'),
    resolve: async (_root, { input }, ctx) => {
      const user = userOf(ctx.principal);
      const { commandId, partnershipId, children, notifier, ...facts } = input;
      const incidentId = commandId ? uuidV5(`incident/${user.userId}/${commandId}`) : ctx.services.newId();
      const outcome = await runCommand(
        ctx,
        {
          type: 'NotifyIncident',
          data: withoutNulls({
            ...facts,
            incidentId,
            partnershipId: partnershipId ?? user.partnershipId ?? '',
            children: children.map(toChild),
            harmChildRef: facts.harmChildRef ?? undefined,
            notifier: toContact(notifier),
            incidentTime: facts.incidentTime ?? undefined,
            supportingDocuments: facts.supportingDocuments ?? undefined,
            referralId: facts.referralId ?? undefined,
          }),
        },
        commandId,
      );
      return { incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

const NotificationChangesInput = builder.inputType('NotificationChangesInput', {
  description: 'Only the fields given change. `children`, when given, replaces all children.',
  fields: (t) => ({
    localAuthorityCode: t.string({ required: false, validate: localAuthorityCodeSchema }),
    nature: t.field({ type: IncidentNatureEnum, required: false }),
    becameAwareOn: t.string({ required: false, validate: calendarDateSchema }),
    harmChildRef: t.string({ required: false, validate: shortText(100) }),
    incidentOn: t.string({ required: false, validate: calendarDateSchema }),
    children: t.field({ type: [ChildInput], required: false, validate: childrenListSchema }),
    notifier: t.field({ type: ContactInput, required: false }),
    location: t.string({ required: false, validate: locationSchema }),
    caseOutline: t.string({ required: false, validate: requiredFreeText() }),
    incidentTime: t.string({ required: false, validate: incidentTimeSchema }),
    supportingDocuments: t.stringList({ required: false, validate: supportingDocumentsSchema }),
  }),
});

builder.mutationField('amendNotification', (t) =>
  t.field({
    type: IncidentPayload,
    description: 'The owning partnership corrects its notification.',
    args: {
      input: t.arg({
        type: builder.inputType('AmendNotificationInput', {
          fields: (f) => ({
            commandId: f.string({ required: false, validate: commandIdSchema }),
            incidentId: f.id({ validate: idSchema }),
            reason: f.field({ type: AmendmentReasonEnum, description: 'Why the notification changes.' }),
            changes: f.field({ type: NotificationChangesInput }),
          }),
        }),
      }),
    },
    errors: mutationErrors('AmendNotificationResult'),
    authScopes: may('amendNotification'),
    resolve: async (_root, { input }, ctx) => {
      const { commandId, incidentId, reason } = input;
      await requireIncidentAccess(ctx, 'amendNotification', incidentId);
      const { children, notifier, ...rest } = input.changes;
      const changes: NotificationChanges = withoutNulls({
        ...(rest as Omit<NotificationChanges, 'children' | 'notifier'>),
        ...(children ? { children: children.map(toChild) } : {}),
        ...(notifier ? { notifier: toContact(notifier) } : {}),
      });
      const outcome = await runCommand(
        ctx,
        { type: 'AmendNotification', data: { incidentId, reason, changes } },
        commandId,
      );
      return { incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

builder.mutationField('withdrawNotification', (t) =>
  t.field({
    type: IncidentPayload,
    description:
      'The owning partnership withdraws a notification (duplicate, criteria not met, notified in error); the Panel may merge a duplicate of any partnership. A duplicate names a notified, not withdrawn incident of the same partnership (any, for the Panel).',
    args: {
      input: t.arg({
        type: builder.inputType('WithdrawNotificationInput', {
          fields: (f) => ({
            commandId: f.string({ required: false, validate: commandIdSchema }),
            incidentId: f.id({ validate: idSchema }),
            reason: f.field({ type: WithdrawalReasonEnum }),
            duplicateOfIncidentId: f.id({
              required: false,
              description: 'Required for DUPLICATE.',
              validate: idSchema,
            }),
            explanation: f.string({
              description: 'Free text: personal data, encrypted.',
              validate: requiredFreeText(5000),
            }),
          }),
        }),
      }),
    },
    errors: mutationErrors('WithdrawNotificationResult'),
    authScopes: may('withdrawNotification'),
    resolve: async (_root, { input }, ctx) => {
      const { commandId, incidentId, reason, duplicateOfIncidentId, explanation } = input;
      await requireIncidentAccess(ctx, 'withdrawNotification', incidentId);
      const outcome = await runCommand(
        ctx,
        {
          type: 'WithdrawNotification',
          data: withoutNulls({
            incidentId,
            reason,
            duplicateOfIncidentId: duplicateOfIncidentId ?? undefined,
            explanation,
          }),
        },
        commandId,
      );
      return { incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);
