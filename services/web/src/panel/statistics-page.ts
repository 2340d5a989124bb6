/**
 * National statistics of serious incident notifications, by DfE's method. The public, DfE and partnerships see
 * published releases only: complete reporting years (April to March, "Reporting year 2025" = April 2024 to March
 * 2025), counts of 1 or 2 and any count that would give one away shown as "c", regional counts rounded to the
 * nearest 10, with the release's CSV files in DfE's open-data layout. The Panel, Ofsted and admins see the live,
 * exact figures of any year (not for publication). Every table is plain HTML; no script.
 */
import { html, type Html } from '../app/html';
import { table } from '../app/components';
import { csvLink, toCsv } from '../app/listing';
import type { PageContext } from '../server/page';
import { NATIONAL_STATISTICS, STATISTICS_RELEASES } from '../operations';

type Cell = {
  quarter: string;
  geographicLevel: string;
  areaCode: string;
  areaName: string | null;
  breakdownTopic: string;
  breakdown: string;
  natureOfNotification: string;
};
type Shown = Cell & { shown: string };
type Release = {
  reportingYear: number;
  label: string;
  publishedOn: string;
  methodVersion: string;
  downloads: { national: string; regional: string; localAuthority: string; metadata: string };
  national: (Cell & { numberNotifications: string })[];
  regional: (Cell & { numberNotifications: string })[];
};
type Live = {
  reportingYear: number;
  label: string;
  complete: boolean;
  national: (Cell & { count: number })[];
  regional: (Cell & { count: number })[];
};

const QUARTERS: Record<string, string> = {
  Q1: 'April to June',
  Q2: 'July to September',
  Q3: 'October to December',
  Q4: 'January to March',
};
const LIVE_ROLES = ['panel', 'ofsted', 'admin'];
/** Who may close and publish a year (the policy table's closeStatisticsPeriod row): Ofsted reads, never releases. */
const RELEASE_ROLES = ['panel', 'admin'];

/** One breakdown topic as a table: a row per category, a column per nature, in the frame's order. */
const topicTable = (cells: Shown[], topic: string, caption: string): Html => {
  const rows = cells.filter((c) => c.quarter === 'Total' && c.breakdownTopic === topic);
  const natures = [...new Set(rows.map((c) => c.natureOfNotification))];
  const breakdowns = [...new Set(rows.map((c) => c.breakdown))];
  const value = (b: string, n: string) =>
    rows.find((c) => c.breakdown === b && c.natureOfNotification === n)?.shown ?? '';
  return table({
    caption,
    captionClass: 'govuk-table__caption--s',
    head: [topic === 'Total' ? 'Nature' : topic, ...natures],
    numeric: natures.map((_, i) => i + 1),
    rows: breakdowns.map((b) => [b, ...natures.map((n) => value(b, n))]),
  });
};

const quarterTable = (cells: Shown[]): Html => {
  const natures = ['Total', 'Child death', 'Serious harm', 'Other'];
  const value = (q: string, n: string) =>
    cells.find((c) => c.quarter === q && c.breakdownTopic === 'Total' && c.natureOfNotification === n)?.shown ?? '';
  return table({
    caption: 'Notifications by nature and quarter (by date of notification)',
    captionClass: 'govuk-table__caption--s',
    head: ['Quarter', ...natures],
    numeric: [1, 2, 3, 4],
    rows: ['Q1', 'Q2', 'Q3', 'Q4', 'Total'].map((q) => [
      q === 'Total' ? 'Whole year' : `${q}: ${QUARTERS[q]}`,
      ...natures.map((n) => value(q, n)),
    ]),
  });
};

const regionTable = (cells: Shown[], rounded: boolean): Html => {
  const natures = ['Total', 'Child death', 'Serious harm', 'Other'];
  const regions = [...new Set(cells.map((c) => c.areaName ?? c.areaCode))];
  const value = (r: string, n: string) =>
    cells.find((c) => (c.areaName ?? c.areaCode) === r && c.natureOfNotification === n)?.shown ?? '';
  return table({
    caption: rounded ? 'Notifications by region (rounded to the nearest 10)' : 'Notifications by region (exact)',
    captionClass: 'govuk-table__caption--s',
    head: ['Region', ...natures],
    numeric: [1, 2, 3, 4],
    rows: regions.map((r) => [r, ...natures.map((n) => value(r, n))]),
  });
};

const TOPICS = [
  'Age',
  'Sex',
  'Ethnicity',
  'Disability',
  'Placement',
  'Looked after',
  'Child in need plan',
  'Child protection plan',
  'Known to agencies',
  'Notified within 5 working days',
];

const tables = (national: Shown[], regional: Shown[], rounded: boolean): Html => html`
  <h3 class="govuk-heading-m">Notifications by nature</h3>
  ${quarterTable(national)}
  ${regionTable(regional, rounded)}
  <h3 class="govuk-heading-m">Characteristics of the child</h3>
  <p class="govuk-body">One child per notification: the child the harm relates to, or else the first listed, as at notification. Serious harm and other are combined; under looked after, child deaths are split by whether abuse or neglect was known or suspected.</p>
  ${TOPICS.map((t) => topicTable(national, t, t))}
  <h3 class="govuk-heading-m">Deaths of care leavers</h3>
  <p class="govuk-body">Notified under Working Together 2023 (not the statutory duty) and reported apart: not in any figure above.</p>
  ${topicTable(national, 'Care leaver deaths', 'Care leaver deaths by age')}`;

const yearLinks = (years: { reportingYear: number; label: string }[], chosen: number, base: string): Html =>
  years.length > 1
    ? html`<nav aria-label="Reporting years"><ul class="govuk-list govuk-list--inline">${years.map((y) => html`<li class="govuk-!-display-inline-block govuk-!-margin-right-3"><a class="govuk-link" href="${base}?year=${y.reportingYear}" ${y.reportingYear === chosen ? html`aria-current="page"` : ''}>${y.label}</a></li>`)}</ul></nav>`
    : html``;

const livePage = async (ctx: PageContext) => {
  const { nationalStatistics } = await ctx.gateway<{ nationalStatistics: Live[] }>(NATIONAL_STATISTICS, {});
  const chosen =
    nationalStatistics.find((y) => String(y.reportingYear) === ctx.query.get('year')) ?? nationalStatistics[0];
  const shown = (cells: (Cell & { count: number })[]): Shown[] => cells.map((c) => ({ ...c, shown: String(c.count) }));
  if (ctx.query.get('format') === 'csv' && chosen) {
    // The tables' figures in DfE's open-data layout (a row per cell, national then regional), exact as on the page.
    ctx.sendCsv(
      `live-statistics-${chosen.reportingYear}.csv`,
      toCsv(
        [
          'reporting_year',
          'quarter',
          'geographic_level',
          'area_code',
          'area_name',
          'breakdown_topic',
          'breakdown',
          'nature_of_notification',
          'number_notifications',
        ],
        [...chosen.national, ...chosen.regional].map((c) => [
          chosen.reportingYear,
          c.quarter,
          c.geographicLevel,
          c.areaCode,
          c.areaName ?? '',
          c.breakdownTopic,
          c.breakdown,
          c.natureOfNotification,
          c.count,
        ]),
      ),
    );
    return;
  }
  ctx.render(
    'National statistics (live)',
    html`
    <h1 class="govuk-heading-l">Serious incident notifications: live national statistics</h1>
    <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>Exact counts, including the running year: not for publication. The public and DfE see published releases only (<a class="govuk-link" href="/statistics">published statistics</a>).</strong></div>
    ${RELEASE_ROLES.some((role) => ctx.user?.roles.includes(role)) ? html`<p class="govuk-body"><a class="govuk-link" href="/panel/statistics/releases">Close and publish reporting years</a></p>` : ''}
    ${
      !chosen
        ? html`<p class="govuk-body">No notifications have been recorded yet.</p>`
        : html`
      ${yearLinks(nationalStatistics, chosen.reportingYear, '/panel/statistics')}
      <h2 class="govuk-heading-l">${chosen.label}${chosen.complete ? '' : ' (running: figures will move)'}</h2>
      ${csvLink('/panel/statistics', new URLSearchParams({ year: String(chosen.reportingYear) }), 'these figures')}
      ${tables(shown(chosen.national), shown(chosen.regional), false)}`
    }`,
  );
};

const releasePage = async (ctx: PageContext) => {
  const { statisticsReleases } = await ctx.gateway<{ statisticsReleases: Release[] }>(STATISTICS_RELEASES, {});
  const chosen =
    statisticsReleases.find((r) => String(r.reportingYear) === ctx.query.get('year')) ?? statisticsReleases[0];
  const shown = (cells: (Cell & { numberNotifications: string })[]): Shown[] =>
    cells.map((c) => ({ ...c, shown: c.numberNotifications }));
  ctx.render(
    'National statistics',
    html`
    <h1 class="govuk-heading-l">Serious incident notifications: national statistics</h1>
    <p class="govuk-body">Notifications to the Child Safeguarding Practice Review Panel, counted by reporting year (April to March) as the Department for Education counts them. Only complete years are published, once released. “c” marks a count of 1 or 2, or a count hidden so that another cannot be worked out; regional counts are rounded to the nearest 10.</p>
    ${
      !chosen
        ? html`<p class="govuk-body">No release has been published yet.</p>`
        : html`
      ${yearLinks(statisticsReleases, chosen.reportingYear, '/statistics')}
      <h2 class="govuk-heading-l">${chosen.label}</h2>
      <p class="govuk-body">April ${chosen.reportingYear - 1} to March ${chosen.reportingYear}. Published ${chosen.publishedOn}.</p>
      <h3 class="govuk-heading-s">Download the data (CSV, open-data layout)</h3>
      <ul class="govuk-list">
        <li><a class="govuk-link" href="${chosen.downloads.national}" download>National</a></li>
        <li><a class="govuk-link" href="${chosen.downloads.regional}" download>Regional</a></li>
        <li><a class="govuk-link" href="${chosen.downloads.localAuthority}" download>Local authority</a></li>
        <li><a class="govuk-link" href="${chosen.downloads.metadata}" download>What each column means</a></li>
      </ul>
      ${tables(shown(chosen.national), shown(chosen.regional), true)}`
    }`,
  );
};

/** `/statistics`: the published view for everyone (DfE and the Panel included). */
export const statisticsPage = (ctx: PageContext) => releasePage(ctx);

/** `/panel/statistics`: the live view for the Panel, Ofsted and admins; anyone else gets the published view. */
export const liveStatisticsPage = (ctx: PageContext) =>
  LIVE_ROLES.some((role) => ctx.user?.roles.includes(role)) ? livePage(ctx) : releasePage(ctx);
