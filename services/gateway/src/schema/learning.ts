/**
 * Issue 9 reviews and learning: non-statutory and thematic reviews, concerned partnerships, learning, recommendations
 * and their actions (overdue computed for today), the learning library (NSPCC record shape, public), the Panel's
 * recurring themes and DfE's final reports. Who may: ACCESS_POLICY (authorization.ts).
 */
import { z } from 'zod';
import { uuidV5 } from '@cspr/application';
import type { ApplicationCommand } from '@cspr/application';
import { AGENCIES, LEARNING_ACTION_STATUSES, LEARNING_ITEM_KINDS, reviewFacts } from '@cspr/domain';
import type { Operation } from '@cspr/domain';
import type { LearningItem } from '@cspr/domain';
import {
  getRecurringThemes,
  getReviewLearning,
  listFinalReportsFor,
  listPartnershipReviews,
  searchLearningLibrary,
  countLearningLibrary,
} from '@cspr/read-models';
import type { LearningActionView, LearningLibraryRecord, ReviewLearningView } from '@cspr/read-models';
import { builder } from '../builder';
import { may, requireRecord, userOf } from '../authorization';
import { NotFoundError, ForbiddenError, ValidationError } from '../client-errors';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import type { GatewayContext } from '../gateway-context';
import { DETAILS_REMOVED, openReviewText } from '../personal-data-access';
import { badInput, todayOf } from '../read-access';
import { requireIncidentsReadable, requireReviewAccess } from '../record-owners';
import { calendarDateSchema, commandIdSchema, idSchema, parseInput, runCommand, shortText } from '../run-command';
import { mutationErrors, ReviewPayload } from './command-payload';
import { NonStatutoryReviewKindEnum } from './referral';
import { enumName } from './vocabulary';

const domainEnum = <const T extends string>(name: string, values: readonly T[], description: string) =>
  builder.enumType(name, {
    description,
    values: Object.fromEntries(values.map((value) => [enumName(value), { value }])) as Record<string, { value: T }>,
  });

const LearningActionStatusEnum = domainEnum(
  'LearningActionStatus',
  LEARNING_ACTION_STATUSES,
  'Progress of an action answering a recommendation (overdue is computed, not a status).',
);
const LearningItemKindEnum = domainEnum(
  'LearningItemKind',
  LEARNING_ITEM_KINDS,
  'A learning product that reaches practitioners.',
);
const ListedBecauseEnum = domainEnum(
  'ListedBecause',
  ['own', 'mentions-our-services'] as const,
  'Why a review is in a partnership\'s list: its own, or "we list this review because it mentions our services".',
);

type OpenedAction = Omit<LearningActionView, 'description' | 'note'> & { description: string; note: string | null };
type OpenedRecommendation = Omit<ReviewLearningView['recommendations'][number], 'text'> & { text: string };

/** Old events' plaintext as it came; sealed text opened (audited); erased text as DETAILS_REMOVED. */
const openRecommendations = async (
  ctx: GatewayContext,
  review: ReviewLearningView,
): Promise<OpenedRecommendation[]> => {
  const opened = await openReviewText<{ text?: string }>(
    ctx,
    { subjectId: review.reviewId, fields: ['recommendation.text'], purpose: 'review.learning.recommendations' },
    review.recommendations.map((r) => r.sealedText),
  );
  return review.recommendations.map((r, i) => ({ ...r, text: r.text ?? opened[i]?.text ?? DETAILS_REMOVED }));
};

const openLearningItems = async (ctx: GatewayContext, review: ReviewLearningView): Promise<LearningItem[]> => {
  const opened = await openReviewText<{ titles?: string[] }>(
    ctx,
    { subjectId: review.reviewId, fields: ['learningItem.title'], purpose: 'review.learning.items' },
    review.learningItems.map((item) => item.sealedTitles),
  );
  return review.learningItems.map((item, i) => ({
    kind: item.kind as LearningItem['kind'],
    title: item.title ?? opened[i]?.titles?.[item.titleIndex] ?? DETAILS_REMOVED,
    ...(item.address !== undefined ? { address: item.address } : {}),
  }));
};

const openActions = async (ctx: GatewayContext, review: ReviewLearningView): Promise<OpenedAction[]> => {
  const parts = review.actions.flatMap((a) => [a.sealedDescription, a.sealedNote]);
  const opened = await openReviewText<{ description?: string; note?: string }>(
    ctx,
    { subjectId: review.reviewId, fields: ['action.description', 'action.note'], purpose: 'review.learning.actions' },
    parts,
  );
  return review.actions.map((a, i) => {
    const hadNote = a.note !== null || (a.sealedNote !== null && a.sealedNote !== undefined);
    return {
      ...a,
      description: a.description ?? opened[2 * i]?.description ?? DETAILS_REMOVED,
      note: a.note ?? opened[2 * i + 1]?.note ?? (hadNote ? DETAILS_REMOVED : null),
    };
  });
};

const LearningActionType = builder.objectRef<OpenedAction>('LearningAction').implement({
  fields: (t) => ({
    actionId: t.exposeID('actionId'),
    recommendationId: t.exposeString('recommendationId'),
    description: t.exposeString('description'),
    owner: t.exposeString('owner'),
    dueOn: t.exposeString('dueOn'),
    status: t.field({ type: LearningActionStatusEnum, resolve: (a) => a.status as never }),
    updatedOn: t.exposeString('updatedOn'),
    note: t.exposeString('note', { nullable: true }),
    overdue: t.exposeBoolean('overdue', { description: 'Not completed and due before today (England).' }),
  }),
});

const RecommendationType = builder.objectRef<OpenedRecommendation>('Recommendation').implement({
  fields: (t) => ({
    recommendationId: t.exposeID('recommendationId'),
    text: t.exposeString('text'),
    assignedAgency: t.exposeString('assignedAgency'),
    madeOn: t.exposeString('madeOn'),
  }),
});

const LearningItemType = builder.objectRef<LearningItem>('LearningItem').implement({
  fields: (t) => ({
    kind: t.field({ type: LearningItemKindEnum, resolve: (i) => i.kind }),
    title: t.exposeString('title'),
    address: t.exposeString('address', { nullable: true }),
  }),
});

type ListedReview = ReviewLearningView & { listedBecause?: 'own' | 'mentions-our-services' };

const ReviewLearningType = builder.objectRef<ListedReview>('ReviewLearning').implement({
  description: 'A review of any kind with its learning: public, pseudonymised facts only.',
  fields: (t) => ({
    reviewId: t.exposeID('reviewId'),
    kind: t.exposeString('kind', {
      description:
        'local, national, partnership-review, multi-agency-learning-review, single-agency-review or thematic.',
    }),
    ownerPartnershipId: t.exposeString('ownerPartnershipId', { nullable: true }),
    partnershipIds: t.exposeStringList('partnershipIds'),
    concernedPartnershipIds: t.exposeStringList('concernedPartnershipIds'),
    referralIds: t.exposeStringList('referralIds'),
    title: t.exposeString('title', { nullable: true }),
    theme: t.exposeString('theme', { nullable: true }),
    status: t.exposeString('status'),
    commissionedOn: t.exposeString('commissionedOn'),
    finalReportSubmittedOn: t.exposeString('finalReportSubmittedOn', { nullable: true }),
    publishedOn: t.string({ nullable: true, resolve: (r) => r.publication?.publishedOn ?? null }),
    learningItems: t.field({
      type: [LearningItemType],
      description: 'Titles are sealed under the review key: every read audited; "Details removed" once erased.',
      resolve: (r, _args, ctx) => openLearningItems(ctx, r),
    }),
    learningThemes: t.exposeStringList('learningThemes'),
    recommendations: t.field({
      type: [RecommendationType],
      description: 'Their text is sealed under the review key: every read audited; "Details removed" once erased.',
      resolve: (r, _args, ctx) => openRecommendations(ctx, r),
    }),
    actions: t.field({
      type: [LearningActionType],
      description:
        'Description and note are sealed under the review key: every read audited; erased as "Details removed".',
      resolve: (r, _args, ctx) => openActions(ctx, r),
    }),
    overdueActionCount: t.exposeInt('overdueActionCount'),
    listedBecause: t.field({ type: ListedBecauseEnum, nullable: true, resolve: (r) => r.listedBecause ?? null }),
  }),
});

const LibraryRecordType = builder.objectRef<LearningLibraryRecord>('LearningLibraryRecord').implement({
  description: 'A published review as the NSPCC national case review repository records it.',
  fields: (t) => ({
    reviewId: t.exposeID('reviewId'),
    kind: t.exposeString('kind'),
    partnershipIds: t.exposeStringList('partnershipIds'),
    title: t.exposeString('title', { nullable: true }),
    caseName: t.exposeString('caseName'),
    publishedOn: t.exposeString('publishedOn'),
    year: t.exposeInt('year'),
    summary: t.exposeString('summary'),
    themes: t.exposeStringList('themes'),
    recommendations: t.exposeStringList('recommendations'),
    keywords: t.exposeStringList('keywords'),
    reviewModel: t.exposeString('reviewModel', { nullable: true }),
    listedBecause: t.field({ type: ListedBecauseEnum, nullable: true, resolve: (r) => r.listedBecause }),
  }),
});

const RecurringThemeType = builder
  .objectRef<{ theme: string; partnershipIds: string[]; reviewIds: string[] }>('RecurringTheme')
  .implement({
    fields: (t) => ({
      theme: t.exposeString('theme'),
      partnershipIds: t.exposeStringList('partnershipIds'),
      reviewIds: t.exposeStringList('reviewIds'),
    }),
  });

/** One review's learning record, when the caller may `operation` it (own, concerned, any for the Panel, recipient). */
export const readableReview = async (
  ctx: GatewayContext,
  operation: Operation,
  reviewId: string,
): Promise<ReviewLearningView> => {
  const review = await getReviewLearning(ctx.services.sql, reviewId, todayOf(ctx));
  requireRecord(ctx, operation, operation, review ? reviewFacts(review) : undefined, `Review ${reviewId}`);
  return review!;
};

builder.queryField('reviewLearning', (t) =>
  t.field({
    type: ReviewLearningType,
    description: "One review's learning, recommendations and actions (overdue flagged for today).",
    args: {
      reviewId: t.arg.id(),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    errors: { types: [NotFoundError, ForbiddenError], directResult: true, union: { name: 'ReviewLearningResult' } },
    authScopes: may('reviewLearning'),
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      return readableReview(ctx, 'reviewLearning', String(args.reviewId));
    },
  }),
);

builder.queryField('partnershipReviews', (t) =>
  t.field({
    type: [ReviewLearningType],
    description:
      "Reviews of every kind in the partnership's workspace: its own and those naming its services (listedBecause).",
    args: {
      first: t.arg.int({ required: false }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    authScopes: may('partnershipReviews'),
    resolve: async (_root, args, ctx) => {
      const user = userOf(ctx.principal);
      await awaitConsistency(ctx, args.consistentAfter);
      return listPartnershipReviews(ctx.services.sql, {
        ...todayOf(ctx),
        partnershipId: user.partnershipId ?? '',
        ...(args.first != null ? { first: args.first } : {}),
      });
    },
  }),
);

const libraryFiltersSchema = z.object({
  theme: shortText(100).nullish(),
  keyword: shortText(200).nullish(),
  partnershipId: idSchema.nullish(),
});

/** The library's filters (and paging), checked as every input is; a query has no error union to carry them. */
const libraryArgs = <S extends z.ZodTypeAny>(schema: S, args: unknown): z.infer<S> => {
  try {
    return parseInput(schema, args);
  } catch (error) {
    // A ValidationError escaping a query was masked as "Unexpected error.".
    if (error instanceof ValidationError) throw badInput(error.message, error.field);
    throw error;
  }
};

const libraryFilters = (valid: z.infer<typeof libraryFiltersSchema>) => ({
  ...(valid.theme ? { theme: valid.theme } : {}),
  ...(valid.keyword ? { keyword: valid.keyword } : {}),
  ...(valid.partnershipId ? { partnershipId: valid.partnershipId } : {}),
});

const LIBRARY_FILTER_DESCRIPTIONS = {
  theme: 'A learning theme, matched whole and case-insensitively.',
  keyword: 'Words matched literally in the title, case name, summary and keywords.',
  partnershipId: "That partnership's public listing, reviews mentioning its services included.",
};

builder.queryField('learningLibrary', (t) =>
  t.field({
    type: [LibraryRecordType],
    description:
      "Published reviews of every kind by theme and keyword (public), newest first. With partnershipId: that partnership's public listing, reviews mentioning its services included. learningLibraryCount counts every match.",
    args: {
      theme: t.arg.string({ required: false, description: LIBRARY_FILTER_DESCRIPTIONS.theme }),
      keyword: t.arg.string({ required: false, description: LIBRARY_FILTER_DESCRIPTIONS.keyword }),
      partnershipId: t.arg.string({ required: false, description: LIBRARY_FILTER_DESCRIPTIONS.partnershipId }),
      first: t.arg.int({ required: false, description: 'How many records (default 20, at most 100).' }),
      page: t.arg.int({
        required: false,
        description: '1-based page number of `first` records (GOV.UK pagination); default 1.',
      }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    authScopes: may('learningLibrary'),
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      const valid = libraryArgs(
        libraryFiltersSchema.extend({
          first: z.number().int().min(1).max(100).nullish(),
          page: z.number().int().min(1).max(10_000).nullish(),
        }),
        args,
      );
      return searchLearningLibrary(ctx.services.sql, {
        ...libraryFilters(valid),
        ...(valid.first ? { first: valid.first } : {}),
        ...(valid.page ? { page: valid.page } : {}),
      });
    },
  }),
);

builder.queryField('learningLibraryCount', (t) =>
  t.int({
    description:
      'How many published reviews learningLibrary holds for the same filters, over every record (public): the total a paged list shows.',
    args: {
      theme: t.arg.string({ required: false, description: LIBRARY_FILTER_DESCRIPTIONS.theme }),
      keyword: t.arg.string({ required: false, description: LIBRARY_FILTER_DESCRIPTIONS.keyword }),
      partnershipId: t.arg.string({ required: false, description: LIBRARY_FILTER_DESCRIPTIONS.partnershipId }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    authScopes: may('learningLibraryCount'),
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      return countLearningLibrary(ctx.services.sql, libraryFilters(libraryArgs(libraryFiltersSchema, args)));
    },
  }),
);

builder.queryField('recurringThemes', (t) =>
  t.field({
    type: [RecurringThemeType],
    description:
      "Learning themes recorded by reviews of at least `minPartnerships` partnerships (default 2): the Panel's view.",
    args: { minPartnerships: t.arg.int({ required: false }) },
    authScopes: may('recurringThemes'),
    resolve: async (_root, args, ctx) => {
      return getRecurringThemes(ctx.services.sql, Math.max(1, Math.min(args.minPartnerships ?? 2, 50)));
    },
  }),
);

builder.queryField('finalReportsForDfe', (t) =>
  t.field({
    type: [ReviewLearningType],
    description: 'Reviews whose final report was sent to DfE (at least 7 working days before publication).',
    args: { first: t.arg.int({ required: false }) },
    authScopes: may('finalReportsForDfe'),
    resolve: async (_root, args, ctx) => {
      return listFinalReportsFor(ctx.services.sql, 'dfe', {
        ...todayOf(ctx),
        ...(args.first != null ? { first: args.first } : {}),
      });
    },
  }),
);

const newReviewId = (ctx: GatewayContext, commandId: string | null | undefined): string =>
  commandId && ctx.principal.kind === 'user'
    ? uuidV5(`review/${ctx.principal.userId}/${commandId}`)
    : ctx.services.newId();

const reviewPayload = (reviewId: string, outcome: Awaited<ReturnType<typeof runCommand>>) => ({
  reviewId,
  position: outcome.position,
  alreadyApplied: outcome.alreadyApplied,
});
const ids = (max: number) => z.array(idSchema).max(max);

builder.mutationField('commissionNonStatutoryReview', (t) =>
  t.field({
    type: ReviewPayload,
    description:
      'A partnership starts a partnership, multi-agency learning or single-agency review: tracked like a local review, no statutory clocks.',
    args: {
      input: t.arg({
        type: builder.inputType('CommissionNonStatutoryReviewInput', {
          fields: (f) => ({
            commandId: f.string({ required: false }),
            kind: f.field({ type: NonStatutoryReviewKindEnum }),
            title: f.string(),
            referralIds: f.idList({ required: false }),
            incidentIds: f.idList({ required: false }),
          }),
        }),
      }),
    },
    errors: mutationErrors('CommissionNonStatutoryReviewResult'),
    authScopes: may('commissionNonStatutoryReview'),
    resolve: async (_root, { input }, ctx) => {
      const user = userOf(ctx.principal);
      const valid = parseInput(
        z
          .object({
            commandId: commandIdSchema,
            title: shortText(200),
            referralIds: ids(200).nullish(),
            incidentIds: ids(200).nullish(),
          })
          .loose(),
        input,
      );
      await requireIncidentsReadable(ctx, valid.incidentIds ?? []);
      const reviewId = newReviewId(ctx, valid.commandId);
      const outcome = await runCommand(
        ctx,
        {
          type: 'CommissionNonStatutoryReview',
          data: {
            reviewId,
            partnershipId: user.partnershipId ?? '',
            kind: input.kind,
            title: valid.title,
            referralIds: valid.referralIds ?? [],
            incidentIds: valid.incidentIds ?? [],
          },
        },
        valid.commandId,
      );
      return reviewPayload(reviewId, outcome);
    },
  }),
);

builder.mutationField('commissionThematicReview', (t) =>
  t.field({
    type: ReviewPayload,
    description:
      'A partnership (or the Panel, nationally) starts a thematic review linking many incidents and reviews, with its own publication.',
    args: {
      input: t.arg({
        type: builder.inputType('CommissionThematicReviewInput', {
          fields: (f) => ({
            commandId: f.string({ required: false }),
            title: f.string(),
            theme: f.string(),
            incidentIds: f.idList({ required: false }),
            reviewIds: f.idList({ required: false }),
          }),
        }),
      }),
    },
    errors: mutationErrors('CommissionThematicReviewResult'),
    authScopes: may('commissionThematicReview'),
    resolve: async (_root, { input }, ctx) => {
      const user = userOf(ctx.principal);
      const valid = parseInput(
        z
          .object({
            commandId: commandIdSchema,
            title: shortText(200),
            theme: shortText(100),
            incidentIds: ids(500).nullish(),
            reviewIds: ids(500).nullish(),
          })
          .loose(),
        input,
      );
      await requireIncidentsReadable(ctx, valid.incidentIds ?? []);
      const reviewId = newReviewId(ctx, valid.commandId);
      const outcome = await runCommand(
        ctx,
        {
          type: 'CommissionThematicReview',
          data: {
            reviewId,
            partnershipId: user.role === 'panel' ? 'national' : (user.partnershipId ?? ''),
            title: valid.title,
            theme: valid.theme,
            incidentIds: valid.incidentIds ?? [],
            reviewIds: valid.reviewIds ?? [],
          },
        },
        valid.commandId,
      );
      return reviewPayload(reviewId, outcome);
    },
  }),
);

type InputFields = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0];

/** A review command from its owner (the deciders check ownership again; others get NOT FOUND first). */
const reviewMutation = (
  name: Operation,
  description: string,
  fields: (f: InputFields) => Record<string, unknown>,
  schema: z.ZodType<Record<string, unknown>>,
  command: (reviewId: string, input: Record<string, unknown>) => ApplicationCommand,
) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: ReviewPayload,
      description,
      args: {
        input: t.arg({
          type: builder.inputType(`${name.charAt(0).toUpperCase()}${name.slice(1)}Input`, {
            fields: fields as never,
          }) as never,
        }),
      },
      errors: mutationErrors(`${name.charAt(0).toUpperCase()}${name.slice(1)}Result`),
      authScopes: may(name),
      resolve: async (_root, { input }, ctx) => {
        // Two parses merged (the command's parsed fields win), not `.and()`: an intersection throws, an unexpected
        // error, when the command's schema transforms a field (trims it) since the two sides then disagree on it.
        const ids = parseInput(z.object({ commandId: commandIdSchema, reviewId: idSchema }).loose(), input);
        const valid = { ...ids, ...parseInput(schema, input) } as Record<string, unknown> & {
          commandId?: string | null;
          reviewId: string;
        };
        await requireReviewAccess(ctx, name, valid.reviewId);
        const outcome = await runCommand(ctx, command(valid.reviewId, valid), valid.commandId);
        return reviewPayload(valid.reviewId, outcome);
      },
    }),
  );

reviewMutation(
  'nameConcernedPartnerships',
  'Name the partnerships whose services the review concerns.',
  (f) => ({ commandId: f.string({ required: false }), reviewId: f.id(), partnershipIds: f.stringList() }),
  z.object({ partnershipIds: ids(50).min(1) }),
  (reviewId, v) => ({
    type: 'NameConcernedPartnerships',
    data: { reviewId, partnershipIds: v.partnershipIds as string[] },
  }),
);

const LearningItemInput = builder.inputType('LearningItemInput', {
  fields: (f) => ({
    kind: f.field({ type: LearningItemKindEnum }),
    title: f.string(),
    address: f.string({ required: false }),
  }),
});

reviewMutation(
  'recordLearning',
  'Record learning summaries, briefings and themes.',
  (f) => ({
    commandId: f.string({ required: false }),
    reviewId: f.id(),
    items: f.field({ type: [LearningItemInput] }),
    themes: f.stringList(),
  }),
  z.object({
    items: z.array(z.object({ title: shortText(300), address: z.url().nullish() }).loose()).max(50),
    themes: z.array(shortText(100)).max(30),
  }),
  (reviewId, v) => ({
    type: 'RecordLearning',
    data: {
      reviewId,
      themes: v.themes as string[],
      items: (v.items as Record<string, unknown>[]).map(
        (i) => Object.fromEntries(Object.entries(i).filter(([, x]) => x != null)) as LearningItem,
      ),
    },
  }),
);

reviewMutation(
  'addRecommendation',
  'Add a recommendation assigned to an agency.',
  (f) => ({
    commandId: f.string({ required: false }),
    reviewId: f.id(),
    recommendationId: f.string(),
    text: f.string(),
    assignedAgency: f.string(),
  }),
  z.object({ recommendationId: idSchema, text: shortText(2000), assignedAgency: z.enum(AGENCIES) }),
  (reviewId, v) => ({
    type: 'AddRecommendation',
    data: {
      reviewId,
      recommendationId: v.recommendationId as string,
      text: v.text as string,
      assignedAgency: v.assignedAgency as never,
    },
  }),
);

reviewMutation(
  'recordActionForRecommendation',
  'Record an action answering a recommendation, with its owner and due date.',
  (f) => ({
    commandId: f.string({ required: false }),
    reviewId: f.id(),
    actionId: f.string(),
    recommendationId: f.string(),
    description: f.string(),
    owner: f.string(),
    dueOn: f.string(),
    status: f.field({ type: LearningActionStatusEnum, required: false }),
  }),
  z.object({
    actionId: idSchema,
    recommendationId: idSchema,
    description: shortText(2000),
    owner: shortText(300),
    dueOn: calendarDateSchema,
  }),
  (reviewId, v) => ({
    type: 'RecordActionForRecommendation',
    data: {
      reviewId,
      actionId: v.actionId as string,
      recommendationId: v.recommendationId as string,
      description: v.description as string,
      owner: v.owner as string,
      dueOn: v.dueOn as string,
      ...(v.status ? { status: v.status as never } : {}),
    },
  }),
);

reviewMutation(
  'updateActionStatus',
  'Record progress on an action (status, and owner or due date if changed).',
  (f) => ({
    commandId: f.string({ required: false }),
    reviewId: f.id(),
    actionId: f.string(),
    recommendationId: f.string(),
    status: f.field({ type: LearningActionStatusEnum }),
    owner: f.string({ required: false }),
    dueOn: f.string({ required: false }),
    note: f.string({ required: false }),
  }),
  z.object({
    actionId: idSchema,
    recommendationId: idSchema,
    owner: shortText(300).nullish(),
    dueOn: calendarDateSchema.nullish(),
    note: shortText(2000).nullish(),
  }),
  (reviewId, v) => ({
    type: 'UpdateActionStatus',
    data: {
      reviewId,
      actionId: v.actionId as string,
      recommendationId: v.recommendationId as string,
      status: v.status as never,
      ...(v.owner ? { owner: v.owner as string } : {}),
      ...(v.dueOn ? { dueOn: v.dueOn as string } : {}),
      ...(v.note ? { note: v.note as string } : {}),
    },
  }),
);
