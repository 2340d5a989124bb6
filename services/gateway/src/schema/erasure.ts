/**
 * Four-eyes erasure of a data subject's personal data, as two mutations by two admins (CSPR_ADMIN_USER_IDS):
 * `requestErasure` records the caller as requester; `approveErasure` by a different admin records the caller as
 * approver and only then destroys the data keys (events stay, personal data becomes unreadable everywhere, read
 * models are scrubbed by the projector). The input names exactly one subject: an incident (its erasure also destroys
 * the keys of its referral and linked reviews), a referral decided without a notification, or a review of any kind
 * (docs/personal-data.md). No user id is an input, so one admin cannot name a colleague and erase alone.
 * `cancelErasureRequest` withdraws a pending request. Refusals come back as typed errors: ForbiddenError
 * (not an admin, or the requester approving), IllegalStateError (no pending request, one already pending, already
 * erased), NotFoundError, ValidationError. `erasureRequests` lists them (PENDING: the second admin's work list).
 */
import { z } from 'zod';
import { ERASURE_LEGAL_BASES, normaliseCaseReference } from '@cspr/domain';
import type { Operation } from '@cspr/domain';
import { getIncidentByReference, listErasureRequests } from '@cspr/read-models';
import type { ErasureRequestView } from '@cspr/read-models';
import { builder } from '../builder';
import { may } from '../authorization';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import type { GatewayContext } from '../gateway-context';
import { badInput, forwardOnly, pageNumberOf, todayOf, toConnection } from '../read-access';
import { localAuthorityNameOf, partnershipNameOf, personNameOf } from './names';
import { requireIncidentAccess, requireReferralAccess, requireReviewAccess } from '../record-owners';
import { commandIdSchema, idSchema, parseInput, runCommand } from '../run-command';
import { ErasurePayload, mutationErrors } from './command-payload';

type SubjectKind = 'incident' | 'referral' | 'review';
const SUBJECT_FIELDS = { incident: 'incidentId', referral: 'referralId', review: 'reviewId' } as const;

/** Exactly one of incidentId, referralId, reviewId: the subject of the erasure. */
const subjectSchema = z
  .object({ incidentId: idSchema.nullish(), referralId: idSchema.nullish(), reviewId: idSchema.nullish() })
  .superRefine((value, ctx) => {
    const named = [value.incidentId, value.referralId, value.reviewId].filter((id) => id != null).length;
    if (named !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['incidentId'],
        message: 'Name exactly one of incidentId, referralId or reviewId',
      });
  });

const subjectOf = (valid: z.infer<typeof subjectSchema>): { kind: SubjectKind; id: string } =>
  valid.incidentId != null
    ? { kind: 'incident', id: valid.incidentId }
    : valid.referralId != null
      ? { kind: 'referral', id: valid.referralId }
      : { kind: 'review', id: valid.reviewId! };

const requestSchema = subjectSchema.and(
  z.object({ commandId: commandIdSchema, legalBasis: z.enum(ERASURE_LEGAL_BASES) }),
);
const approveSchema = subjectSchema.and(
  z.object({
    commandId: commandIdSchema,
    legalBasis: z.enum(ERASURE_LEGAL_BASES).nullish(),
    requestedBy: z.string().min(1).max(200).nullish(),
  }),
);
const cancelSchema = subjectSchema.and(z.object({ commandId: commandIdSchema }));

const SUBJECT_DESCRIPTION = 'Name exactly one of incidentId, referralId and reviewId.';

const subjectFields = (f: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) => ({
  incidentId: f.id({
    required: false,
    description:
      'The incident to erase, by id or case reference (INC-2026-00123); also erases its referral and linked reviews. ' +
      SUBJECT_DESCRIPTION,
  }),
  referralId: f.id({
    required: false,
    description: 'A referral decided without a notification (also erases the review it led to).',
  }),
  reviewId: f.id({
    required: false,
    description: 'A review of any kind, linked to an incident or not (also erases the referrals it came from).',
  }),
});

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
    ...subjectFields(f),
    legalBasis: f.string({ description: ERASURE_LEGAL_BASES.join(', ') }),
  }),
});

const ApproveErasureInput = builder.inputType('ApproveErasureInput', {
  fields: (f) => ({
    commandId: f.string({ required: false }),
    ...subjectFields(f),
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

/** NOT FOUND for a subject the caller may not see, FORBIDDEN for one it may see but not erase (ACCESS_POLICY). */
const requireSubjectAccess = (ctx: GatewayContext, operation: Operation, subject: { kind: SubjectKind; id: string }) =>
  subject.kind === 'incident'
    ? requireIncidentAccess(ctx, operation, subject.id)
    : subject.kind === 'referral'
      ? requireReferralAccess(ctx, operation, subject.id)
      : requireReviewAccess(ctx, operation, subject.id);

const runErasure = async (
  ctx: GatewayContext,
  operation: Operation,
  type: 'RequestErasure' | 'ApproveErasure' | 'CancelErasureRequest',
  named: { kind: SubjectKind; id: string },
  data: Record<string, string>,
  commandId: string | undefined,
) => {
  // Admins read no case records, so they name an incident by the reference they were given (INC-2026-00123).
  const subject = named.kind === 'incident' ? { ...named, id: await incidentIdOf(ctx, named.id) } : named;
  await requireSubjectAccess(ctx, operation, subject);
  const outcome = await runCommand(
    ctx,
    { type, data: { [SUBJECT_FIELDS[subject.kind]]: subject.id, ...data } } as Parameters<typeof runCommand>[1],
    commandId,
  );
  return {
    subjectKind: subject.kind,
    subjectId: subject.id,
    position: outcome.position,
    alreadyApplied: outcome.alreadyApplied,
  };
};

const approve = async (ctx: GatewayContext, input: unknown, operation: 'approveErasure' | 'erasePersonalData') => {
  const valid = parseInput(approveSchema, input);
  return runErasure(
    ctx,
    operation,
    'ApproveErasure',
    subjectOf(valid),
    {
      ...(valid.legalBasis ? { legalBasis: valid.legalBasis } : {}),
      ...(valid.requestedBy ? { requestedBy: valid.requestedBy } : {}),
    },
    valid.commandId ?? undefined,
  );
};

builder.mutationField('requestErasure', (t) =>
  t.field({
    type: ErasurePayload,
    description:
      "Ask for erasure of a data subject's personal data: an incident, a referral or a review (admin; the caller is the requester). Nothing is erased until another admin approves.",
    args: { input: t.arg({ type: RequestErasureInput }) },
    errors: mutationErrors('RequestErasureResult'),
    authScopes: may('requestErasure'),
    resolve: async (_root, { input }, ctx) => {
      const valid = parseInput(requestSchema, input);
      return runErasure(
        ctx,
        'requestErasure',
        'RequestErasure',
        subjectOf(valid),
        { legalBasis: valid.legalBasis },
        valid.commandId ?? undefined,
      );
    },
  }),
);

builder.mutationField('approveErasure', (t) =>
  t.field({
    type: ErasurePayload,
    description:
      'Approve the pending erasure request (admin other than the requester): destroys the data keys of the subject and of the records that describe the same child.',
    args: { input: t.arg({ type: ApproveErasureInput }) },
    errors: mutationErrors('ApproveErasureResult'),
    authScopes: may('approveErasure'),
    resolve: (_root, { input }, ctx) => approve(ctx, input, 'approveErasure'),
  }),
);

builder.mutationField('erasePersonalData', (t) =>
  t.field({
    type: ErasurePayload,
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
    type: ErasurePayload,
    description: 'Withdraw the pending erasure request (any admin). Nothing is erased.',
    args: {
      input: t.arg({
        type: builder.inputType('CancelErasureRequestInput', {
          fields: (f) => ({ commandId: f.string({ required: false }), ...subjectFields(f) }),
        }),
      }),
    },
    errors: mutationErrors('CancelErasureRequestResult'),
    authScopes: may('cancelErasureRequest'),
    resolve: async (_root, { input }, ctx) => {
      const valid = parseInput(cancelSchema, input);
      return runErasure(
        ctx,
        'cancelErasureRequest',
        'CancelErasureRequest',
        subjectOf(valid),
        {},
        valid.commandId ?? undefined,
      );
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

const ErasureSubjectKindEnum = builder.enumType('ErasureSubjectKind', {
  values: {
    INCIDENT: { value: 'incident' as const },
    REFERRAL: { value: 'referral' as const },
    REVIEW: { value: 'review' as const },
  },
});

const ErasureRequestType = builder.objectRef<ErasureRequestView>('ErasureRequest').implement({
  description: 'An erasure request and where it stands. Admin user ids and the legal basis only: no personal data.',
  fields: (t) => ({
    subjectKind: t.field({ type: ErasureSubjectKindEnum, resolve: (r) => r.subjectKind }),
    incidentId: t.id({ nullable: true, resolve: (r) => (r.subjectKind === 'incident' ? r.subjectId : null) }),
    referralId: t.id({ nullable: true, resolve: (r) => (r.subjectKind === 'referral' ? r.subjectId : null) }),
    reviewId: t.id({ nullable: true, resolve: (r) => (r.subjectKind === 'review' ? r.subjectId : null) }),
    reference: t.string({
      nullable: true,
      description: "The incident's or review's case reference (a referral has none).",
      resolve: (r) => r.reference,
    }),
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
    requestedBy: t.exposeString('requestedBy', { description: "The requester's user id." }),
    requestedByName: t.string({
      description: 'The requester as admins read them: the email their access was granted under, else their id.',
      resolve: (r, _args, ctx) => personNameOf(ctx, r.requestedBy),
    }),
    requestedAt: t.exposeString('requestedAt'),
    requestedByYou: t.boolean({
      description: 'The caller made this request, so only another admin may approve it.',
      resolve: (r, _args, ctx) => ctx.principal.kind === 'user' && ctx.principal.userId === r.requestedBy,
    }),
    decidedBy: t.string({ nullable: true, description: 'Who approved or cancelled it.', resolve: (r) => r.decidedBy }),
    decidedByName: t.string({
      nullable: true,
      description: 'Who approved or cancelled it, as admins read them (email, else id).',
      resolve: (r, _args, ctx) => (r.decidedBy ? personNameOf(ctx, r.decidedBy) : null),
    }),
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
        (r) => [r.requestedAt, r.subjectId],
        page !== undefined && page > 1 ? 'page' : null,
        count,
      );
    },
  }),
);
