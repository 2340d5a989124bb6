/**
 * The partnership's dashboard: every incident with every open deadline as a date and as working days left,
 * overdue in red and due this week in amber (with words, never colour alone), most urgent first.
 */
import { button, table } from '../app/components';
import { deadlineCell, type DeadlineLike, formatDate } from '../app/deadline';

import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { deadlineLabel, INCIDENT_STATUSES, is, labelOf, NATURES } from '../app/vocabulary';
import { PARTNERSHIP_INCIDENTS, PARTNERSHIP_REVIEWS } from '../operations';
import { workspaceReviews, type ReviewLearning } from '../learning/review-learning';

type Deadline = DeadlineLike & { statutory: boolean; description: string };
export type IncidentRow = {
  id: string;
  nature: string;
  status: string;
  localAuthorityCode: string;
  incidentOn: string;
  notifiedOn: string;
  overdue: boolean;
  nextDueOn: string | null;
  rapidReviewRequired: boolean;
  deadlines: Deadline[];
};

const openDeadlines = (i: IncidentRow) =>
  i.deadlines.filter((d) => !d.metOn && !d.cancelled && !is(d.kind, 'publication-availability'));

/** Overdue first, then due this week, then by the next due date; incidents with nothing due last. */
export const byUrgency = (a: IncidentRow, b: IncidentRow): number => {
  const rank = (i: IncidentRow) =>
    openDeadlines(i).some((d) => d.overdue)
      ? 0
      : openDeadlines(i).some((d) => d.dueThisWeek)
        ? 1
        : openDeadlines(i).length
          ? 2
          : 3;
  return rank(a) - rank(b) || (a.nextDueOn ?? '9999').localeCompare(b.nextDueOn ?? '9999');
};

const card = (count: number, label: string, modifier = '') =>
  html`<div class="app-card ${modifier}">
    <span class="app-card__count">${count}</span><span class="govuk-body">${label}</span>
  </div>`;

export const dashboardPage = async (ctx: PageContext) => {
  const after = ctx.query.get('after');
  const [data, reviews] = await Promise.all([
    ctx.gateway<{
      incidents: { edges: { node: IncidentRow }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    }>(PARTNERSHIP_INCIDENTS, after ? { after } : {}),
    ctx.gateway<{ partnershipReviews: ReviewLearning[] }>(PARTNERSHIP_REVIEWS).then((d) => d.partnershipReviews),
  ]);
  const { pageInfo } = data.incidents;
  const incidents = data.incidents.edges.map((e) => e.node).sort(byUrgency);
  const deadlines = incidents.flatMap(openDeadlines);
  const overdue = deadlines.filter((d) => d.overdue).length;
  const thisWeek = deadlines.filter((d) => !d.overdue && d.dueThisWeek).length;
  ctx.render(
    'Dashboard',
    html`
      <span class="govuk-caption-l">Partnership ${ctx.user?.partnershipName ?? ctx.user?.partnershipId ?? ''}</span>
      <h1 class="govuk-heading-l">Incidents and deadlines</h1>
      ${button({ href: '/partnership/notify', text: 'Notify an incident' })}
      <h2 class="govuk-visually-hidden">Summary</h2>
      <div class="app-dashboard-cards">
        ${card(incidents.filter((i) => i.status !== 'WITHDRAWN').length, 'incidents notified')}
        ${card(overdue, overdue === 1 ? 'deadline overdue' : 'deadlines overdue', overdue ? 'app-card--red' : '')}
        ${card(thisWeek, 'due this week', thisWeek ? 'app-card--amber' : '')}
      </div>
      ${
        incidents.length === 0
          ? html`<p class="govuk-body">Your partnership has not notified any incidents yet.</p>`
          : table({
              caption: after ? 'Older incidents, most urgent first' : 'Your incidents, most urgent first',
              head: ['Incident', 'Status', 'Deadlines'],
              rows: incidents.map((i) => [
                html`<a class="govuk-link" href="/partnership/incidents/${i.id}">${labelOf(NATURES, i.nature)}</a
                  ><br /><span class="govuk-body-s"
                    >Incident ${formatDate(i.incidentOn)}, notified ${formatDate(i.notifiedOn)}</span
                  >`,
                labelOf(INCIDENT_STATUSES, i.status),
                openDeadlines(i).length
                  ? html`<ul class="govuk-list govuk-!-margin-0">
                      ${openDeadlines(i).map((d) => html`<li><span class="govuk-body-s">${deadlineLabel(d.kind)}:</span><br />${deadlineCell(d)}</li>`)}
                    </ul>`
                  : html`<span class="govuk-hint govuk-!-margin-0">Nothing due</span>`,
              ]),
            })
      }
      ${pageInfo.hasNextPage && pageInfo.endCursor ? html`<p class="govuk-body"><a class="govuk-link" href="/partnership?after=${encodeURIComponent(pageInfo.endCursor)}">Older incidents</a></p>` : ''}
      <h2 class="govuk-heading-m">Reviews and learning</h2>
      ${workspaceReviews(reviews)}
    `,
  );
};
