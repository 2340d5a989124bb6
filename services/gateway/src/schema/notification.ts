/**
 * Notification mutations: notifyIncident, amendNotification, withdrawNotification (partnerships, own incidents).
 * The deciders hold the rules; zod here checks shapes and formats so messages name the field at once.
 */
import { z } from 'zod';
import { uuidV5 } from '@cspr/application';
import { CHILD_REFS, LOCAL_AUTHORITY_CODE_PATTERN, MAX_CHILDREN } from '@cspr/domain';
import type { NotificationChanges, NotifiedChild, Notifier } from '@cspr/domain';
import { builder } from '../builder';
import { requireRole } from '../authorization';
import { requireIncidentAccess } from '../record-owners';
import { calendarDateSchema, commandIdSchema, freeText, idSchema, parseInput, runCommand, shortText } from '../run-command';
import { IncidentPayload, mutationErrors } from './command-payload';
import {
  EthnicityEnum, IncidentNatureEnum, PlacementEnum, SexEnum, WithdrawalReasonEnum, YesNoNotKnownEnum,
} from './vocabulary';

const ChildInput = builder.inputType('NotifiedChildInput', {
  description: 'One child (up to 4 per notification). `name` and `dateOfBirth` are personal data: encrypted, and read only by the owning partnership and the Panel.',
  fields: (t) => ({
    childRef: t.string({ description: `child-1 … child-${MAX_CHILDREN}` }),
    name: t.string(),
    dateOfBirth: t.string({ required: false, description: 'YYYY-MM-DD. Give this or ageInYears; neither means unknown.' }),
    ageInYears: t.int({ required: false }),
    sex: t.field({ type: SexEnum }),
    ethnicity: t.field({ type: EthnicityEnum }),
    disability: t.field({ type: YesNoNotKnownEnum }),
    placement: t.field({ type: PlacementEnum }),
    lookedAfter: t.boolean(),
    childInNeedPlan: t.boolean(),
    childProtectionPlan: t.boolean(),
    knownToAgencies: t.field({ type: YesNoNotKnownEnum }),
    under18: t.boolean({ required: false, description: 'Care-leaver deaths: whether the young person was under 18.' }),
  }),
});

const NotifierInput = builder.inputType('NotifierInput', {
  fields: (t) => ({ name: t.string(), role: t.string(), email: t.string(), phone: t.string({ required: false }) }),
});

const childSchema = z.object({
  childRef: z.enum(CHILD_REFS),
  name: shortText(),
  dateOfBirth: calendarDateSchema.nullish(),
  ageInYears: z.number().int().min(0).max(25).nullish(),
}).loose();
const notifierSchema = z.object({ name: shortText(), role: shortText(), email: z.email(), phone: shortText(40).nullish() });

const withoutNulls = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;

const toChild = (child: Record<string, unknown>): NotifiedChild => withoutNulls(child) as unknown as NotifiedChild;
const toNotifier = (notifier: { name: string; role: string; email: string; phone?: string | null }): Notifier => withoutNulls(notifier) as Notifier;

const NotifyIncidentInput = builder.inputType('NotifyIncidentInput', {
  fields: (t) => ({
    commandId: t.string({ required: false, description: 'Client-chosen id: a retried request with the same id is applied once.' }),
    partnershipId: t.string({ required: false, description: 'Default: the partnership of the token.' }),
    localAuthorityCode: t.string({ description: 'ONS code of the LA where the incident happened, e.g. E08000035.' }),
    nature: t.field({ type: IncidentNatureEnum }),
    becameAwareOn: t.string({ description: 'YYYY-MM-DD (England).' }),
    incidentOn: t.string({ description: 'YYYY-MM-DD (England).' }),
    children: t.field({ type: [ChildInput] }),
    harmChildRef: t.string({ required: false, description: 'The childRef of the child the harm relates to, when not the first listed (DfE counts that child).' }),
    notifier: t.field({ type: NotifierInput }),
    location: t.string(),
    caseOutline: t.string(),
    incidentTime: t.string({ required: false, description: 'HH:MM, England local time.' }),
    supportingDocuments: t.stringList({ required: false }),
    referralId: t.string({ required: false }),
  }),
});

const notifySchema = z.object({
  commandId: commandIdSchema,
  partnershipId: idSchema.nullish(),
  localAuthorityCode: z.string().regex(LOCAL_AUTHORITY_CODE_PATTERN, 'an English local authority code such as E08000035'),
  becameAwareOn: calendarDateSchema,
  incidentOn: calendarDateSchema,
  children: z.array(childSchema).min(1).max(MAX_CHILDREN),
  notifier: notifierSchema,
  location: shortText(1000),
  caseOutline: freeText().min(1),
  incidentTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').nullish(),
  supportingDocuments: z.array(shortText()).max(50).nullish(),
  referralId: shortText(100).nullish(),
}).loose();

builder.mutationField('notifyIncident', (t) =>
  t.field({
    type: IncidentPayload,
    description: 'A partnership notifies the Panel of a serious incident (Children Act 2004 s16C).',
    args: { input: t.arg({ type: NotifyIncidentInput }) },
    errors: mutationErrors('NotifyIncidentResult'),
    resolve: async (_root, { input }, ctx) => {
      const user = requireRole(ctx.principal, ['partnership'], 'notify an incident');
      const valid = parseInput(notifySchema, input);
      const incidentId = valid.commandId ? uuidV5(`incident/${user.userId}/${valid.commandId}`) : ctx.services.newId();
      const outcome = await runCommand(ctx, {
        type: 'NotifyIncident',
        data: withoutNulls({
          incidentId,
          partnershipId: valid.partnershipId ?? user.partnershipId ?? '',
          localAuthorityCode: valid.localAuthorityCode,
          nature: input.nature,
          becameAwareOn: valid.becameAwareOn,
          incidentOn: valid.incidentOn,
          children: input.children.map((c) => toChild(c)),
          harmChildRef: input.harmChildRef ?? undefined,
          notifier: toNotifier(input.notifier),
          location: valid.location,
          caseOutline: valid.caseOutline,
          incidentTime: valid.incidentTime ?? undefined,
          supportingDocuments: valid.supportingDocuments ?? undefined,
          referralId: valid.referralId ?? undefined,
        }),
      }, valid.commandId);
      return { incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

const NotificationChangesInput = builder.inputType('NotificationChangesInput', {
  description: 'Only the fields given change. `children`, when given, replaces all children.',
  fields: (t) => ({
    localAuthorityCode: t.string({ required: false }),
    nature: t.field({ type: IncidentNatureEnum, required: false }),
    becameAwareOn: t.string({ required: false }),
    harmChildRef: t.string({ required: false }),
    incidentOn: t.string({ required: false }),
    children: t.field({ type: [ChildInput], required: false }),
    notifier: t.field({ type: NotifierInput, required: false }),
    location: t.string({ required: false }),
    caseOutline: t.string({ required: false }),
    incidentTime: t.string({ required: false }),
    supportingDocuments: t.stringList({ required: false }),
  }),
});

const amendSchema = z.object({
  commandId: commandIdSchema,
  incidentId: idSchema,
  changes: z.object({
    localAuthorityCode: z.string().regex(LOCAL_AUTHORITY_CODE_PATTERN, 'an English local authority code such as E08000035').nullish(),
    becameAwareOn: calendarDateSchema.nullish(),
    incidentOn: calendarDateSchema.nullish(),
    children: z.array(childSchema).min(1).max(MAX_CHILDREN).nullish(),
    notifier: notifierSchema.nullish(),
    location: shortText(1000).nullish(),
    caseOutline: freeText().min(1).nullish(),
    incidentTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').nullish(),
  }).loose(),
}).loose();

builder.mutationField('amendNotification', (t) =>
  t.field({
    type: IncidentPayload,
    description: 'The owning partnership corrects its notification.',
    args: {
      input: t.arg({
        type: builder.inputType('AmendNotificationInput', {
          fields: (f) => ({ commandId: f.string({ required: false }), incidentId: f.id(), changes: f.field({ type: NotificationChangesInput }) }),
        }),
      }),
    },
    errors: mutationErrors('AmendNotificationResult'),
    resolve: async (_root, { input }, ctx) => {
      requireRole(ctx.principal, ['partnership'], 'amend a notification');
      const valid = parseInput(amendSchema, input);
      await requireIncidentAccess(ctx, valid.incidentId);
      const { children, notifier, ...rest } = input.changes;
      const changes: NotificationChanges = withoutNulls({
        ...(rest as Omit<NotificationChanges, 'children' | 'notifier'>),
        ...(children ? { children: children.map((c) => toChild(c)) } : {}),
        ...(notifier ? { notifier: toNotifier(notifier) } : {}),
      });
      const outcome = await runCommand(ctx, { type: 'AmendNotification', data: { incidentId: valid.incidentId, changes } }, valid.commandId);
      return { incidentId: valid.incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

const withdrawSchema = z.object({
  commandId: commandIdSchema,
  incidentId: idSchema,
  duplicateOfIncidentId: idSchema.nullish(),
  explanation: freeText(5000).min(1),
}).loose();

builder.mutationField('withdrawNotification', (t) =>
  t.field({
    type: IncidentPayload,
    description: 'The owning partnership withdraws a notification (duplicate, criteria not met, notified in error); the Panel may merge a duplicate of any partnership. A duplicate names a notified, not withdrawn incident of the same partnership (any, for the Panel).',
    args: {
      input: t.arg({
        type: builder.inputType('WithdrawNotificationInput', {
          fields: (f) => ({
            commandId: f.string({ required: false }),
            incidentId: f.id(),
            reason: f.field({ type: WithdrawalReasonEnum }),
            duplicateOfIncidentId: f.id({ required: false, description: 'Required for DUPLICATE.' }),
            explanation: f.string({ description: 'Free text: personal data, encrypted.' }),
          }),
        }),
      }),
    },
    errors: mutationErrors('WithdrawNotificationResult'),
    resolve: async (_root, { input }, ctx) => {
      requireRole(ctx.principal, ['partnership', 'panel'], 'withdraw a notification');
      const valid = parseInput(withdrawSchema, input);
      await requireIncidentAccess(ctx, valid.incidentId);
      const outcome = await runCommand(ctx, {
        type: 'WithdrawNotification',
        data: withoutNulls({ incidentId: valid.incidentId, reason: input.reason, duplicateOfIncidentId: valid.duplicateOfIncidentId ?? undefined, explanation: valid.explanation }),
      }, valid.commandId);
      return { incidentId: valid.incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);
