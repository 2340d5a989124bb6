/**
 * The rapid review step: submitRapidReview (owning partnership), respondToRapidReview (the Panel) and the Panel's
 * queue of rapid reviews awaiting a response. Inputs declare their checks on their fields (input-rules.ts): the
 * resolvers receive only checked values.
 */
import { z } from 'zod';
import { getPanelQueue } from '@cspr/read-models';
import type { PanelQueueItem } from '@cspr/read-models';
import { builder } from '../builder';
import { may } from '../authorization';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import { forwardOnly, mapReadError, pageNumberOf, todayOf, toConnection } from '../read-access';
import { localAuthorityNameOf, partnershipNameOf } from './names';
import { requireIncidentAccess } from '../record-owners';
import { commandIdSchema, freeText, idSchema, requiredFreeText, shortText } from '../input-rules';
import { runCommand } from '../run-command';
import { IncidentPayload, mutationErrors } from './command-payload';
import {
  AgencyEnum,
  IncidentNatureEnum,
  LocalReviewDecisionEnum,
  PanelOutcomeEnum,
  ParallelProcessEnum,
} from './vocabulary';

const LocalCriteriaInput = builder.inputType('LocalReviewCriteriaInput', {
  description: 'The four local criteria for a local child safeguarding practice review.',
  fields: (t) => ({
    improvementsNeeded: t.boolean(),
    recurrentThemes: t.boolean(),
    multiAgencyConcerns: t.boolean(),
    panelSuggested: t.boolean(),
  }),
});
const NationalCriteriaInput = builder.inputType('NationalCriteriaInput', {
  fields: (t) => ({ improvementsNeeded: t.boolean(), lawOrGuidanceChanges: t.boolean(), recurrentThemes: t.boolean() }),
});
const SignOffInput = builder.inputType('PartnerSignOffInput', {
  fields: (t) => ({ localAuthority: t.boolean(), integratedCareBoard: t.boolean(), police: t.boolean() }),
});
const SignatoriesInput = builder.inputType('SignatoriesInput', {
  description: 'Names of the signing officers (personal data).',
  fields: (t) => ({
    localAuthority: t.string({ validate: shortText() }),
    integratedCareBoard: t.string({ validate: shortText() }),
    police: t.string({ validate: shortText() }),
  }),
});
const AgencySummaryInput = builder.inputType('AgencySummaryInput', {
  fields: (t) => ({ agency: t.field({ type: AgencyEnum }), summary: t.string({ validate: requiredFreeText(10_000) }) }),
});
/** At most one summary per agency in practice; the decider judges duplicates. */
const MAX_AGENCY_SUMMARIES = 20;

const SubmitRapidReviewInput = builder.inputType('SubmitRapidReviewInput', {
  description:
    'The rapid review sent to the Panel. Free-text fields are personal data: encrypted, read by the partnership and the Panel only.',
  fields: (t) => ({
    commandId: t.string({ required: false, validate: commandIdSchema }),
    incidentId: t.id({ validate: idSchema }),
    parallelProcesses: t.field({ type: [ParallelProcessEnum] }),
    agenciesInvolved: t.field({ type: [AgencyEnum] }),
    localReviewDecision: t.field({ type: LocalReviewDecisionEnum }),
    localCriteria: t.field({ type: LocalCriteriaInput }),
    nationalCriteria: t.field({ type: NationalCriteriaInput }),
    signedOff: t.field({ type: SignOffInput }),
    facts: t.string({ validate: requiredFreeText() }),
    agencySummaries: t.field({ type: [AgencySummaryInput], validate: z.array(z.unknown()).max(MAX_AGENCY_SUMMARIES) }),
    keyPracticeEpisodes: t.string({ validate: freeText() }),
    livedExperience: t.string({ validate: freeText() }),
    immediateActions: t.string({ validate: freeText() }),
    learningIdentified: t.string({ validate: freeText() }),
    decisionReasons: t.string({ validate: requiredFreeText() }),
    signatories: t.field({ type: SignatoriesInput }),
  }),
});

builder.mutationField('submitRapidReview', (t) =>
  t.field({
    type: IncidentPayload,
    description:
      "The owning partnership sends the rapid review to the Panel: the Panel's expectation (not a statutory duty) is within 15 working days.",
    args: { input: t.arg({ type: SubmitRapidReviewInput }) },
    errors: mutationErrors('SubmitRapidReviewResult'),
    authScopes: may('submitRapidReview'),
    resolve: async (_root, { input }, ctx) => {
      const { commandId, ...data } = input;
      await requireIncidentAccess(ctx, 'submitRapidReview', data.incidentId);
      const outcome = await runCommand(ctx, { type: 'SubmitRapidReview', data }, commandId);
      return { incidentId: data.incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

builder.mutationField('respondToRapidReview', (t) =>
  t.field({
    type: IncidentPayload,
    description: 'The Panel answers a rapid review: agreed, reconsider, national review or national thematic review.',
    args: {
      input: t.arg({
        type: builder.inputType('RespondToRapidReviewInput', {
          fields: (f) => ({
            commandId: f.string({ required: false, validate: commandIdSchema }),
            incidentId: f.id({ validate: idSchema }),
            outcome: f.field({ type: PanelOutcomeEnum }),
            thematicReviewTitle: f.string({
              required: false,
              description: 'Required for NATIONAL_THEMATIC_REVIEW.',
              validate: shortText(),
            }),
            comments: f.string({
              description: "The Panel's letter or comments (may be empty); personal data.",
              validate: freeText(20_000),
            }),
          }),
        }),
      }),
    },
    errors: mutationErrors('RespondToRapidReviewResult'),
    authScopes: may('respondToRapidReview'),
    resolve: async (_root, { input }, ctx) => {
      const { commandId, incidentId, outcome: panelOutcome, comments, thematicReviewTitle } = input;
      await requireIncidentAccess(ctx, 'respondToRapidReview', incidentId);
      const outcome = await runCommand(
        ctx,
        {
          type: 'RespondToRapidReview',
          data: {
            incidentId,
            outcome: panelOutcome,
            comments,
            ...(thematicReviewTitle ? { thematicReviewTitle } : {}),
          },
        },
        commandId,
      );
      return { incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

const PanelQueueItemType = builder.objectRef<PanelQueueItem>('PanelQueueItem').implement({
  description: "A rapid review awaiting the Panel's response.",
  fields: (t) => ({
    incidentId: t.exposeID('incidentId'),
    reference: t.string({
      nullable: true,
      description: "The incident's case reference (INC-2026-00123).",
      resolve: (i) => i.reference,
    }),
    partnershipId: t.exposeString('partnershipId'),
    partnershipName: t.string({ resolve: (i, _args, ctx) => partnershipNameOf(ctx, i.partnershipId) }),
    localAuthorityCode: t.exposeString('localAuthorityCode'),
    localAuthorityName: t.string({ resolve: (i) => localAuthorityNameOf(i.localAuthorityCode) }),
    nature: t.field({ type: IncidentNatureEnum, resolve: (i) => i.nature as never }),
    notifiedOn: t.exposeString('notifiedOn'),
    submittedAt: t.exposeString('submittedAt'),
    submittedOn: t.exposeString('submittedOn'),
    submission: t.exposeInt('submission'),
    localReviewDecision: t.field({ type: LocalReviewDecisionEnum, resolve: (i) => i.localReviewDecision as never }),
    nationalCriteriaMayBeMet: t.exposeBoolean('nationalCriteriaMayBeMet'),
    targetOn: t.exposeString('targetOn', {
      description: 'Service-level target for the response (10 working days by default).',
    }),
    workingDaysLeft: t.exposeInt('workingDaysLeft'),
    overdue: t.exposeBoolean('overdue'),
  }),
});

builder.queryField('panelQueue', (t) =>
  t.connection({
    type: PanelQueueItemType,
    description: "The Panel's queue: rapid reviews awaiting a response, oldest submission first. Panel only.",
    args: {
      page: t.arg.int({
        required: false,
        description: '1-based page number of `first` items (GOV.UK pagination); `after` is ignored when given.',
      }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    authScopes: may('panelQueue'),
    resolve: async (_root, args, ctx) => {
      forwardOnly(args);
      const page = pageNumberOf(args.page);
      await awaitConsistency(ctx, args.consistentAfter);
      try {
        const listed = await getPanelQueue(ctx.services.sql, {
          ...todayOf(ctx),
          ...(args.first != null ? { first: args.first } : {}),
          ...(page !== undefined ? { page } : args.after ? { after: args.after } : {}),
        });
        return toConnection(
          listed,
          (item) => [item.submittedAt, item.incidentId],
          page !== undefined && page > 1 ? 'page' : args.after,
        );
      } catch (error) {
        throw mapReadError(error);
      }
    },
  }),
);
