/**
 * Four-eyes erasure of an incident's personal data, as two mutations by two admins (CSPR_ADMIN_USER_IDS):
 * `requestErasure` records the caller as requester; `approveErasure` by a different admin records the caller as
 * approver and only then destroys the data key (events stay, personal data becomes unreadable everywhere, read
 * models are scrubbed by the projector). No user id is an input, so one admin cannot name a colleague and erase
 * alone. `cancelErasureRequest` withdraws a pending request. Refusals come back as typed errors: ForbiddenError
 * (not an admin, or the requester approving), IllegalStateError (no pending request, one already pending, already
 * erased), NotFoundError, ValidationError. `erasureRequests` lists them (PENDING: the second admin's work list).
 */
import { z } from 'zod';
import { ERASURE_LEGAL_BASES, normaliseCaseReference } from '@cspr/domain';
import { getIncidentByReference, listErasureRequests } from '@cspr/read-models';
import type { ErasureRequestView } from '@cspr/read-models';
import { builder } from '../builder';
import { may } from '../authorization';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import { badInput, forwardOnly, pageNumberOf, todayOf, toConnection } from '../read-access';
import { localAuthorityNameOf, partnershipNameOf } from './names';
import { requireIncidentAccess } from '../record-owners';
import { commandIdSchema, idSchema, parseInput, runCommand } from '../run-command';
import { IncidentPayload, mutationErrors } from './command-payload';

const requestSchema = z.object({
  commandId: commandIdSchema,
  incidentId: idSchema,
  legalBasis: z.enum(ERASURE_LEGAL_BASES),
});
const approveSchema = z.object({
  commandId: commandIdSchema,
  incidentId: idSchema,
  legalBasis: z.enum(ERASURE_LEGAL_BASES).nullish(),
  requestedBy: z.string().min(1).max(200).nullish(),
});
const cancelSchema = z.object({ commandId: commandIdSchema, incidentId: idSchema });

/**
 * Admins read no case records, so they know an incident by the reference the person or the court gives: a case
 * reference is looked up; an unknown one is NOT FOUND like an unknown id.
 */
const incidentIdOf = async (ctx: Parameters<typeof runCommand>[0], idOrReference: string): Promise<string> => {
  const reference = normaliseCaseReference(idOrReference);
  if (!reference) return idOrReference;
  return (await getIncidentByReference(ctx.services.sql, reference, todayOf(ctx)))?.id ?? idOrReference;
};

const RequestErasureInput = builder.inputType('RequestErasureInput', {
  fields: (f) => ({
    commandId: f.string({ required: false }),
    incidentId: f.id({ description: "The incident's id, or its case reference (INC-2026-00123)." }),
    legalBasis: f.string({ description: ERASURE_LEGAL_BASES.join(', ') }),
  }),
});

const ApproveErasureInput = builder.inputType('ApproveErasureInput', {
  fields: (f) => ({
    commandId: f.string({ required: false }),
    incidentId: f.id(),
    legalBasis: f.string({
      required: false,
      description: 'Optional check: refused if the pending request has another legal basis.',
    }),
    requestedBy: f.string({
      required: false,
      description:
        'Optional check: refused if another admin made the pending request. The requester is never taken from here.',
    }),
  }),
});

const approve = async (
  ctx: Parameters<typeof runCommand>[0],
  input: unknown,
  operation: 'approveErasure' | 'erasePersonalData',
) => {
  const valid = parseInput(approveSchema, input);
  await requireIncidentAccess(ctx, operation, valid.incidentId);
  const outcome = await runCommand(
    ctx,
    {
      type: 'ApproveErasure',
      data: {
        incidentId: valid.incidentId,
        ...(valid.legalBasis ? { legalBasis: valid.legalBasis } : {}),
        ...(valid.requestedBy ? { requestedBy: valid.requestedBy } : {}),
      },
    },
    valid.commandId,
  );
  return { incidentId: valid.incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
};

builder.mutationField('requestErasure', (t) =>
  t.field({
    type: IncidentPayload,
    description:
      "Ask for erasure of an incident's personal data (admin; the caller is the requester). Nothing is erased until another admin approves.",
    args: { input: t.arg({ type: RequestErasureInput }) },
    errors: mutationErrors('RequestErasureResult'),
    authScopes: may('requestErasure'),
    resolve: async (_root, { input }, ctx) => {
      const valid = parseInput(requestSchema, input);
      const incidentId = await incidentIdOf(ctx, valid.incidentId);
      await requireIncidentAccess(ctx, 'requestErasure', incidentId);
      const outcome = await runCommand(
        ctx,
        { type: 'RequestErasure', data: { incidentId, legalBasis: valid.legalBasis } },
        valid.commandId,
      );
      return { incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

builder.mutationField('approveErasure', (t) =>
  t.field({
    type: IncidentPayload,
    description:
      "Approve the pending erasure request (admin other than the requester): destroys the incident's data key.",
    args: { input: t.arg({ type: ApproveErasureInput }) },
    errors: mutationErrors('ApproveErasureResult'),
    authScopes: may('approveErasure'),
    resolve: (_root, { input }, ctx) => approve(ctx, input, 'approveErasure'),
  }),
);

builder.mutationField('erasePersonalData', (t) =>
  t.field({
    type: IncidentPayload,
    deprecationReason:
      'Use requestErasure, then approveErasure by another admin. This approves the pending request, like approveErasure.',
    args: { input: t.arg({ type: ApproveErasureInput }) },
    errors: mutationErrors('ErasePersonalDataResult'),
    authScopes: may('erasePersonalData'),
    resolve: (_root, { input }, ctx) => approve(ctx, input, 'erasePersonalData'),
  }),
);

builder.mutationField('cancelErasureRequest', (t) =>
  t.field({
    type: IncidentPayload,
    description: 'Withdraw the pending erasure request (any admin). Nothing is erased.',
    args: {
      input: t.arg({
        type: builder.inputType('CancelErasureRequestInput', {
          fields: (f) => ({ commandId: f.string({ required: false }), incidentId: f.id() }),
        }),
      }),
    },
    errors: mutationErrors('CancelErasureRequestResult'),
    authScopes: may('cancelErasureRequest'),
    resolve: async (_root, { input }, ctx) => {
      const valid = parseInput(cancelSchema, input);
      await requireIncidentAccess(ctx, 'cancelErasureRequest', valid.incidentId);
      const outcome = await runCommand(
        ctx,
        { type: 'CancelErasureRequest', data: { incidentId: valid.incidentId } },
        valid.commandId,
      );
      return { incidentId: valid.incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

const ErasureRequestStatusEnum = builder.enumType('ErasureRequestStatus', {
  values: {
    PENDING: { value: 'pending' as const },
    CANCELLED: { value: 'cancelled' as const },
    ERASED: { value: 'erased' as const },
  },
});

const ErasureRequestType = builder.objectRef<ErasureRequestView>('ErasureRequest').implement({
  description: 'An erasure request and where it stands. Admin user ids and the legal basis only: no personal data.',
  fields: (t) => ({
    incidentId: t.exposeID('incidentId'),
    reference: t.string({ nullable: true, description: "The incident's case reference.", resolve: (r) => r.reference }),
    partnershipName: t.string({
      nullable: true,
      resolve: (r, _args, ctx) => (r.partnershipId ? partnershipNameOf(ctx, r.partnershipId) : null),
    }),
    localAuthorityName: t.string({
      nullable: true,
      resolve: (r) => (r.localAuthorityCode ? localAuthorityNameOf(r.localAuthorityCode) : null),
    }),
    status: t.field({ type: ErasureRequestStatusEnum, resolve: (r) => r.status }),
    legalBasis: t.exposeString('legalBasis'),
    requestedBy: t.exposeString('requestedBy'),
    requestedAt: t.exposeString('requestedAt'),
    requestedByYou: t.boolean({
      description: 'The caller made this request, so only another admin may approve it.',
      resolve: (r, _args, ctx) => ctx.principal.kind === 'user' && ctx.principal.userId === r.requestedBy,
    }),
    decidedBy: t.string({ nullable: true, description: 'Who approved or cancelled it.', resolve: (r) => r.decidedBy }),
    decidedAt: t.string({ nullable: true, resolve: (r) => r.decidedAt }),
  }),
});

builder.queryField('erasureRequests', (t) =>
  t.connection({
    type: ErasureRequestType,
    description: 'Erasure requests, oldest first (admin): PENDING ones wait for a second admin to approve or cancel.',
    args: {
      status: t.arg({ type: ErasureRequestStatusEnum, required: false }),
      page: t.arg.int({ required: false, description: '1-based page number of `first` items (GOV.UK pagination).' }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    authScopes: may('erasureRequests'),
    resolve: async (_root, args, ctx) => {
      forwardOnly(args);
      if (args.after) throw badInput('erasureRequests pages by number: use page', 'after');
      const page = pageNumberOf(args.page);
      await awaitConsistency(ctx, args.consistentAfter);
      const listed = await listErasureRequests(ctx.services.sql, {
        count: false,
        ...(args.status ? { status: args.status } : {}),
        ...(args.first != null ? { first: args.first } : {}),
        ...(page !== undefined ? { page } : {}),
      });
      const count = () =>
        listErasureRequests(ctx.services.sql, { ...(args.status ? { status: args.status } : {}), first: 1 }).then(
          (p) => p.totalCount ?? 0,
        );
      return toConnection(
        listed,
        (r) => [r.requestedAt, r.incidentId],
        page !== undefined && page > 1 ? 'page' : null,
        count,
      );
    },
  }),
);
