/**
 * The public learning library: published reviews of every kind, searchable by theme and keyword, each shown as the
 * NSPCC national case review repository records it (title, year, partnerships, review model, summary, themes,
 * keywords, recommendations). Filters live in the address so a search can be bookmarked and shared. Every match is
 * reachable: 25 a page with the true total, and the same search as CSV.
 */
import { button, select, textInput } from '../app/components';
import { formatDate } from '../app/deadline';
import { csvLink, everyPage, listCount, PAGE_SIZE, pageFrom, pagination, pastLastPage, toCsv } from '../app/listing';

import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { labelOf, REVIEW_MODELS } from '../app/vocabulary';
import { LEARNING_LIBRARY } from '../operations';
import { reviewKindLabel } from './learning-words';

export type LibraryRecord = {
  reviewId: string;
  kind: string;
  title: string | null;
  caseName: string;
  year: number;
  publishedOn: string;
  partnershipIds: string[];
  reviewModel: string | null;
  summary: string;
  themes: string[];
  keywords: string[];
  recommendations: string[];
  listedBecause: string | null;
};

const FILTERS = ['theme', 'keyword', 'partnership'] as const;

export const learningLibraryPage = async (ctx: PageContext) => {
  const q = Object.fromEntries(FILTERS.map((f) => [f, ctx.query.get(f)?.trim() ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  // Records name partnerships by id: people read their names.
  const names = new Map<string, string>();
  const nameOf = (partnershipId: string) => names.get(partnershipId) ?? partnershipId;
  const read = async (page: number, first: number) => {
    const { learningLibrary, learningLibraryCount, partnerships } = await ctx.gateway<{
      learningLibrary: LibraryRecord[];
      learningLibraryCount: number;
      partnerships: { id: string; name: string }[];
    }>(LEARNING_LIBRARY, {
      first,
      page,
      ...(q.theme ? { theme: q.theme } : {}),
      ...(q.keyword ? { keyword: q.keyword } : {}),
      ...(q.partnership ? { partnershipId: q.partnership } : {}),
    });
    for (const p of partnerships) names.set(p.id, p.name);
    return { items: learningLibrary, total: learningLibraryCount };
  };
  if (ctx.query.get('format') === 'csv') {
    const all = await everyPage((page) => read(page, 100));
    ctx.sendCsv(
      'learning-library.csv',
      toCsv(
        [
          'Case',
          'Title',
          'Year',
          'Published',
          'Kind of review',
          'Review model',
          'Partnerships',
          'Themes',
          'Keywords',
          'Summary',
          'Recommendations',
          ...(q.partnership ? [`Mentions ${nameOf(q.partnership)}’s services`] : []),
        ],
        all.map((r) => [
          r.caseName,
          r.title,
          r.year,
          r.publishedOn,
          reviewKindLabel(r.kind),
          r.reviewModel ? labelOf(REVIEW_MODELS, r.reviewModel) : '',
          r.partnershipIds.map(nameOf).join('; '),
          r.themes.join('; '),
          r.keywords.join('; '),
          r.summary,
          r.recommendations.join('; '),
          ...(q.partnership ? [r.listedBecause === 'MENTIONS_OUR_SERVICES' ? 'Yes' : 'No'] : []),
        ]),
      ),
    );
    return;
  }
  const page = pageFrom(ctx.query);
  const { items: records, total } = await read(page, PAGE_SIZE);
  const listing = { path: '/learning', query: ctx.query, page, total, noun: 'reviews' };
  const beyond = pastLastPage(listing);
  if (beyond) return ctx.redirect(beyond);
  const filtered = FILTERS.some((f) => q[f]);
  ctx.render(
    'Learning library',
    html`
    <h1 class="govuk-heading-l">Learning from reviews</h1>
    <p class="govuk-body">Published reviews of every kind – local, national, partnership, learning and thematic – with the learning and recommendations they made. Children are not named.</p>
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-one-third">
        <form method="get" action="/learning" novalidate id="library-filters" class="app-filters" role="search" aria-label="Search the learning library">
          <h2 class="govuk-heading-m">Search</h2>
          ${textInput({ id: 'keyword', label: 'Keyword', hint: 'For example, missed appointments', value: q.keyword })}
          ${textInput({ id: 'theme', label: 'Learning theme', hint: 'For example, neglect', value: q.theme })}
          ${select({ id: 'partnership', label: 'Partnership', hint: 'Includes reviews that mention its services', options: [...names].sort(([, a], [, b]) => a.localeCompare(b)).map(([value, label]) => ({ value, label })), placeholder: 'Any partnership', value: q.partnership })}
          <div class="govuk-button-group">
            ${button({ text: 'Search' })}
            ${filtered ? html`<a class="govuk-link" href="/learning">Clear search</a>` : ''}
          </div>
        </form>
      </div>
      <div class="govuk-grid-column-two-thirds">
        <h2 class="govuk-heading-m" id="results-heading">${total} review${total === 1 ? '' : 's'}${filtered ? ' found' : ''}</h2>
        ${total === 0 ? html`<p class="govuk-body">${filtered ? 'No published review matches. Try a different theme or keyword.' : 'No reviews have been published yet.'}</p>` : listCount(listing)}
        ${records.map(
          (r) => html`<div class="app-report govuk-!-margin-bottom-8">
          <h3 class="govuk-heading-s govuk-!-margin-bottom-1">${r.caseName}${r.title ? ` – ${r.title}` : ''}</h3>
          ${q.partnership && r.listedBecause === 'MENTIONS_OUR_SERVICES' ? html`<p class="govuk-body-s"><strong class="govuk-tag govuk-tag--purple">Mentions ${nameOf(q.partnership)}’s services</strong></p>` : ''}
          <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2">
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Year</dt><dd class="govuk-summary-list__value">${r.year} (published ${formatDate(r.publishedOn)})</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Kind of review</dt><dd class="govuk-summary-list__value">${reviewKindLabel(r.kind)}${r.reviewModel ? `, ${labelOf(REVIEW_MODELS, r.reviewModel)}` : ''}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Partnerships</dt><dd class="govuk-summary-list__value">${r.partnershipIds.map(nameOf).join(', ')}</dd></div>
            ${r.themes.length ? html`<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Themes</dt><dd class="govuk-summary-list__value">${r.themes.map((t, i) => html`${i ? ', ' : ''}<a class="govuk-link" href="/learning?theme=${encodeURIComponent(t)}">${t}</a>`)}</dd></div>` : ''}
            ${r.keywords.length ? html`<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Keywords</dt><dd class="govuk-summary-list__value">${r.keywords.join(', ')}</dd></div>` : ''}
          </dl>
          <p class="govuk-body">${r.summary}</p>
          ${r.recommendations.length ? html`<h4 class="govuk-heading-s">Recommendations</h4><ol class="govuk-list govuk-list--number">${r.recommendations.map((text) => html`<li>${text}</li>`)}</ol>` : ''}
        </div>`,
        )}
        ${pagination(listing)}
        ${total > 0 ? csvLink('/learning', ctx.query, filtered ? 'these reviews' : 'every review') : ''}
      </div>
    </div>`,
  );
};
