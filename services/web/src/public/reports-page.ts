/**
 * Published reports, as partnership websites list them ("Child M – Overview Report – September 2019"), per
 * partnership and nationally, searchable by partnership, year, theme and words. No sign-in needed. The filters
 * live in the address (`#/reports?year=2026`), so a search can be bookmarked and shared.
 */
import { errorSummary, textInput, type FieldErrors } from '../app/components';
import { formatDate } from '../app/deadline';
import { graphql } from '../app/graphql-client';
import { html } from '../app/html';
import type { PageContext } from '../app/router';
import { DOCUMENT_KINDS, is, labelOf, REVIEW_MODELS } from '../app/vocabulary';
import { PUBLISHED_REPORTS } from '../operations';

type Report = {
  reviewId: string; kind: string; partnershipId: string | null; partnershipName: string; title: string | null; caseName: string;
  publishedOn: string; year: number; publication: string; summary: string; themes: string[]; keywords: string[]; reviewModel: string | null;
  documents: { kind: string; title: string; address: string }[];
};

const FILTERS = ['partnership', 'year', 'theme', 'search'] as const;

/** `2019-09-12` → `September 2019`, the month the listing names. */
const monthYear = (iso: string) => formatDate(iso).replace(/^\d+ /, '');

/** The listing line of one document: case name – document title – month and year. */
export const listingLine = (report: Pick<Report, 'caseName' | 'publishedOn'>, document: { kind: string; title: string }): string =>
  `${report.caseName} – ${document.title || labelOf(DOCUMENT_KINDS, document.kind)} – ${monthYear(report.publishedOn)}`;

export const reportsPage = async (ctx: PageContext) => {
  const q = Object.fromEntries(FILTERS.map((f) => [f, ctx.query.get(f)?.trim() ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const year = /^\d{4}$/.test(q.year) ? Number(q.year) : undefined;
  const errors: FieldErrors = q.year && year === undefined ? { year: 'Enter the year as 4 digits, for example 2026' } : {};
  const { publishedReports } = await graphql<{ publishedReports: { edges: { node: Report }[] } }>(PUBLISHED_REPORTS, {
    ...(q.partnership ? { partnershipId: q.partnership } : {}), ...(year ? { year } : {}), ...(q.theme ? { theme: q.theme } : {}), ...(q.search ? { search: q.search } : {}),
  });
  const reports = publishedReports.edges.map((e) => e.node);
  const filtered = FILTERS.some((f) => q[f]);
  const main = ctx.render('Published reports', html`
    ${errorSummary(errors)}
    <h1 class="govuk-heading-l">Published child safeguarding practice reviews</h1>
    <p class="govuk-body">Reports of local and national reviews. Children are not named: each report uses a pseudonym such as “Child M”.</p>
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-one-third">
        <form id="report-filters" class="app-filters" role="search" aria-label="Filter reports">
          <h2 class="govuk-heading-m">Filter</h2>
          ${textInput({ id: 'search', label: 'Words', hint: 'In the summary, themes, keywords or titles', value: q.search })}
          ${textInput({ id: 'partnership', label: 'Partnership', hint: 'Its id, for example leeds', value: q.partnership })}
          ${textInput({ id: 'year', label: 'Year published', hint: 'For example, 2026', value: q.year, width: 'govuk-input--width-4', inputmode: 'numeric', errors })}
          ${textInput({ id: 'theme', label: 'Learning theme', hint: 'For example, neglect', value: q.theme })}
          <div class="govuk-button-group">
            <button type="submit" class="govuk-button" data-module="govuk-button">Apply filters</button>
            ${filtered ? html`<a class="govuk-link" href="#/reports">Clear filters</a>` : ''}
          </div>
        </form>
      </div>
      <div class="govuk-grid-column-two-thirds">
        <h2 class="govuk-heading-m" id="results-heading" aria-live="polite">${reports.length} report${reports.length === 1 ? '' : 's'}${filtered ? ' found' : ''}</h2>
        ${reports.length === 0 ? html`<p class="govuk-body">${filtered ? 'No published report matches. Try fewer or different filters.' : 'No reports have been published yet.'}</p>` : ''}
        ${reports.map((r) => html`<div class="app-report govuk-!-margin-bottom-8">
          <h3 class="govuk-heading-s govuk-!-margin-bottom-1">${r.caseName}${r.title ? ` – ${r.title}` : ''}</h3>
          <p class="govuk-body-s govuk-!-margin-bottom-2">${r.partnershipName} · published ${formatDate(r.publishedOn)} · ${labelOf(REVIEW_MODELS, r.reviewModel)}${is(r.publication, 'improvements-only') ? ' · information about improvements only' : ''}</p>
          <p class="govuk-body">${r.summary}</p>
          <ul class="govuk-list">${r.documents.map((d) => html`<li><a class="govuk-link" href="${/^https:\/\//.test(d.address) ? d.address : '#/reports'}" rel="noopener noreferrer">${listingLine(r, d)}</a></li>`)}</ul>
          ${r.themes.length ? html`<p class="govuk-body-s">Themes: ${r.themes.map((t, i) => html`${i ? ', ' : ''}<a class="govuk-link" href="#/reports?theme=${encodeURIComponent(t)}">${t}</a>`)}</p>` : ''}
        </div>`)}
      </div>
    </div>`);
  main.querySelector<HTMLFormElement>('#report-filters')!.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const params = new URLSearchParams();
    for (const f of FILTERS) {
      const value = String(data.get(f) ?? '').trim();
      if (value) params.set(f, value);
    }
    ctx.navigate(`#/reports${params.size ? `?${params}` : ''}`);
  });
};
