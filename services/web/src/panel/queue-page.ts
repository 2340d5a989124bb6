/** The Panel's queue: rapid reviews awaiting a response, oldest first, with the response target and days left. */
import { notice, table } from '../app/components';
import { deadlineCell, formatDate } from '../app/deadline';

import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { labelOf, LOCAL_DECISIONS, NATURES } from '../app/vocabulary';
import { PANEL_QUEUE } from '../operations';

type QueueItem = {
  incidentId: string; partnershipId: string; localAuthorityCode: string; nature: string; notifiedOn: string; submittedOn: string;
  submission: number; localReviewDecision: string; nationalCriteriaMayBeMet: boolean; targetOn: string; workingDaysLeft: number; overdue: boolean;
};

export const queuePage = async (ctx: PageContext) => {
  const { panelQueue } = await ctx.gateway<{ panelQueue: { edges: { node: QueueItem }[] } }>(PANEL_QUEUE);
  const items = panelQueue.edges.map((e) => e.node);
  ctx.render('Rapid reviews awaiting a response', html`
    <span class="govuk-caption-l">Child Safeguarding Practice Review Panel</span>
    <h1 class="govuk-heading-l">Rapid reviews awaiting a response</h1>
    ${ctx.query.get('responded') ? notice('Your response has been sent to the partnership.', 'success') : ''}
    <p class="govuk-body">${items.length === 0 ? 'No rapid reviews are waiting for a response.' : `${items.length} rapid review${items.length === 1 ? ' is' : 's are'} waiting, oldest first. The response target is a service level, not a statutory deadline.`}</p>
    ${items.length ? table({
      caption: 'Queue', captionClass: 'govuk-table__caption--s govuk-visually-hidden', sortable: true,
      head: ['Received', 'Partnership', 'Incident', 'Local decision', 'National criteria may be met', 'Respond by'],
      rows: items.map((i) => [
        html`${formatDate(i.submittedOn)}${i.submission > 1 ? html`<br><span class="govuk-body-s">Resubmitted (${i.submission})</span>` : ''}`,
        html`${i.partnershipId}<br><span class="govuk-body-s">${i.localAuthorityCode}</span>`,
        html`<a class="govuk-link" href="/panel/incidents/${i.incidentId}">${labelOf(NATURES, i.nature)}<span class="govuk-visually-hidden"> notified ${formatDate(i.notifiedOn)} by ${i.partnershipId}</span></a>`,
        labelOf(LOCAL_DECISIONS, i.localReviewDecision),
        i.nationalCriteriaMayBeMet ? html`<strong class="govuk-tag govuk-tag--purple">Yes</strong>` : 'No',
        deadlineCell({ kind: 'panel-response', dueOn: i.targetOn, workingDaysLeft: i.workingDaysLeft, overdue: i.overdue, dueThisWeek: !i.overdue && i.workingDaysLeft <= 5 }),
      ]),
    }) : ''}
  `);
};
