/**
 * The rapid review step: submitRapidReview (owning partnership), respondToRapidReview (the Panel) and the Panel's
 * queue of rapid reviews awaiting a response.
 */
import { z } from 'zod';
import { getPanelQueue } from '@cspr/read-models';
import type { PanelQueueItem } from '@cspr/read-models';
import { builder } from '../builder';
import { requireRole } from '../authorization';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import { forwardOnly, mapReadError, requireReadRole, todayOf, toConnection } from '../read-access';
import { requireIncidentAccess } from '../record-owners';
import { commandIdSchema, freeText, idSchema, parseInput, runCommand, shortText } from '../run-command';
import { IncidentPayload, mutationErrors } from './command-payload';
import { AgencyEnum, IncidentNatureEnum, LocalReviewDecisionEnum, PanelOutcomeEnum, ParallelProcessEnum } from './vocabulary';

const LocalCriteriaInput = builder.inputType('LocalReviewCriteriaInput', {
  description: 'The four local criteria for a local child safeguarding practice review.',
  fields: (t) => ({ improvementsNeeded: t.boolean(), recurrentThemes: t.boolean(), multiAgencyConcerns: t.boolean(), panelSuggested: t.boolean() }),
});
const NationalCriteriaInput = builder.inputType('NationalCriteriaInput', {
  fields: (t) => ({ improvementsNeeded: t.boolean(), lawOrGuidanceChanges: t.boolean(), recurrentThemes: t.boolean() }),
});
const SignOffInput = builder.inputType('PartnerSignOffInput', {
  fields: (t) => ({ localAuthority: t.boolean(), integratedCareBoard: t.boolean(), police: t.boolean() }),
});
const SignatoriesInput = builder.inputType('SignatoriesInput', {
  description: 'Names of the signing officers (personal data).',
  fields: (t) => ({ localAuthority: t.string(), integratedCareBoard: t.string(), police: t.string() }),
});
const AgencySummaryInput = builder.inputType('AgencySummaryInput', {
  fields: (t) => ({ agency: t.field({ type: AgencyEnum }), summary: t.string() }),
});

const SubmitRapidReviewInput = builder.inputType('SubmitRapidReviewInput', {
  description: 'The rapid review sent to the Panel. Free-text fields are personal data: encrypted, read by the partnership and the Panel only.',
  fields: (t) => ({
    commandId: t.string({ required: false }),
    incidentId: t.id(),
    parallelProcesses: t.field({ type: [ParallelProcessEnum] }),
    agenciesInvolved: t.field({ type: [AgencyEnum] }),
    localReviewDecision: t.field({ type: LocalReviewDecisionEnum }),
    localCriteria: t.field({ type: LocalCriteriaInput }),
    nationalCriteria: t.field({ type: NationalCriteriaInput }),
    signedOff: t.field({ type: SignOffInput }),
    facts: t.string(),
    agencySummaries: t.field({ type: [AgencySummaryInput] }),
    keyPracticeEpisodes: t.string(),
    livedExperience: t.string(),
    immediateActions: t.string(),
    learningIdentified: t.string(),
    decisionReasons: t.string(),
    signatories: t.field({ type: SignatoriesInput }),
  }),
});

const rapidReviewSchema = z.object({
  commandId: commandIdSchema,
  incidentId: idSchema,
  facts: freeText().min(1),
  agencySummaries: z.array(z.object({ summary: freeText(10_000).min(1) }).loose()).max(20),
  keyPracticeEpisodes: freeText(),
  livedExperience: freeText(),
  immediateActions: freeText(),
  learningIdentified: freeText(),
  decisionReasons: freeText().min(1),
  signatories: z.object({ localAuthority: shortText(), integratedCareBoard: shortText(), police: shortText() }),
}).loose();

builder.mutationField('submitRapidReview', (t) =>
  t.field({
    type: IncidentPayload,
    description: "The owning partnership sends the rapid review to the Panel: the Panel's expectation (not a statutory duty) is within 15 working days.",
    args: { input: t.arg({ type: SubmitRapidReviewInput }) },
    errors: mutationErrors('SubmitRapidReviewResult'),
    resolve: async (_root, { input }, ctx) => {
      requireRole(ctx.principal, ['partnership'], 'submit a rapid review');
      const valid = parseInput(rapidReviewSchema, input);
      await requireIncidentAccess(ctx, valid.incidentId);
      const { commandId: _commandId, ...data } = input;
      const outcome = await runCommand(ctx, { type: 'SubmitRapidReview', data: { ...data, incidentId: valid.incidentId } }, valid.commandId);
      return { incidentId: valid.incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

const respondSchema = z.object({
  commandId: commandIdSchema,
  incidentId: idSchema,
  thematicReviewTitle: shortText().nullish(),
  comments: freeText(20_000),
}).loose();

builder.mutationField('respondToRapidReview', (t) =>
  t.field({
    type: IncidentPayload,
    description: 'The Panel answers a rapid review: agreed, reconsider, national review or national thematic review.',
    args: {
      input: t.arg({
        type: builder.inputType('RespondToRapidReviewInput', {
          fields: (f) => ({
            commandId: f.string({ required: false }),
            incidentId: f.id(),
            outcome: f.field({ type: PanelOutcomeEnum }),
            thematicReviewTitle: f.string({ required: false, description: 'Required for NATIONAL_THEMATIC_REVIEW.' }),
            comments: f.string({ description: 'The Panel\'s letter or comments (may be empty); personal data.' }),
          }),
        }),
      }),
    },
    errors: mutationErrors('RespondToRapidReviewResult'),
    resolve: async (_root, { input }, ctx) => {
      requireRole(ctx.principal, ['panel'], 'respond to a rapid review');
      const valid = parseInput(respondSchema, input);
      await requireIncidentAccess(ctx, valid.incidentId);
      const outcome = await runCommand(ctx, {
        type: 'RespondToRapidReview',
        data: { incidentId: valid.incidentId, outcome: input.outcome, comments: valid.comments, ...(valid.thematicReviewTitle ? { thematicReviewTitle: valid.thematicReviewTitle } : {}) },
      }, valid.commandId);
      return { incidentId: valid.incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

const PanelQueueItemType = builder.objectRef<PanelQueueItem>('PanelQueueItem').implement({
  description: 'A rapid review awaiting the Panel\'s response.',
  fields: (t) => ({
    incidentId: t.exposeID('incidentId'),
    partnershipId: t.exposeString('partnershipId'),
    localAuthorityCode: t.exposeString('localAuthorityCode'),
    nature: t.field({ type: IncidentNatureEnum, resolve: (i) => i.nature as never }),
    notifiedOn: t.exposeString('notifiedOn'),
    submittedAt: t.exposeString('submittedAt'),
    submittedOn: t.exposeString('submittedOn'),
    submission: t.exposeInt('submission'),
    localReviewDecision: t.field({ type: LocalReviewDecisionEnum, resolve: (i) => i.localReviewDecision as never }),
    nationalCriteriaMayBeMet: t.exposeBoolean('nationalCriteriaMayBeMet'),
    targetOn: t.exposeString('targetOn', { description: 'Service-level target for the response (10 working days by default).' }),
    workingDaysLeft: t.exposeInt('workingDaysLeft'),
    overdue: t.exposeBoolean('overdue'),
  }),
});

builder.queryField('panelQueue', (t) =>
  t.connection({
    type: PanelQueueItemType,
    description: 'The Panel\'s queue: rapid reviews awaiting a response, oldest submission first. Panel only.',
    args: { consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }) },
    resolve: async (_root, args, ctx) => {
      requireReadRole(ctx, ['panel'], 'the Panel\'s queue');
      forwardOnly(args);
      await awaitConsistency(ctx, args.consistentAfter);
      try {
        const page = await getPanelQueue(ctx.services.sql, { ...todayOf(ctx), ...(args.first != null ? { first: args.first } : {}), ...(args.after ? { after: args.after } : {}) });
        return toConnection(page, (item) => [item.submittedAt, item.incidentId], args.after);
      } catch (error) {
        throw mapReadError(error);
      }
    },
  }),
);
