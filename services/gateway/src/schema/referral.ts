/**
 * Referrals (issue 9): an agency referrer submits a referral to its partnership's review sub-group; the partnership
 * decides (notify: the notification follows with the referral's facts; alternative review: the non-statutory review
 * is commissioned; no further action with reasons); the referrer may withdraw it before then and sees the outcome.
 * Reads follow ACCESS_POLICY: the partnership its own referrals, an agency user only the referrals it made.
 */
import { z } from 'zod';
import { uuidV5 } from '@cspr/application';
import { AGENCY_CRITERIA_VIEWS, GUIDANCE_EDITIONS, NON_STATUTORY_REVIEW_KINDS, REFERRAL_OUTCOMES } from '@cspr/domain';
import type { Operation } from '@cspr/domain';
import { countReferrals, getReferral, listReferrals } from '@cspr/read-models';
import type { ReferralView } from '@cspr/read-models';
import type { GuidanceEdition } from '@cspr/domain';
import { builder } from '../builder';
import { may, requireRecord, userOf } from '../authorization';
import { ForbiddenError, NotFoundError } from '../client-errors';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import { badInput, forwardOnly, mapReadError, pageNumberOf, toConnection } from '../read-access';
import {
  calendarDateSchema,
  childrenListSchema,
  commandIdSchema,
  freeText,
  idSchema,
  incidentTimeSchema,
  localAuthorityCodeSchema,
  locationSchema,
  requiredFreeText,
  shortText,
} from '../input-rules';
import { requireReferralAccess } from '../record-owners';
import { runCommand } from '../run-command';
import type { GatewayContext } from '../gateway-context';
import { ChildInput } from './child-input';
import { ContactInput } from './contact-input';
import { mutationErrors } from './command-payload';
import { toChild, toContact, withoutNulls } from './notification';
import { AgencyEnum, enumName, IncidentNatureEnum } from './vocabulary';

const domainEnum = <const T extends string>(name: string, values: readonly T[], description: string) =>
  builder.enumType(name, {
    description,
    values: Object.fromEntries(values.map((value) => [enumName(value), { value }])) as Record<string, { value: T }>,
  });

export const NonStatutoryReviewKindEnum = domainEnum(
  'NonStatutoryReviewKind',
  NON_STATUTORY_REVIEW_KINDS,
  'A review a partnership may run when the statutory criteria are not met.',
);
const CriteriaViewEnum = domainEnum(
  'AgencyCriteriaView',
  AGENCY_CRITERIA_VIEWS,
  'Whether the referring agency thinks the criteria for a notification are met.',
);
const ReferralOutcomeEnum = domainEnum(
  'ReferralOutcome',
  REFERRAL_OUTCOMES,
  "The review sub-group's decision on a referral.",
);
const ReferralStatusEnum = domainEnum(
  'ReferralStatus',
  ['submitted', 'decided', 'withdrawn'] as const,
  'Where a referral stands.',
);

const ReferralDecisionType = builder.objectRef<NonNullable<ReferralView['decision']>>('ReferralDecision').implement({
  fields: (t) => ({
    outcome: t.field({ type: ReferralOutcomeEnum, resolve: (d) => d.outcome as never }),
    decidedOn: t.exposeString('decidedOn'),
    incidentId: t.exposeString('incidentId', {
      nullable: true,
      description: 'The notification made from the referral (notify).',
    }),
    reviewKind: t.field({ type: NonStatutoryReviewKindEnum, nullable: true, resolve: (d) => d.reviewKind as never }),
    reviewId: t.exposeString('reviewId', {
      nullable: true,
      description: 'The non-statutory review commissioned (alternative review).',
    }),
  }),
});

export const ReferralType = builder.objectRef<ReferralView>('Referral').implement({
  description: "An agency's referral, minimised: what happened, reasons and names stay sealed in the log.",
  fields: (t) => ({
    id: t.exposeID('id'),
    partnershipId: t.exposeString('partnershipId'),
    localAuthorityCode: t.exposeString('localAuthorityCode'),
    agency: t.exposeString('agency'),
    nature: t.exposeString('nature'),
    incidentOn: t.exposeString('incidentOn'),
    becameAwareOn: t.exposeString('becameAwareOn', { description: 'Anchor of the 5-working-day notification clock.' }),
    criteriaView: t.field({ type: CriteriaViewEnum, resolve: (r) => r.criteriaView as never }),
    dslConsulted: t.exposeBoolean('dslConsulted'),
    submittedAt: t.exposeString('submittedAt'),
    submittedOn: t.exposeString('submittedOn'),
    status: t.field({ type: ReferralStatusEnum, resolve: (r) => r.status }),
    decision: t.field({ type: ReferralDecisionType, nullable: true, resolve: (r) => r.decision }),
    withdrawnOn: t.exposeString('withdrawnOn', { nullable: true }),
  }),
});

const ReferralPayload = builder
  .objectRef<{ referralId: string; position: string; alreadyApplied: boolean; relatedIds: string[] }>('ReferralPayload')
  .implement({
    fields: (t) => ({
      referralId: t.exposeID('referralId'),
      position: t.exposeString('position', {
        description: 'The log position written (the follow-on notification or review included).',
      }),
      alreadyApplied: t.exposeBoolean('alreadyApplied'),
      relatedIds: t.exposeStringList('relatedIds', {
        description: 'Streams the decision caused writes on (incident-… or review-…).',
      }),
    }),
  });

const payload = (referralId: string, outcome: Awaited<ReturnType<typeof runCommand>>) => ({
  referralId,
  position: outcome.position,
  alreadyApplied: outcome.alreadyApplied,
  relatedIds: (outcome.result as { related?: { streamId: string }[] }).related?.map((r) => r.streamId) ?? [],
});

builder.mutationField('submitReferral', (t) =>
  t.field({
    type: ReferralPayload,
    description:
      "An agency referrer refers a case to its partnership's review sub-group (after discussing it with its designated safeguarding lead).",
    args: {
      input: t.arg({
        type: builder.inputType('SubmitReferralInput', {
          fields: (f) => ({
            commandId: f.string({ required: false, validate: commandIdSchema }),
            localAuthorityCode: f.string({ validate: localAuthorityCodeSchema }),
            agency: f.field({ type: AgencyEnum }),
            nature: f.field({ type: IncidentNatureEnum }),
            incidentOn: f.string({ validate: calendarDateSchema }),
            becameAwareOn: f.string({
              description: "When the agency became aware: the notification clock's anchor.",
              validate: calendarDateSchema,
            }),
            criteriaView: f.field({ type: CriteriaViewEnum }),
            dslConsulted: f.boolean(),
            children: f.field({ type: [ChildInput], validate: childrenListSchema }),
            referrer: f.field({ type: ContactInput }),
            whatHappened: f.string({ validate: requiredFreeText() }),
            agencyReasons: f.string({ validate: requiredFreeText() }),
            location: f.string({ validate: locationSchema }),
            incidentTime: f.string({ required: false, validate: incidentTimeSchema }),
          }),
        }),
      }),
    },
    errors: mutationErrors('SubmitReferralResult'),
    authScopes: may('submitReferral'),
    resolve: async (_root, { input }, ctx) => {
      const user = userOf(ctx.principal);
      const { commandId, children, referrer, ...facts } = input;
      const referralId = commandId ? uuidV5(`referral/${user.userId}/${commandId}`) : ctx.services.newId();
      const outcome = await runCommand(
        ctx,
        {
          type: 'SubmitReferral',
          data: withoutNulls({
            ...facts,
            referralId,
            partnershipId: user.partnershipId ?? '',
            incidentTime: facts.incidentTime ?? undefined,
            children: children.map(toChild),
            referrer: toContact(referrer),
          }),
        },
        commandId,
      );
      return payload(referralId, outcome);
    },
  }),
);

/** A referral the caller may `operation`, else NOT FOUND for one it cannot read (ids cannot be probed). */
const readableReferral = async (
  ctx: GatewayContext,
  operation: Operation,
  referralId: string,
): Promise<ReferralView> => {
  const referral = await getReferral(ctx.services.sql, referralId);
  const facts = referral ? { owner: referral.partnershipId, referredBy: referral.referredBy } : undefined;
  requireRecord(ctx, operation, 'referral', facts, `Referral ${referralId}`);
  return referral!;
};

builder.mutationField('decideReferral', (t) =>
  t.field({
    type: ReferralPayload,
    description:
      "The partnership's review sub-group decides: notify (the notification follows, clocked from the referral's awareness date), an alternative review (commissioned), or no further action with reasons.",
    args: {
      input: t.arg({
        type: builder.inputType('DecideReferralInput', {
          fields: (f) => ({
            commandId: f.string({ required: false, validate: commandIdSchema }),
            referralId: f.id({ validate: idSchema }),
            outcome: f.field({ type: ReferralOutcomeEnum }),
            notifier: f.field({
              type: ContactInput,
              required: false,
              description: "Required with NOTIFY: the partnership's notifier.",
            }),
            guidanceEdition: f.string({
              required: false,
              description: 'NOTIFY only. Default: panel-guidance-2025.',
              validate: z.enum(GUIDANCE_EDITIONS),
            }),
            reviewKind: f.field({
              type: NonStatutoryReviewKindEnum,
              required: false,
              description: 'Required with ALTERNATIVE_REVIEW.',
            }),
            reviewTitle: f.string({ required: false, validate: shortText(200) }),
            reasons: f.string({
              required: false,
              description: 'Required with NO_FURTHER_ACTION (personal, sealed).',
              validate: freeText(),
            }),
          }),
        }),
      }),
    },
    errors: mutationErrors('DecideReferralResult'),
    authScopes: may('decideReferral'),
    resolve: async (_root, { input }, ctx) => {
      const user = userOf(ctx.principal);
      // From the head of its stream: an unknown referral and another partnership's answer the same NOT FOUND.
      await requireReferralAccess(ctx, 'decideReferral', input.referralId);
      const derived = (what: string) =>
        input.commandId ? uuidV5(`${what}/${user.userId}/${input.commandId}`) : ctx.services.newId();
      if (input.outcome === 'notify' && !input.notifier)
        throw badInput('A decision to notify needs the notifier', 'notifier');
      const outcome = await runCommand(
        ctx,
        {
          type: 'DecideReferral',
          data: withoutNulls({
            referralId: input.referralId,
            outcome: input.outcome,
            incidentId: input.outcome === 'notify' ? derived('incident') : undefined,
            reviewId: input.outcome === 'alternative-review' ? derived('review') : undefined,
            reviewKind: input.outcome === 'alternative-review' ? (input.reviewKind ?? undefined) : undefined,
            reviewTitle: input.reviewTitle ?? undefined,
            reasons: input.reasons ?? undefined,
            notification: input.notifier
              ? {
                  guidanceEdition: (input.guidanceEdition ?? 'panel-guidance-2025') as GuidanceEdition,
                  notifier: toContact(input.notifier),
                }
              : undefined,
          }),
        },
        input.commandId,
      );
      return payload(input.referralId, outcome);
    },
  }),
);

builder.mutationField('withdrawReferral', (t) =>
  t.field({
    type: ReferralPayload,
    description: 'The referrer withdraws its referral before the sub-group decides.',
    args: {
      input: t.arg({
        type: builder.inputType('WithdrawReferralInput', {
          fields: (f) => ({
            commandId: f.string({ required: false, validate: commandIdSchema }),
            referralId: f.id({ validate: idSchema }),
            reason: f.string({ validate: requiredFreeText(10_000) }),
          }),
        }),
      }),
    },
    errors: mutationErrors('WithdrawReferralResult'),
    authScopes: may('withdrawReferral'),
    resolve: async (_root, { input }, ctx) => {
      await requireReferralAccess(ctx, 'withdrawReferral', input.referralId);
      const outcome = await runCommand(
        ctx,
        { type: 'WithdrawReferral', data: { referralId: input.referralId, reason: input.reason } },
        input.commandId,
      );
      return payload(input.referralId, outcome);
    },
  }),
);

builder.queryField('referral', (t) =>
  t.field({
    type: ReferralType,
    args: {
      id: t.arg.id(),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    errors: { types: [NotFoundError, ForbiddenError], directResult: true, union: { name: 'ReferralResult' } },
    authScopes: may('referral'),
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      return readableReferral(ctx, 'referral', String(args.id));
    },
  }),
);

builder.queryField('referrals', (t) =>
  t.connection({
    type: ReferralType,
    description:
      "A partnership's referrals, newest first; an agency user sees only the referrals it made. Pages by cursor (first/after) or by page number (first/page); totalCount counts every match.",
    args: {
      status: t.arg({ type: ReferralStatusEnum, required: false }),
      page: t.arg.int({
        required: false,
        description: '1-based page number of `first` items (GOV.UK pagination); `after` is ignored when given.',
      }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    authScopes: may('referrals'),
    resolve: async (_root, args, ctx) => {
      const user = userOf(ctx.principal);
      forwardOnly(args);
      const page = pageNumberOf(args.page);
      const filters = {
        partnershipId: user.partnershipId ?? '',
        ...(user.role === 'agency' ? { referredBy: user.userId } : {}),
        ...(args.status ? { status: args.status } : {}),
      };
      await awaitConsistency(ctx, args.consistentAfter);
      try {
        const listed = await listReferrals(ctx.services.sql, {
          ...filters,
          count: false,
          ...(args.first != null ? { first: args.first } : {}),
          ...(page !== undefined ? { page } : args.after ? { after: args.after } : {}),
        });
        return toConnection(
          listed,
          (r) => [r.submittedAt, r.id],
          page !== undefined && page > 1 ? 'page' : args.after,
          () => countReferrals(ctx.services.sql, filters),
        );
      } catch (error) {
        throw mapReadError(error);
      }
    },
  }),
);
