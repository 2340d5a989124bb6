/**
 * Published reports, as partnership websites list them ("Child M – Overview Report – September 2019"), per
 * partnership and nationally, searchable by partnership, year, theme and words. No sign-in needed. The filters
 * are a GET form, so a search can be bookmarked and shared.
 */
import type { Router } from 'express';
import { monthInWords } from '@cspr/domain';
import { formatDate } from '../app/deadline';
import { csvLink, everyPage, listCount, PAGE_SIZE, pageFrom, pagination, pastLastPage, toCsv } from '../app/listing';
import { DOCUMENT_KINDS, is, labelOf, REVIEW_MODELS } from '../app/vocabulary';
import { PUBLISHED_REPORTS } from '../operations';
import type { GatewayCall } from '../server/gateway-client';

type Report = {
  reviewId: string;
  kind: string;
  partnershipId: string | null;
  partnershipName: string;
  title: string | null;
  caseName: string;
  publishedOn: string;
  year: number;
  publication: string;
  summary: string;
  themes: string[];
  keywords: string[];
  reviewModel: string | null;
  documents: { kind: string; title: string; address: string | null; withdrawn: boolean }[];
};

const FILTERS = ['partnership', 'year', 'theme', 'search'] as const;

/** `2019-09-12` → `September 2019`, the month the listing names. */

/**
 * A document's name in a listing: its title, else its kind. A file withdrawn with the review's personal data
 * (no address, its own address answers 410) is named by its kind and said to be removed, never linked.
 */
export const documentName = (document: { kind: string; title: string; withdrawn?: boolean }): string =>
  document.withdrawn
    ? `${labelOf(DOCUMENT_KINDS, document.kind)} (document removed)`
    : document.title || labelOf(DOCUMENT_KINDS, document.kind);

/** The listing line of one document: case name – document title – month and year. */
export const listingLine = (
  report: Pick<Report, 'caseName' | 'publishedOn'>,
  document: { kind: string; title: string; withdrawn?: boolean },
): string => `${report.caseName} – ${documentName(document)} – ${monthInWords(report.publishedOn)}`;

export const reportsRoutes = (router: Router): void => {
  router.get('/reports', async (req, res) => {
    const q = Object.fromEntries(
      FILTERS.map((f) => [f, typeof req.query[f] === 'string' ? req.query[f].trim() : '']),
    ) as Record<(typeof FILTERS)[number], string>;
    const year = /^\d{4}$/.test(q.year) ? Number(q.year) : undefined;
    const errors = q.year && year === undefined ? { year: 'Enter the year as 4 digits, for example 2026' } : {};
    const gateway = res.locals.gateway as GatewayCall;
    const read = async (page: number, first: number) => {
      const { publishedReports } = await gateway<{
        publishedReports: { totalCount: number; edges: { node: Report }[] };
      }>(PUBLISHED_REPORTS, {
        first,
        page,
        ...(q.partnership ? { partnershipId: q.partnership } : {}),
        ...(year ? { year } : {}),
        ...(q.theme ? { theme: q.theme } : {}),
        ...(q.search ? { search: q.search } : {}),
      });
      return { items: publishedReports.edges.map((e) => e.node), total: publishedReports.totalCount };
    };
    const query = new URL(req.originalUrl, 'http://page.invalid').searchParams;
    if (query.get('format') === 'csv') {
      const all = await everyPage((page) => read(page, 100));
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .attachment('published-reports.csv')
        .send(
          toCsv(
            ['Case', 'Title', 'Partnership', 'Published', 'Review model', 'Themes', 'Keywords', 'Summary', 'Documents'],
            all.map((r) => [
              r.caseName,
              r.title,
              r.partnershipName,
              r.publishedOn,
              labelOf(REVIEW_MODELS, r.reviewModel),
              r.themes.join('; '),
              r.keywords.join('; '),
              r.summary,
              r.documents.map((d) => listingLine(r, d)).join('; '),
            ]),
          ),
        );
      return;
    }
    const page = pageFrom(query);
    const { items, total } = await read(page, PAGE_SIZE);
    const listing = { path: '/reports', query, page, total, noun: 'reports' };
    const beyond = pastLastPage(listing);
    if (beyond) return res.redirect(303, beyond);
    const reports = items.map((r) => ({
      ...r,
      byline: `${r.partnershipName} · published ${formatDate(r.publishedOn)} · ${labelOf(REVIEW_MODELS, r.reviewModel)}${is(r.publication, 'improvements-only') ? ' · information about improvements only' : ''}`,
      // Only https addresses and files the platform stores become links: an address is typed by a partnership and
      // must not run script.
      links: r.documents.map((d) => ({
        text: listingLine(r, d),
        href: /^(https:\/\/|\/documents\/[0-9a-f]{64}$)/.test(d.address ?? '') ? d.address : undefined,
      })),
    }));
    res.render('public/reports', {
      pageTitle: 'Published reports',
      errors,
      q,
      reports,
      total,
      listCount: String(listCount(listing)),
      pagination: String(pagination(listing)),
      csvLink: String(csvLink('/reports', query, 'these reports')),
      filtered: FILTERS.some((f) => q[f]),
    });
  });
};
