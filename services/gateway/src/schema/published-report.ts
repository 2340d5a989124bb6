/** `publishedReports`: what partnership pages and the NSPCC collection list. Public: no token needed. */
import { countPublishedReports, listPublishedReports } from '@cspr/read-models';
import type { PublishedReportView } from '@cspr/read-models';
import { builder } from '../builder';
import { perSelection, selectedFields } from '../field-selection';
import { may } from '../authorization';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import { forwardOnly, mapReadError, pageNumberOf, toConnection } from '../read-access';
import { DocumentType, ReviewKindEnum } from './review';

/** Each field of PublishedReport is the view's field of the same name (viewFieldsOf relies on it). */
export const PUBLISHED_REPORT_FIELDS: ReadonlySet<string> = new Set<keyof PublishedReportView>([
  'reviewId',
  'kind',
  'partnershipId',
  'partnershipName',
  'title',
  'caseName',
  'publishedOn',
  'year',
  'publication',
  'documents',
  'summary',
  'themes',
  'recommendations',
  'keywords',
  'reviewModel',
  'link',
]);

const PublishedReportType = builder.objectRef<PublishedReportView>('PublishedReport').implement({
  description: 'A published (pseudonymised) report: the partnership page listing and the NSPCC record fields.',
  fields: (t) => ({
    reviewId: t.exposeID('reviewId'),
    kind: t.field({ type: ReviewKindEnum, resolve: (r) => r.kind }),
    partnershipId: t.exposeString('partnershipId', { nullable: true }),
    partnershipName: t.exposeString('partnershipName', { description: 'The partnership, or "National".' }),
    title: t.exposeString('title', { nullable: true }),
    caseName: t.exposeString('caseName', { description: 'e.g. "Child M".' }),
    publishedOn: t.exposeString('publishedOn'),
    year: t.exposeInt('year'),
    publication: t.exposeString('publication'),
    documents: t.field({ type: [DocumentType], resolve: (r) => r.documents }),
    summary: t.exposeString('summary'),
    themes: t.exposeStringList('themes'),
    recommendations: t.exposeStringList('recommendations'),
    keywords: t.exposeStringList('keywords'),
    reviewModel: t.exposeString('reviewModel', { nullable: true }),
    link: t.exposeString('link', { nullable: true }),
  }),
});

/** The view's fields a selection of PublishedReport fields reads (they share names); undefined (read all) if unknown. */
const viewFieldsOf = (selected: Iterable<string>): (keyof PublishedReportView)[] | undefined => {
  const fields: (keyof PublishedReportView)[] = [];
  for (const name of selected) {
    if (name === '__typename') continue;
    if (!PUBLISHED_REPORT_FIELDS.has(name)) return undefined;
    fields.push(name as keyof PublishedReportView);
  }
  return fields;
};

/** What a listing's selection reads: the view's fields of its nodes, and whether totalCount is asked for. */
const listSelection = perSelection((info) => ({
  nodeFields: viewFieldsOf(new Set([...selectedFields(info, ['edges', 'node']), ...selectedFields(info, ['nodes'])])),
  counted: selectedFields(info).has('totalCount'),
}));

builder.queryField('publishedReports', (t) =>
  t.connection({
    type: PublishedReportType,
    description:
      'Published reports, newest first. Public. Pages by cursor (first/after) or by page number (first/page); totalCount counts every match.',
    args: {
      partnershipId: t.arg.string({ required: false }),
      year: t.arg.int({ required: false }),
      theme: t.arg.string({ required: false, description: 'A learning theme, whole and case-insensitive.' }),
      search: t.arg.string({ required: false, description: 'Case-insensitive text search.' }),
      page: t.arg.int({
        required: false,
        description: '1-based page number of `first` items (GOV.UK pagination); `after` is ignored when given.',
      }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    authScopes: may('publishedReports'),
    resolve: async (_root, args, ctx, info) => {
      forwardOnly(args);
      const page = pageNumberOf(args.page);
      const filters = {
        ...(args.partnershipId ? { partnershipId: args.partnershipId } : {}),
        ...(args.year != null ? { year: args.year } : {}),
        ...(args.theme ? { theme: args.theme.slice(0, 200) } : {}),
        ...(args.search ? { search: args.search.slice(0, 200) } : {}),
      };
      await awaitConsistency(ctx, args.consistentAfter);
      try {
        // A listing shows a few of a report's fields: read only their columns.
        const { nodeFields, counted } = listSelection(info);
        const listed = await listPublishedReports(ctx.services.sql, {
          ...filters,
          ...(nodeFields ? { fields: nodeFields } : {}),
          // Counted in the page's statement when totalCount is asked for; on its own if asked after all.
          count: counted,
          ...(args.first != null ? { first: args.first } : {}),
          ...(page !== undefined ? { page } : args.after ? { after: args.after } : {}),
        });
        return toConnection(
          listed,
          (r) => [r.publishedOn, r.reviewId],
          page !== undefined && page > 1 ? 'page' : args.after,
          listed.totalCount === null ? () => countPublishedReports(ctx.services.sql, filters) : undefined,
        );
      } catch (error) {
        throw mapReadError(error);
      }
    },
  }),
);
