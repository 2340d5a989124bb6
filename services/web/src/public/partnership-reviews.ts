/**
 * Each partnership's public page of reviews, laid out as partnerships lay out their own: what a review is for and
 * when one is done, in plain words, then each kind of review with its cases newest first, each document as
 * "Child M – Overview Report – September 2019", "There are no … at this time" where a kind is empty, and other
 * areas' reviews that mention the partnership's services. The same listing as Atom and JSON, per partnership and for
 * all, so a partnership's own website can show it. No sign-in: everything here is published and pseudonymised.
 */
import type { Request, Router } from 'express';
import { Feed } from 'feed';
import { PARTNERSHIP_REVIEWS_PAGE, PUBLISHED_REPORTS } from '../operations';
import type { GatewayCall } from '../server/gateway-client';
import { documentName } from './reports';
import { monthInWords } from '@cspr/domain';

type Document = {
  kind: string;
  title: string;
  address: string | null;
  publishedMonth: string | null;
  note: string | null;
  withdrawn: boolean;
};
type Entry = {
  reviewId: string;
  listingKind: string;
  caseName: string;
  publishedOn: string;
  otherArea: string | null;
  historic: boolean;
  documents: Document[];
};
type PageData = { partnershipId: string; name: string; own: Entry[]; mentioning: Entry[] };

/** The kinds of review, in the order partnership pages list them, with the words for "none at this time". */
export const LISTING_KINDS = [
  {
    value: 'CHILD_SAFEGUARDING_PRACTICE_REVIEW',
    heading: 'Child safeguarding practice reviews',
    none: 'child safeguarding practice reviews',
  },
  { value: 'PARTNERSHIP_REVIEW', heading: 'Partnership and learning reviews', none: 'partnership or learning reviews' },
  { value: 'THEMATIC_REVIEW', heading: 'Thematic reviews', none: 'thematic reviews' },
  { value: 'SERIOUS_CASE_REVIEW', heading: 'Serious case reviews (before 2019)', none: 'serious case reviews' },
  { value: 'NATIONAL_REVIEW', heading: 'National reviews', none: 'national reviews' },
] as const;

/** Only addresses the platform serves, or https ones a partnership gave, become links: never script. */
const safeHref = (address: string | null) =>
  address && /^(https:\/\/|\/documents\/[0-9a-f]{64}$)/.test(address) ? address : undefined;

/** "Child M – Overview Report – September 2019": the document's own month where the listing gave one. */
export const documentLine = (
  entry: Pick<Entry, 'caseName' | 'publishedOn' | 'historic'>,
  document: Document,
): string => {
  const month = document.publishedMonth ?? (entry.historic ? null : entry.publishedOn);
  return [entry.caseName, documentName(document), month ? monthInWords(month) : null].filter(Boolean).join(' – ');
};

const caseView = (entry: Entry) => ({
  id: `review-${entry.reviewId}`,
  caseName: entry.caseName,
  otherArea: entry.otherArea,
  documents: entry.documents.map((d) => ({ text: documentLine(entry, d), href: safeHref(d.address), note: d.note })),
});

export const pageSections = (page: PageData) =>
  LISTING_KINDS.map((kind) => ({
    heading: kind.heading,
    emptyText: `There are no ${kind.none} at this time.`,
    cases: page.own.filter((e) => e.listingKind === kind.value).map(caseView),
  }));

const loadPage = async (gateway: GatewayCall, partnershipId: string): Promise<PageData | null> => {
  const { partnershipReviewsPage } = await gateway<{ partnershipReviewsPage: PageData | null }>(
    PARTNERSHIP_REVIEWS_PAGE,
    { partnershipId },
  );
  return partnershipReviewsPage;
};

const baseUrlOf = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/** The listing as an Atom feed: one entry per review, its documents as links. */
export const atomOf = (options: {
  id: string;
  title: string;
  pageUrl: string;
  selfUrl: string;
  author: string;
  baseUrl: string;
  entries: (Entry & { area: string })[];
}) => {
  const updated =
    options.entries
      .map((e) => e.publishedOn)
      .sort()
      .at(-1) ?? '2019-01-01';
  const feed = new Feed({
    id: options.id,
    title: options.title,
    link: options.pageUrl,
    feedLinks: { atom: options.selfUrl },
    updated: new Date(`${updated}T00:00:00Z`),
    copyright: 'Each report is published by the partnership that wrote it.',
    author: { name: options.author },
    language: 'en-GB',
  });
  for (const entry of options.entries) {
    const links = entry.documents.map((d) => {
      const href = safeHref(d.address);
      const text = documentLine(entry, d).replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
      return href
        ? `<li><a href="${href.startsWith('/') ? options.baseUrl + href : href}">${text}</a></li>`
        : `<li>${text}</li>`;
    });
    feed.addItem({
      id: `urn:cspr:review:${entry.reviewId}`,
      title: `${entry.caseName} – ${entry.area}`,
      link: `${options.pageUrl}#review-${entry.reviewId}`,
      date: new Date(`${entry.publishedOn}T00:00:00Z`),
      author: [{ name: entry.area }],
      content: `<ul>${links.join('')}</ul>`,
    });
  }
  return feed.atom1();
};

const jsonOf = (entry: Entry, area: string, baseUrl: string) => ({
  reviewId: entry.reviewId,
  partnership: area,
  kind: entry.listingKind.toLowerCase().replace(/_/g, '-'),
  caseName: entry.caseName,
  publishedOn: entry.publishedOn,
  otherArea: entry.otherArea,
  historic: entry.historic,
  documents: entry.documents.map((d) => ({
    kind: d.kind.toLowerCase().replace(/_/g, '-'),
    title: documentLine(entry, d),
    address: safeHref(d.address)?.replace(/^\//, `${baseUrl}/`) ?? null,
    withdrawn: d.withdrawn,
  })),
});

type Report = {
  reviewId: string;
  partnershipName: string;
  caseName: string;
  publishedOn: string;
  documents: Document[];
  kind: string;
};

const allReports = async (gateway: GatewayCall): Promise<(Entry & { area: string })[]> => {
  const { publishedReports } = await gateway<{ publishedReports: { edges: { node: Report }[] } }>(
    PUBLISHED_REPORTS,
    {},
  );
  return publishedReports.edges.map(({ node: r }) => ({
    reviewId: r.reviewId,
    listingKind: r.kind === 'NATIONAL' ? 'NATIONAL_REVIEW' : 'CHILD_SAFEGUARDING_PRACTICE_REVIEW',
    caseName: r.caseName,
    publishedOn: r.publishedOn,
    otherArea: null,
    historic: false,
    documents: r.documents,
    area: r.partnershipName,
  }));
};

export const partnershipReviewsRoutes = (router: Router): void => {
  router.get('/partnerships/:id/reviews', async (req, res, next) => {
    const page = await loadPage(res.locals.gateway as GatewayCall, req.params.id);
    if (!page) return next();
    res.render('public/partnership-reviews', {
      pageTitle: `Case reviews – ${page.name}`,
      partnership: page,
      sections: pageSections(page),
      mentioning: page.mentioning.map(caseView),
    });
  });

  router.get('/partnerships/:id/reviews.json', async (req, res, next) => {
    const page = await loadPage(res.locals.gateway as GatewayCall, req.params.id);
    if (!page) return next();
    const base = baseUrlOf(req);
    res.set('cache-control', 'public, max-age=300').json({
      partnership: {
        id: page.partnershipId,
        name: page.name,
        page: `${base}/partnerships/${page.partnershipId}/reviews`,
      },
      reviews: page.own.map((e) => jsonOf(e, page.name, base)),
      mentioningOurServices: page.mentioning.map((e) => jsonOf(e, e.otherArea ?? '', base)),
    });
  });

  router.get('/partnerships/:id/reviews.atom', async (req, res, next) => {
    const page = await loadPage(res.locals.gateway as GatewayCall, req.params.id);
    if (!page) return next();
    const base = baseUrlOf(req);
    const pageUrl = `${base}/partnerships/${page.partnershipId}/reviews`;
    res
      .set('cache-control', 'public, max-age=300')
      .type('application/atom+xml')
      .send(
        atomOf({
          id: `urn:cspr:partnership:${page.partnershipId}:reviews`,
          title: `Case reviews – ${page.name}`,
          pageUrl,
          selfUrl: `${pageUrl}.atom`,
          author: page.name,
          baseUrl: base,
          entries: page.own.map((e) => ({ ...e, area: page.name })),
        }),
      );
  });

  router.get('/reviews.atom', async (req, res) => {
    const base = baseUrlOf(req);
    res
      .set('cache-control', 'public, max-age=300')
      .type('application/atom+xml')
      .send(
        atomOf({
          id: 'urn:cspr:reviews',
          title: 'Published child safeguarding practice reviews',
          pageUrl: `${base}/reports`,
          selfUrl: `${base}/reviews.atom`,
          author: 'Child Safeguarding Practice Reviews',
          baseUrl: base,
          entries: await allReports(res.locals.gateway as GatewayCall),
        }),
      );
  });

  router.get('/reviews.json', async (req, res) => {
    const base = baseUrlOf(req);
    const entries = await allReports(res.locals.gateway as GatewayCall);
    res.set('cache-control', 'public, max-age=300').json({ reviews: entries.map((e) => jsonOf(e, e.area, base)) });
  });
};
