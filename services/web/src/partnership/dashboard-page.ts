/**
 * The partnership's dashboard: figures counted by the gateway over every incident of the partnership (not the rows
 * on this page), and the incidents most urgent first as the gateway orders them over all records, a page at a time
 * with the true total; every open deadline as a date and as working days left, overdue in red and due this week in
 * amber (with words, never colour alone). The same list downloads as CSV.
 */
import { button, table } from '../app/components';
import { deadlineCell, type DeadlineLike, formatDate } from '../app/deadline';
import { html } from '../app/html';
import { csvLink, everyPage, listCount, PAGE_SIZE, pageFrom, pagination, pastLastPage, toCsv } from '../app/listing';
import type { PageContext } from '../server/page';
import { deadlineLabel, INCIDENT_STATUSES, is, labelOf, NATURES } from '../app/vocabulary';
import { PARTNERSHIP_INCIDENTS, PARTNERSHIP_REVIEWS } from '../operations';
import { workspaceReviews, type ReviewLearning } from '../learning/review-learning';

type Deadline = DeadlineLike & { statutory: boolean; description: string };
export type IncidentRow = {
  id: string;
  reference: string | null;
  nature: string;
  status: string;
  localAuthorityName: string;
  incidentOn: string;
  notifiedOn: string;
  overdue: boolean;
  nextDueOn: string | null;
  rapidReviewRequired: boolean;
  deadlines: Deadline[];
};
type Figures = { notified: number; open: number; overdue: number; dueThisWeek: number };
type Dashboard = { incidentFigures: Figures; incidents: { totalCount: number; edges: { node: IncidentRow }[] } };

const openDeadlines = (i: IncidentRow) =>
  i.deadlines.filter((d) => !d.metOn && !d.cancelled && !is(d.kind, 'publication-availability'));

const card = (count: number, label: string, modifier = '') =>
  html`<div class="app-card ${modifier}"><span class="app-card__count">${count}</span><span class="govuk-body">${label}</span></div>`;

const PATH = '/partnership';

export const dashboardPage = async (ctx: PageContext) => {
  const read = (page: number, first: number) => ctx.gateway<Dashboard>(PARTNERSHIP_INCIDENTS, { first, page });
  if (ctx.query.get('format') === 'csv') {
    const all = await everyPage(async (page) => {
      const { incidents } = await read(page, 100);
      return { items: incidents.edges.map((e) => e.node), total: incidents.totalCount };
    });
    ctx.sendCsv(
      'incidents.csv',
      toCsv(
        ['Reference', 'Local authority', 'What happened', 'Incident date', 'Notified', 'Status', 'Overdue', 'Next due'],
        all.map((i) => [
          i.reference,
          i.localAuthorityName,
          labelOf(NATURES, i.nature),
          i.incidentOn,
          i.notifiedOn,
          labelOf(INCIDENT_STATUSES, i.status),
          i.overdue ? 'Yes' : 'No',
          i.nextDueOn,
        ]),
      ),
    );
    return;
  }
  const page = pageFrom(ctx.query);
  const [data, reviews] = await Promise.all([
    read(page, PAGE_SIZE),
    ctx.gateway<{ partnershipReviews: ReviewLearning[] }>(PARTNERSHIP_REVIEWS).then((d) => d.partnershipReviews),
  ]);
  const figures = data.incidentFigures;
  const total = data.incidents.totalCount;
  const incidents = data.incidents.edges.map((e) => e.node);
  const listing = { path: PATH, query: ctx.query, page, total, noun: 'incidents' };
  const beyond = pastLastPage(listing);
  if (beyond) return ctx.redirect(beyond);
  ctx.render(
    'Dashboard',
    html`
    ${ctx.user?.partnershipName ? html`<span class="govuk-caption-l">${ctx.user.partnershipName}</span>` : ''}
    <h1 class="govuk-heading-l">Incidents and deadlines</h1>
    ${button({ href: '/partnership/notify', text: 'Notify an incident' })}
    <h2 class="govuk-visually-hidden">Summary</h2>
    <div class="app-dashboard-cards" id="incident-figures">
      ${card(figures.open, figures.open === 1 ? 'incident notified' : 'incidents notified')}
      ${card(figures.overdue, figures.overdue === 1 ? 'incident overdue' : 'incidents overdue', figures.overdue ? 'app-card--red' : '')}
      ${card(figures.dueThisWeek, 'due this week', figures.dueThisWeek ? 'app-card--amber' : '')}
    </div>
    ${
      total === 0
        ? html`<p class="govuk-body">Your partnership has not notified any incidents yet.</p>`
        : html`${listCount(listing)}${table({
            caption: 'Your incidents, most urgent first',
            head: ['Incident', 'Status', 'Deadlines'],
            rows: incidents.map((i) => [
              html`<a class="govuk-link" href="/partnership/incidents/${i.id}">${i.reference ?? labelOf(NATURES, i.nature)}</a><br><span class="govuk-body-s">${labelOf(NATURES, i.nature)}, ${i.localAuthorityName}<br>Incident ${formatDate(i.incidentOn)}, notified ${formatDate(i.notifiedOn)}</span>`,
              labelOf(INCIDENT_STATUSES, i.status),
              openDeadlines(i).length
                ? html`<ul class="govuk-list govuk-!-margin-0">${openDeadlines(i).map((d) => html`<li><span class="govuk-body-s">${deadlineLabel(d.kind)}:</span><br>${deadlineCell(d)}</li>`)}</ul>`
                : html`<span class="govuk-hint govuk-!-margin-0">Nothing due</span>`,
            ]),
          })}
          ${pagination(listing)}
          ${csvLink(PATH, ctx.query, 'every incident')}`
    }
    <h2 class="govuk-heading-m">Reviews and learning</h2>
    ${workspaceReviews(reviews)}
  `,
  );
};
