/** The Panel's view of learning themes that recur across partnerships' reviews, most widespread first. */
import { button, textInput, table, type FieldErrors } from '../app/components';

import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { RECURRING_THEMES } from '../operations';

type RecurringTheme = { theme: string; partnershipIds: string[]; reviewIds: string[] };

export const recurringThemesPage = async (ctx: PageContext) => {
  const asked = ctx.query.get('min')?.trim() ?? '';
  const min = /^\d+$/.test(asked) && Number(asked) >= 1 ? Number(asked) : undefined;
  const errors: FieldErrors =
    asked && min === undefined ? { min: 'Enter the number of partnerships as a whole number, 1 or more' } : {};
  const { recurringThemes } = await ctx.gateway<{ recurringThemes: RecurringTheme[] }>(
    RECURRING_THEMES,
    min ? { minPartnerships: min } : {},
  );
  const themes = [...recurringThemes].sort(
    (a, b) =>
      b.partnershipIds.length - a.partnershipIds.length ||
      b.reviewIds.length - a.reviewIds.length ||
      a.theme.localeCompare(b.theme),
  );
  ctx.render(
    'Recurring themes',
    html` <h1 class="govuk-heading-l">Recurring themes</h1>
      <p class="govuk-body">
        Learning themes recorded by reviews in ${min ?? 2} or more partnerships, most widespread first.
      </p>
      <form method="get" action="/panel/themes" novalidate id="themes-filter" class="govuk-!-margin-bottom-6">
        ${textInput({ id: 'min', label: 'Recorded in at least this many partnerships', value: asked, width: 'govuk-input--width-3', inputmode: 'numeric', errors })}
        ${button({ text: 'Show themes', secondary: true })}
      </form>
      ${
        themes.length === 0
          ? html`<p class="govuk-body">No theme recurs across that many partnerships yet.</p>`
          : table({
              caption: `${themes.length} recurring theme${themes.length === 1 ? '' : 's'}`,
              head: ['Theme', 'Partnerships', 'Reviews'],
              numeric: [2],
              rows: themes.map((t) => [
                html`<a class="govuk-link" href="/learning?theme=${encodeURIComponent(t.theme)}">${t.theme}</a>`,
                t.partnershipIds.join(', '),
                t.reviewIds.length,
              ]),
            })
      }`,
    { errors },
  );
};
