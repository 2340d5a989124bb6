/**
 * Review mutations, commissioning to closure. A local review is acted on by its partnership, a national review
 * by the Panel; the deciders enforce that, the gateway first answers NOT FOUND for other partnerships' reviews.
 */
import { z } from 'zod';
import { uuidV5 } from '@cspr/application';
import type { ApplicationCommand } from '@cspr/application';
import { builder } from '../builder';
import type { Operation } from '@cspr/domain';
import { may, userOf } from '../authorization';
import type { GatewayContext } from '../gateway-context';
import { requireIncidentsReadable, requireReviewAccess } from '../record-owners';
import {
  calendarDateSchema,
  commandIdSchema,
  freeText,
  idSchema,
  parseInput,
  runCommand,
  shortText,
} from '../run-command';
import { mutationErrors, ReviewPayload } from './command-payload';
import {
  ActionStatusEnum,
  CloseReasonEnum,
  DelayReasonEnum,
  DocumentKindEnum,
  PublicationKindEnum,
  ReportRecipientEnum,
  ReviewModelEnum,
} from './vocabulary';

const withoutNulls = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;

const newReviewId = (ctx: GatewayContext, commandId: string | null | undefined): string =>
  commandId && ctx.principal.kind === 'user'
    ? uuidV5(`review/${ctx.principal.userId}/${commandId}`)
    : ctx.services.newId();

const incidentIdsSchema = z.array(idSchema).min(1).max(200);

builder.mutationField('commissionLocalReview', (t) =>
  t.field({
    type: ReviewPayload,
    description:
      'A partnership starts a local child safeguarding practice review of its incidents (6-month publication aim).',
    args: {
      input: t.arg({
        type: builder.inputType('CommissionLocalReviewInput', {
          fields: (f) => ({
            commandId: f.string({ required: false }),
            partnershipId: f.string({ required: false, description: 'Default: the partnership of the token.' }),
            incidentIds: f.idList(),
            caseName: f.string({ description: 'The pseudonym the report will use, e.g. "Child M".' }),
          }),
        }),
      }),
    },
    errors: mutationErrors('CommissionLocalReviewResult'),
    authScopes: may('commissionLocalReview'),
    resolve: async (_root, { input }, ctx) => {
      const user = userOf(ctx.principal);
      const valid = parseInput(
        z
          .object({
            commandId: commandIdSchema,
            incidentIds: incidentIdsSchema,
            caseName: shortText(100),
            partnershipId: idSchema.nullish(),
          })
          .loose(),
        input,
      );
      await requireIncidentsReadable(ctx, valid.incidentIds);
      const reviewId = newReviewId(ctx, valid.commandId);
      const outcome = await runCommand(
        ctx,
        {
          type: 'CommissionLocalReview',
          data: {
            reviewId,
            partnershipId: valid.partnershipId ?? user.partnershipId ?? '',
            incidentIds: valid.incidentIds,
            caseName: valid.caseName,
          },
        },
        valid.commandId,
      );
      return { reviewId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

builder.mutationField('commissionNationalReview', (t) =>
  t.field({
    type: ReviewPayload,
    description:
      'The Panel commissions a national review covering one or more incidents (of one or several partnerships).',
    args: {
      input: t.arg({
        type: builder.inputType('CommissionNationalReviewInput', {
          fields: (f) => ({
            commandId: f.string({ required: false }),
            incidentIds: f.idList(),
            title: f.string(),
            thematic: f.boolean({ required: false, description: 'Default false.' }),
          }),
        }),
      }),
    },
    errors: mutationErrors('CommissionNationalReviewResult'),
    authScopes: may('commissionNationalReview'),
    resolve: async (_root, { input }, ctx) => {
      const valid = parseInput(
        z.object({ commandId: commandIdSchema, incidentIds: incidentIdsSchema, title: shortText(200) }).loose(),
        input,
      );
      await requireIncidentsReadable(ctx, valid.incidentIds);
      const reviewId = newReviewId(ctx, valid.commandId);
      const outcome = await runCommand(
        ctx,
        {
          type: 'CommissionNationalReview',
          data: { reviewId, incidentIds: valid.incidentIds, title: valid.title, thematic: input.thematic ?? false },
        },
        valid.commandId,
      );
      return { reviewId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);

/** One mutation on an existing review: role scope, zod check, NOT FOUND for reviews the caller cannot see, then the command. */
const reviewMutation = <Fields extends Record<string, unknown>>(
  name: Operation,
  description: string,
  inputType: ReturnType<typeof builder.inputType>,
  schema: z.ZodType,
  toCommand: (input: Fields & { reviewId: string }) => ApplicationCommand,
) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: ReviewPayload,
      description,
      args: { input: t.arg({ type: inputType }) },
      errors: mutationErrors(`${name[0]!.toUpperCase()}${name.slice(1)}Result`),
      authScopes: may(name),
      resolve: async (_root, { input }, ctx) => {
        const base = parseInput(z.object({ commandId: commandIdSchema, reviewId: idSchema }).loose(), input);
        // The checked values go on (the schemas are loose: fields they do not name pass through as given).
        const checked = parseInput(schema, input) as Record<string, unknown>;
        await requireReviewAccess(ctx, 'commissionNationalReview', base.reviewId);
        const fields = withoutNulls(checked) as Fields & { reviewId: string; commandId?: string };
        const { commandId: _commandId, ...rest } = fields;
        const outcome = await runCommand(
          ctx,
          toCommand({ ...(rest as Fields), reviewId: base.reviewId }),
          base.commandId,
        );
        return { reviewId: base.reviewId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
      },
    }),
  );

reviewMutation<{ reviewerName: string; organisation?: string; appointedOn?: string }>(
  'appointReviewer',
  'Appoint the independent reviewer.',
  builder.inputType('AppointReviewerInput', {
    fields: (f) => ({
      commandId: f.string({ required: false }),
      reviewId: f.id(),
      reviewerName: f.string(),
      organisation: f.string({ required: false }),
      appointedOn: f.string({ required: false, description: 'Default today.' }),
    }),
  }),
  z
    .object({
      reviewerName: shortText(200),
      organisation: shortText(200).nullish(),
      appointedOn: calendarDateSchema.nullish(),
    })
    .loose(),
  (data) => ({ type: 'AppointReviewer', data }),
);

reviewMutation<{
  reason: 'criminal-proceedings' | 'inquest' | 'family-wishes' | 'other';
  expectedPublicationOn?: string;
  panelInformed: boolean;
  explanation: string;
}>(
  'delayPublication',
  'Record a delay to publication, with its reason (reasons go to the Panel).',
  builder.inputType('DelayPublicationInput', {
    fields: (f) => ({
      commandId: f.string({ required: false }),
      reviewId: f.id(),
      reason: f.field({ type: DelayReasonEnum }),
      expectedPublicationOn: f.string({ required: false }),
      panelInformed: f.boolean(),
      explanation: f.string({ description: 'Free text (personal): encrypted.' }),
    }),
  }),
  z.object({ expectedPublicationOn: calendarDateSchema.nullish(), explanation: freeText(10_000).min(1) }).loose(),
  (data) => ({ type: 'DelayPublication', data }),
);

reviewMutation<{ recipients: ('panel' | 'dfe')[]; plannedPublicationOn?: string }>(
  'submitFinalReport',
  'Send the final report to the Panel and DfE (at least 7 working days before publication).',
  builder.inputType('SubmitFinalReportInput', {
    fields: (f) => ({
      commandId: f.string({ required: false }),
      reviewId: f.id(),
      recipients: f.field({ type: [ReportRecipientEnum] }),
      plannedPublicationOn: f.string({ required: false }),
    }),
  }),
  z.object({ plannedPublicationOn: calendarDateSchema.nullish() }).loose(),
  (data) => ({ type: 'SubmitFinalReport', data }),
);

const DocumentInput = builder.inputType('PublishedDocumentInput', {
  fields: (f) => ({
    kind: f.field({ type: DocumentKindEnum }),
    title: f.string(),
    address: f.string({ description: 'https URL, or /documents/<sha256> for a file uploaded to POST /documents.' }),
    checksum: f.string({ description: 'sha256, hex.' }),
  }),
});

type Publish = Extract<ApplicationCommand, { type: 'PublishReport' }>['data'];

reviewMutation<Omit<Publish, 'reviewId'>>(
  'publishReport',
  'Publish the report (pseudonymised) with its documents and the NSPCC record fields.',
  builder.inputType('PublishReportInput', {
    fields: (f) => ({
      commandId: f.string({ required: false }),
      reviewId: f.id(),
      publishedOn: f.string(),
      publication: f.field({ type: PublicationKindEnum }),
      caseName: f.string({ required: false }),
      documents: f.field({ type: [DocumentInput] }),
      summary: f.string(),
      learningThemes: f.stringList(),
      recommendations: f.stringList(),
      keywords: f.stringList(),
      reviewModel: f.field({ type: ReviewModelEnum }),
    }),
  }),
  z
    .object({
      publishedOn: calendarDateSchema,
      documents: z
        .array(
          z
            .object({
              title: shortText(300),
              address: z.union([z.url({ protocol: /^https$/ }), z.string().regex(/^\/documents\/[0-9a-f]{64}$/)]),
              checksum: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex'),
            })
            .loose(),
        )
        .min(1)
        .max(30),
      summary: freeText(20_000).min(1),
    })
    .loose(),
  (data) => ({ type: 'PublishReport', data: data as Publish }),
);

const ActionInput = builder.inputType('ActionProgressInput', {
  fields: (f) => ({
    actionRef: f.string(),
    description: f.string(),
    owner: f.string(),
    dueOn: f.string({ required: false }),
    status: f.field({ type: ActionStatusEnum }),
  }),
});

type Progress = Extract<ApplicationCommand, { type: 'RecordActionPlanProgress' }>['data'];

reviewMutation<Omit<Progress, 'reviewId'>>(
  'recordActionPlanProgress',
  'Record progress on the action plan after publication.',
  builder.inputType('RecordActionPlanProgressInput', {
    fields: (f) => ({
      commandId: f.string({ required: false }),
      reviewId: f.id(),
      actions: f.field({ type: [ActionInput] }),
    }),
  }),
  z
    .object({
      actions: z
        .array(
          z
            .object({
              actionRef: shortText(50),
              description: shortText(2000),
              owner: shortText(200),
              dueOn: calendarDateSchema.nullish(),
            })
            .loose(),
        )
        .min(1)
        .max(200),
    })
    .loose(),
  (data) => ({
    type: 'RecordActionPlanProgress',
    data: { ...data, actions: data.actions.map((a) => withoutNulls(a)) } as Progress,
  }),
);

reviewMutation<{ reason: 'completed' | 'superseded' | 'withdrawn' }>(
  'closeReview',
  'Close the review (completed, superseded or withdrawn).',
  builder.inputType('CloseReviewInput', {
    fields: (f) => ({
      commandId: f.string({ required: false }),
      reviewId: f.id(),
      reason: f.field({ type: CloseReasonEnum }),
    }),
  }),
  z.object({}).loose(),
  (data) => ({ type: 'CloseReview', data }),
);
