/**
 * National statistics by year (April to March): notifications by quarter and nature, timeliness of notifications
 * and rapid reviews, children by age band. Every chart is followed by its numbers as a table. The Panel, Ofsted
 * and admins see exact counts; anyone else the published view, where counts of 1 or 2 show as "c".
 */
import { html } from '../app/html';

import type { PageContext } from '../server/page';
import { AGE_BANDS, labelOf, NATURES } from '../app/vocabulary';
import { NATIONAL_STATISTICS } from '../operations';
import { barChart } from './bar-chart';

type Cell = { value: number | null; display: string };
type Item = { key: string; label: string; count: Cell };
type Share = { percent: number | null; display: string; numerator: { display: string }; denominator: { display: string } };
type Year = {
  year: string; notifications: Cell; children: Cell; byQuarter: Item[]; byNature: Item[]; byRegion: Item[]; childrenByAgeBand: Item[];
  notifiedWithin5WorkingDays: Share; rapidReviewsWithin15WorkingDays: Share;
};

const QUARTERS: Record<string, string> = { Q1: 'April to June', Q2: 'July to September', Q3: 'October to December', Q4: 'January to March' };
const quarterLabel = (key: string) => QUARTERS[key.slice(-2).toUpperCase()] ?? key;
const regionLabel = (key: string) => key.replace(/-/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

const bars = (items: Item[], label: (key: string) => string) => items.map((i) => ({ label: label(i.key), value: i.count.value, display: i.count.display }));

export const statisticsPage = async (ctx: PageContext) => {
  const exact = ['panel', 'ofsted', 'admin'].some((role) => ctx.user?.roles.includes(role));
  const { nationalStatistics } = await ctx.gateway<{ nationalStatistics: { suppressed: boolean; years: Year[] } }>(NATIONAL_STATISTICS, { exact });
  const years = [...nationalStatistics.years].reverse();
  const chosen = years.find((y) => y.year === ctx.query.get('year')) ?? years[0];
  ctx.render('National statistics', html`
    <h1 class="govuk-heading-l">Serious incident notifications: national statistics</h1>
    <p class="govuk-body">Years run from April to March. ${nationalStatistics.suppressed ? 'Counts of 2 or fewer are shown as “c” to protect the children concerned.' : 'Exact counts: not for publication.'}</p>
    ${!chosen ? html`<p class="govuk-body">No notifications have been recorded yet.</p>` : html`
      ${years.length > 1 ? html`<nav aria-label="Years"><ul class="govuk-list govuk-list--inline">${years.map((y) => html`<li class="govuk-!-display-inline-block govuk-!-margin-right-3"><a class="govuk-link" href="${exact ? '/panel/statistics' : '/statistics'}?year=${y.year}" ${y === chosen ? html`aria-current="page"` : ''}>${y.year}</a></li>`)}</ul></nav>` : ''}
      <h2 class="govuk-heading-m">${chosen.year}</h2>
      <div class="app-dashboard-cards">
        <div class="app-card"><span class="app-card__count">${chosen.notifications.display}</span><span class="govuk-body">notifications</span></div>
        <div class="app-card"><span class="app-card__count">${chosen.children.display}</span><span class="govuk-body">children</span></div>
        <div class="app-card"><span class="app-card__count">${chosen.notifiedWithin5WorkingDays.display}</span><span class="govuk-body">notified within 5 working days</span></div>
        <div class="app-card"><span class="app-card__count">${chosen.rapidReviewsWithin15WorkingDays.display}</span><span class="govuk-body">rapid reviews within 15 working days</span></div>
      </div>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          ${barChart({ title: `Notifications by quarter, ${chosen.year}`, bars: bars(chosen.byQuarter, quarterLabel), valueHeading: 'Notifications' })}
          ${barChart({ title: `Timeliness, ${chosen.year}`, unit: '%', max: 100, valueHeading: 'Per cent on time', bars: [
            { label: 'Notified within 5 working days', value: chosen.notifiedWithin5WorkingDays.percent, display: chosen.notifiedWithin5WorkingDays.percent === null ? chosen.notifiedWithin5WorkingDays.display : String(chosen.notifiedWithin5WorkingDays.percent) },
            { label: 'Rapid review within 15 working days', value: chosen.rapidReviewsWithin15WorkingDays.percent, display: chosen.rapidReviewsWithin15WorkingDays.percent === null ? chosen.rapidReviewsWithin15WorkingDays.display : String(chosen.rapidReviewsWithin15WorkingDays.percent) },
          ] })}
        </div>
        <div class="govuk-grid-column-one-half">
          ${barChart({ title: `Notifications by nature, ${chosen.year}`, bars: bars(chosen.byNature, (k) => labelOf(NATURES, k)), valueHeading: 'Notifications' })}
          ${barChart({ title: `Children by age band, ${chosen.year}`, bars: bars(chosen.childrenByAgeBand, (k) => labelOf(AGE_BANDS, k)), valueHeading: 'Children' })}
          ${barChart({ title: `Notifications by region, ${chosen.year}`, bars: bars(chosen.byRegion, regionLabel), valueHeading: 'Notifications' })}
        </div>
      </div>`}
  `);
};
