/**
 * Published reports, as partnership websites list them ("Child M – Overview Report – September 2019"), per
 * partnership and nationally, searchable by partnership, year, theme and words. No sign-in needed. The filters
 * are a GET form, so a search can be bookmarked and shared.
 */
import type { Router } from 'express';
import { monthInWords } from '@cspr/domain';
import { formatDate } from '../app/deadline';
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
  documents: { kind: string; title: string; address: string }[];
};

const FILTERS = ['partnership', 'year', 'theme', 'search'] as const;

/** `2019-09-12` → `September 2019`, the month the listing names. */

/** The listing line of one document: case name – document title – month and year. */
export const listingLine = (
  report: Pick<Report, 'caseName' | 'publishedOn'>,
  document: { kind: string; title: string },
): string =>
  `${report.caseName} – ${document.title || labelOf(DOCUMENT_KINDS, document.kind)} – ${monthInWords(report.publishedOn)}`;

export const reportsRoutes = (router: Router): void => {
  router.get('/reports', async (req, res) => {
    const q = Object.fromEntries(
      FILTERS.map((f) => [f, typeof req.query[f] === 'string' ? req.query[f].trim() : '']),
    ) as Record<(typeof FILTERS)[number], string>;
    const year = /^\d{4}$/.test(q.year) ? Number(q.year) : undefined;
    const errors = q.year && year === undefined ? { year: 'Enter the year as 4 digits, for example 2026' } : {};
    const gateway = res.locals.gateway as GatewayCall;
    const { publishedReports } = await gateway<{ publishedReports: { edges: { node: Report }[] } }>(PUBLISHED_REPORTS, {
      ...(q.partnership ? { partnershipId: q.partnership } : {}),
      ...(year ? { year } : {}),
      ...(q.theme ? { theme: q.theme } : {}),
      ...(q.search ? { search: q.search } : {}),
    });
    const reports = publishedReports.edges.map(({ node: r }) => ({
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
      filtered: FILTERS.some((f) => q[f]),
    });
  });
};
