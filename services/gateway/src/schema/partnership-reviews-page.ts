/**
 * `partnershipReviewsPage`: what a partnership's public page of reviews shows, for its own website or ours: its
 * published reviews newest first (the web groups them by kind), then other areas' reviews that mention its
 * services, each named by its area. Public: no token needed, and everything in it is published and pseudonymised.
 */
import { getPartnership, getPartnershipReviewsPage, type PartnershipReviewEntry } from '@cspr/read-models';
import { builder } from '../builder';
import { mapReadError } from '../read-access';
import { may } from '../authorization';
import { DocumentType } from './review';
import { ReviewListingKindEnum } from './vocabulary';

const EntryType = builder.objectRef<PartnershipReviewEntry>('PartnershipReviewEntry').implement({
  description: 'A published review as a partnership page lists it: the case and its documents.',
  fields: (t) => ({
    reviewId: t.exposeID('reviewId'),
    listingKind: t.field({ type: ReviewListingKindEnum, resolve: (e) => e.listingKind }),
    caseName: t.exposeString('caseName', { description: 'e.g. "Child M", "Children A-F".' }),
    publishedOn: t.exposeString('publishedOn', {
      description: 'The publication date; the first of the month for published history.',
    }),
    otherArea: t.exposeString('otherArea', {
      nullable: true,
      description: "The area whose review it is, when it is not this partnership's.",
    }),
    historic: t.exposeBoolean('historic', {
      description: "Recorded from the partnership's listing of reviews published before the platform.",
    }),
    documents: t.field({ type: [DocumentType], resolve: (e) => e.documents }),
  }),
});

type PageView = {
  partnershipId: string;
  name: string;
  own: PartnershipReviewEntry[];
  mentioning: PartnershipReviewEntry[];
};

const PageType = builder.objectRef<PageView>('PartnershipReviewsPage').implement({
  fields: (t) => ({
    partnershipId: t.exposeID('partnershipId'),
    name: t.exposeString('name', { description: 'e.g. "Oxfordshire Safeguarding Children Partnership".' }),
    own: t.field({ type: [EntryType], description: 'Its published reviews, newest first.', resolve: (p) => p.own }),
    mentioning: t.field({
      type: [EntryType],
      description: "Other areas' reviews that mention its services.",
      resolve: (p) => p.mentioning,
    }),
  }),
});

builder.queryField('partnershipReviewsPage', (t) =>
  t.field({
    type: PageType,
    nullable: true,
    authScopes: may('partnershipReviewsPage'),
    description: "A partnership's public page of reviews; null for a partnership that is not registered. Public.",
    args: { partnershipId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      try {
        const partnershipId = String(args.partnershipId).slice(0, 100);
        const partnership = await getPartnership(ctx.services.sql, partnershipId);
        if (!partnership) return null;
        const page = await getPartnershipReviewsPage(ctx.services.sql, partnershipId);
        return { partnershipId, name: partnership.name, ...page };
      } catch (error) {
        throw mapReadError(error);
      }
    },
  }),
);
