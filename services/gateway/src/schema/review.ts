/**
 * The Review type (local or national) and its queries `review` and `reviews`. Who sees which (ACCESS_POLICY): a
 * partnership the reviews it owns or that concern it, the Panel all, DfE those whose final report was sent to it;
 * the public reads `publishedReports`. A delay's explanation is personal and opens audited.
 */
import { createGraphQLError } from 'graphql-yoga';
import { normaliseCaseReference, reviewFacts } from '@cspr/domain';
import { getReview, getReviewByReference, getReviewLearning, listReviews, REVIEW_STATUSES } from '@cspr/read-models';
import type { ReviewDelay, ReviewReviewer, ReviewView } from '@cspr/read-models';
import { builder } from '../builder';
import { may, requireRecord, roleOf, userOf } from '../authorization';
import { ForbiddenError, NotFoundError } from '../client-errors';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import type { GatewayContext } from '../gateway-context';
import { DETAILS_REMOVED, openPersonalParts, openReviewText } from '../personal-data-access';
import { badInput, forwardOnly, mapReadError, pageNumberOf, todayOf, toConnection } from '../read-access';
import { partnershipNameOf } from './names';
import { DeadlineType, HistoryEntryType } from './deadline';
import { DelayReasonEnum, DocumentKindEnum, enumName, PublicationKindEnum } from './vocabulary';

export const ReviewStatusEnum = builder.enumType('ReviewStatus', {
  values: Object.fromEntries(REVIEW_STATUSES.map((value) => [enumName(value), { value }])) as Record<
    string,
    { value: (typeof REVIEW_STATUSES)[number] }
  >,
});
export const ReviewKindEnum = builder.enumType('ReviewKind', {
  values: { LOCAL: { value: 'local' as const }, NATIONAL: { value: 'national' as const } },
});

type Delay = ReviewDelay & { review: ReviewView };

const DelayType = builder.objectRef<Delay>('PublicationDelay').implement({
  fields: (t) => ({
    delayedOn: t.exposeString('delayedOn'),
    reason: t.field({ type: DelayReasonEnum, resolve: (d) => d.reason as never }),
    expectedPublicationOn: t.exposeString('expectedPublicationOn', { nullable: true }),
    panelInformed: t.exposeBoolean('panelInformed'),
    explanation: t.string({
      nullable: true,
      description:
        'Free text (personal): the owning partnership and the Panel only; every read audited; null once erased.',
      resolve: async (delay, _args, ctx) => {
        if (delay.sealedExplanation === null || delay.sealedExplanation === undefined) return null;
        try {
          const opened = await openPersonalParts<{ explanation?: string }>(
            ctx,
            {
              subjectId: delay.review.id,
              owners: delay.review.partnershipIds,
              fields: ['delay.explanation'],
              purpose: 'review.delay.explanation',
            },
            [delay.sealedExplanation],
          );
          return opened.status === 'available' ? (opened.values[0]?.explanation ?? null) : null;
        } catch (error) {
          if (error instanceof ForbiddenError)
            throw createGraphQLError(error.message, { extensions: { code: 'FORBIDDEN' } });
          throw error;
        }
      },
    }),
  }),
});

type OpenedReviewer = { name: string; organisation?: string | null; appointedOn: string };

/** Plaintext of an old event as it came; the sealed name opened (audited); an erased one as "Details removed". */
const openReviewer = async (
  ctx: GatewayContext,
  reviewId: string,
  reviewer: ReviewReviewer,
): Promise<OpenedReviewer> => {
  const [opened] = await openReviewText<{ reviewerName?: string; organisation?: string }>(
    ctx,
    { subjectId: reviewId, fields: ['reviewer.name', 'reviewer.organisation'], purpose: 'review.reviewer' },
    [reviewer.sealed],
  );
  return {
    name: reviewer.name ?? opened?.reviewerName ?? DETAILS_REMOVED,
    organisation: reviewer.organisation ?? opened?.organisation ?? null,
    appointedOn: reviewer.appointedOn,
  };
};

const ReviewerType = builder.objectRef<OpenedReviewer>('Reviewer').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    organisation: t.string({ nullable: true, resolve: (r) => r.organisation ?? null }),
    appointedOn: t.exposeString('appointedOn'),
  }),
});

const FinalReportType = builder.objectRef<NonNullable<ReviewView['finalReport']>>('FinalReport').implement({
  fields: (t) => ({
    submittedAt: t.exposeString('submittedAt'),
    submittedOn: t.exposeString('submittedOn'),
    recipients: t.exposeStringList('recipients'),
    plannedPublicationOn: t.exposeString('plannedPublicationOn', { nullable: true }),
  }),
});

type DocumentView = {
  kind: string;
  title: string;
  address?: string;
  checksum?: string;
  published?: string;
  note?: string;
  withdrawn?: boolean;
};

export const DocumentType = builder.objectRef<DocumentView>('PublishedDocument').implement({
  fields: (t) => ({
    kind: t.field({ type: DocumentKindEnum, resolve: (d) => d.kind as never }),
    title: t.exposeString('title'),
    address: t.string({
      nullable: true,
      description:
        'Where the file is served. Null for a document of published history whose file the platform does not hold, ' +
        'and for a withdrawn one.',
      resolve: (d) => d.address ?? null,
    }),
    checksum: t.string({ nullable: true, resolve: (d) => d.checksum ?? null }),
    withdrawn: t.boolean({
      description:
        "The platform's copy of the file was removed with the review's personal data (its address is null, its " +
        'address answers 410 Gone): show that the document was removed, not a link.',
      resolve: (d) => d.withdrawn === true,
    }),
    publishedMonth: t.string({
      nullable: true,
      description: 'YYYY-MM, for documents of published history (their pages give months).',
      resolve: (d) => d.published ?? null,
    }),
    note: t.string({
      nullable: true,
      description: 'What the listing adds, e.g. "Updated 14.03.15 with clarification".',
      resolve: (d) => d.note ?? null,
    }),
  }),
});

const PublicationType = builder.objectRef<NonNullable<ReviewView['publication']>>('Publication').implement({
  fields: (t) => ({
    publishedOn: t.exposeString('publishedOn'),
    publication: t.field({ type: PublicationKindEnum, resolve: (p) => p.publication as never }),
    caseName: t.exposeString('caseName'),
    documents: t.field({ type: [DocumentType], resolve: (p) => p.documents as DocumentView[] }),
  }),
});

const ActionPlanType = builder.objectRef<NonNullable<ReviewView['actionPlan']>>('ActionPlanProgress').implement({
  fields: (t) => ({
    recordedOn: t.exposeString('recordedOn'),
    actions: t.int({ description: 'Number of actions in the plan.', resolve: (a) => a.actions.length }),
    completed: t.int({ resolve: (a) => a.counts.completed ?? 0 }),
    inProgress: t.int({ resolve: (a) => a.counts.inProgress ?? 0 }),
    notStarted: t.int({ resolve: (a) => a.counts.notStarted ?? 0 }),
    overdue: t.int({ resolve: (a) => a.counts.overdue ?? 0 }),
  }),
});

export const ReviewType = builder.objectRef<ReviewView>('Review').implement({
  description: 'A local child safeguarding practice review or a national review.',
  fields: (t) => ({
    id: t.exposeID('id'),
    reference: t.string({
      nullable: true,
      description:
        'The case reference people read and type (REV-2026-00045). Null only for a review commissioned before references, until the start-up backfill runs.',
      resolve: (r) => r.reference,
    }),
    partnershipNames: t.stringList({
      description: "The partnerships' names, for people to read (the Panel's name for a national thematic review).",
      resolve: (r, _args, ctx) => Promise.all(r.partnershipIds.map((id) => partnershipNameOf(ctx, id))),
    }),
    kind: t.field({ type: ReviewKindEnum, resolve: (r) => r.kind }),
    partnershipIds: t.exposeStringList('partnershipIds'),
    incidentIds: t.exposeIDList('incidentIds'),
    status: t.field({ type: ReviewStatusEnum, resolve: (r) => r.status }),
    caseName: t.exposeString('caseName', { nullable: true }),
    title: t.exposeString('title', { nullable: true }),
    thematic: t.exposeBoolean('thematic'),
    commissionedAt: t.exposeString('commissionedAt'),
    commissionedOn: t.exposeString('commissionedOn'),
    guidanceEdition: t.exposeString('guidanceEdition'),
    reviewer: t.field({
      type: ReviewerType,
      nullable: true,
      description: 'The name is sealed under the review key: every read audited; "Details removed" once erased.',
      resolve: async (r, _args, ctx) => (r.reviewer ? openReviewer(ctx, r.id, r.reviewer) : null),
    }),
    delays: t.field({ type: [DelayType], resolve: (r) => r.delays.map((d) => ({ ...d, review: r })) }),
    finalReport: t.field({ type: FinalReportType, nullable: true, resolve: (r) => r.finalReport }),
    publication: t.field({ type: PublicationType, nullable: true, resolve: (r) => r.publication }),
    actionPlan: t.field({ type: ActionPlanType, nullable: true, resolve: (r) => r.actionPlan }),
    closedOn: t.string({ nullable: true, resolve: (r) => r.closure?.closedOn ?? null }),
    closureReason: t.string({ nullable: true, resolve: (r) => r.closure?.reason ?? null }),
    deadlines: t.field({ type: [DeadlineType], resolve: (r) => r.deadlines }),
    nextDueOn: t.exposeString('nextDueOn', { nullable: true }),
    overdue: t.exposeBoolean('overdue'),
    history: t.field({ type: [HistoryEntryType], resolve: (r) => r.history }),
  }),
});

builder.queryField('review', (t) =>
  t.field({
    type: ReviewType,
    args: {
      id: t.arg.id(),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    errors: { types: [NotFoundError, ForbiddenError], directResult: true, union: { name: 'ReviewResult' } },
    authScopes: may('review'),
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      const review = await getReview(ctx.services.sql, String(args.id), todayOf(ctx));
      // The learning read model holds the concerned partnerships and the final report's recipients.
      const learning = review ? await getReviewLearning(ctx.services.sql, review.id, todayOf(ctx)) : null;
      const facts = learning
        ? reviewFacts(learning)
        : review
          ? {
              owner: review.kind === 'national' ? 'panel' : review.partnershipIds[0]!,
              concerned: review.partnershipIds,
            }
          : undefined;
      requireRecord(ctx, 'review', 'review', facts, `Review ${String(args.id)}`);
      return review!;
    },
  }),
);

builder.queryField('reviewByReference', (t) =>
  t.field({
    type: ReviewType,
    description: 'One review by its case reference (REV-2026-00045, any case); NOT FOUND as for `review`.',
    args: {
      reference: t.arg.string(),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    errors: { types: [NotFoundError, ForbiddenError], directResult: true, union: { name: 'ReviewByReferenceResult' } },
    authScopes: may('reviewByReference'),
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      const reference = normaliseCaseReference(args.reference);
      const review = reference ? await getReviewByReference(ctx.services.sql, reference, todayOf(ctx)) : null;
      const learning = review ? await getReviewLearning(ctx.services.sql, review.id, todayOf(ctx)) : null;
      const facts = learning
        ? reviewFacts(learning)
        : review
          ? {
              owner: review.kind === 'national' ? 'panel' : review.partnershipIds[0]!,
              concerned: review.partnershipIds,
            }
          : undefined;
      requireRecord(ctx, 'reviewByReference', 'reviewByReference', facts, `Review ${args.reference.slice(0, 40)}`);
      return review!;
    },
  }),
);

builder.queryField('reviews', (t) =>
  t.connection({
    type: ReviewType,
    description:
      'Reviews, most recently commissioned first. A partnership sees its own and the national reviews covering its incidents.',
    args: {
      partnershipId: t.arg.string({ required: false }),
      kind: t.arg({ type: ReviewKindEnum, required: false }),
      status: t.arg({ type: ReviewStatusEnum, required: false }),
      reference: t.arg.string({
        required: false,
        description: 'A case reference (REV-2026-00045, any case): that review only.',
      }),
      page: t.arg.int({
        required: false,
        description: '1-based page number of `first` items (GOV.UK pagination); `after` is ignored when given.',
      }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    authScopes: may('reviews'),
    resolve: async (_root, args, ctx) => {
      const page = pageNumberOf(args.page);
      const reference =
        args.reference != null && args.reference.trim() !== '' ? normaliseCaseReference(args.reference) : undefined;
      if (args.reference != null && args.reference.trim() !== '' && !reference)
        throw badInput('reference must be a case reference such as REV-2026-00045', 'reference');
      forwardOnly(args);
      let partnershipId = args.partnershipId ?? undefined;
      if (roleOf(ctx.principal) === 'partnership') {
        const user = userOf(ctx.principal);
        if (partnershipId !== undefined && partnershipId !== user.partnershipId)
          throw badInput('A partnership may list only its own reviews', 'partnershipId');
        partnershipId = user.partnershipId;
      }
      await awaitConsistency(ctx, args.consistentAfter);
      try {
        const listed = await listReviews(ctx.services.sql, {
          ...todayOf(ctx),
          ...(partnershipId !== undefined ? { partnershipId } : {}),
          ...(args.kind ? { kind: args.kind } : {}),
          ...(args.status ? { status: args.status } : {}),
          ...(reference ? { reference } : {}),
          ...(args.first != null ? { first: args.first } : {}),
          ...(page !== undefined ? { page } : args.after ? { after: args.after } : {}),
        });
        return toConnection(
          listed,
          (r) => [r.commissionedAt, r.id],
          page !== undefined && page > 1 ? 'page' : args.after,
        );
      } catch (error) {
        throw mapReadError(error);
      }
    },
  }),
);
