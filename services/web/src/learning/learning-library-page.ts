/**
 * The public learning library: published reviews of every kind, searchable by theme and keyword, each shown as the
 * NSPCC national case review repository records it (title, year, partnerships, review model, summary, themes,
 * keywords, recommendations). Filters live in the address so a search can be bookmarked and shared.
 */
import { button, textInput } from '../app/components';
import { formatDate } from '../app/deadline';

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
  const { learningLibrary: records } = await ctx.gateway<{ learningLibrary: LibraryRecord[] }>(LEARNING_LIBRARY, {
    ...(q.theme ? { theme: q.theme } : {}),
    ...(q.keyword ? { keyword: q.keyword } : {}),
    ...(q.partnership ? { partnershipId: q.partnership } : {}),
  });
  const filtered = FILTERS.some((f) => q[f]);
  ctx.render(
    'Learning library',
    html` <h1 class="govuk-heading-l">Learning from reviews</h1>
      <p class="govuk-body">
        Published reviews of every kind – local, national, partnership, learning and thematic – with the learning and
        recommendations they made. Children are not named.
      </p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <form
            method="get"
            action="/learning"
            novalidate
            id="library-filters"
            class="app-filters"
            role="search"
            aria-label="Search the learning library"
          >
            <h2 class="govuk-heading-m">Search</h2>
            ${textInput({ id: 'keyword', label: 'Keyword', hint: 'For example, missed appointments', value: q.keyword })}
            ${textInput({ id: 'theme', label: 'Learning theme', hint: 'For example, neglect', value: q.theme })}
            ${textInput({ id: 'partnership', label: 'Partnership', hint: 'Its id, for example leeds. Includes reviews that mention its services', value: q.partnership })}
            <div class="govuk-button-group">
              ${button({ text: 'Search' })}
              ${filtered ? html`<a class="govuk-link" href="/learning">Clear search</a>` : ''}
            </div>
          </form>
        </div>
        <div class="govuk-grid-column-two-thirds">
          <h2 class="govuk-heading-m" id="results-heading">
            ${records.length} review${records.length === 1 ? '' : 's'}${filtered ? ' found' : ''}
          </h2>
          ${records.length === 0 ? html`<p class="govuk-body">${filtered ? 'No published review matches. Try a different theme or keyword.' : 'No reviews have been published yet.'}</p>` : ''}
          ${records.map(
            (r) =>
              html`<div class="app-report govuk-!-margin-bottom-8">
                <h3 class="govuk-heading-s govuk-!-margin-bottom-1">${r.caseName}${r.title ? ` – ${r.title}` : ''}</h3>
                ${q.partnership && r.listedBecause === 'MENTIONS_OUR_SERVICES' ? html`<p class="govuk-body-s"><strong class="govuk-tag govuk-tag--purple">Mentions ${q.partnership}’s services</strong></p>` : ''}
                <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2">
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">Year</dt>
                    <dd class="govuk-summary-list__value">${r.year} (published ${formatDate(r.publishedOn)})</dd>
                  </div>
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">Kind of review</dt>
                    <dd class="govuk-summary-list__value">
                      ${reviewKindLabel(r.kind)}${r.reviewModel ? `, ${labelOf(REVIEW_MODELS, r.reviewModel)}` : ''}
                    </dd>
                  </div>
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">Partnerships</dt>
                    <dd class="govuk-summary-list__value">${r.partnershipIds.join(', ')}</dd>
                  </div>
                  ${
                    r.themes.length
                      ? html`<div class="govuk-summary-list__row">
                          <dt class="govuk-summary-list__key">Themes</dt>
                          <dd class="govuk-summary-list__value">
                            ${r.themes.map((t, i) => html`${i ? ', ' : ''}<a class="govuk-link" href="/learning?theme=${encodeURIComponent(t)}">${t}</a>`)}
                          </dd>
                        </div>`
                      : ''
                  }
                  ${
                    r.keywords.length
                      ? html`<div class="govuk-summary-list__row">
                          <dt class="govuk-summary-list__key">Keywords</dt>
                          <dd class="govuk-summary-list__value">${r.keywords.join(', ')}</dd>
                        </div>`
                      : ''
                  }
                </dl>
                <p class="govuk-body">${r.summary}</p>
                ${
                  r.recommendations.length
                    ? html`<h4 class="govuk-heading-s">Recommendations</h4>
                        <ol class="govuk-list govuk-list--number">
                          ${r.recommendations.map((text) => html`<li>${text}</li>`)}
                        </ol>`
                    : ''
                }
              </div>`,
          )}
        </div>
      </div>`,
  );
};
