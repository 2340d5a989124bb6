/** The Panel's queue: rapid reviews awaiting a response, oldest first, with the response target and days left. */
import { notice, table } from '../app/components';
import { deadlineCell, formatDate } from '../app/deadline';

import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { labelOf, LOCAL_DECISIONS, NATURES } from '../app/vocabulary';
import { PANEL_QUEUE_PAGE } from '../operations';
import { csvLink, everyPage, listCount, PAGE_SIZE, pageFrom, pagination, pastLastPage, toCsv } from '../app/listing';

type QueueItem = {
  incidentId: string;
  reference: string | null;
  partnershipName: string;
  localAuthorityName: string;
  nature: string;
  notifiedOn: string;
  submittedOn: string;
  submission: number;
  localReviewDecision: string;
  nationalCriteriaMayBeMet: boolean;
  targetOn: string;
  workingDaysLeft: number;
  overdue: boolean;
};

type Queue = { panelQueue: { totalCount: number; edges: { node: QueueItem }[] } };

export const queuePage = async (ctx: PageContext) => {
  const read = async (page: number, first: number) => {
    const { panelQueue } = await ctx.gateway<Queue>(PANEL_QUEUE_PAGE, { first, page });
    return { items: panelQueue.edges.map((e) => e.node), total: panelQueue.totalCount };
  };
  if (ctx.query.get('format') === 'csv') {
    const all = await everyPage((page) => read(page, 100));
    ctx.sendCsv(
      'rapid-review-queue.csv',
      toCsv(
        [
          'Reference',
          'Partnership',
          'Local authority',
          'What happened',
          'Notified',
          'Received',
          'Submission',
          'Local decision',
          'National criteria may be met',
          'Respond by',
          'Overdue',
        ],
        all.map((i) => [
          i.reference,
          i.partnershipName,
          i.localAuthorityName,
          labelOf(NATURES, i.nature),
          i.notifiedOn,
          i.submittedOn,
          i.submission,
          labelOf(LOCAL_DECISIONS, i.localReviewDecision),
          i.nationalCriteriaMayBeMet ? 'Yes' : 'No',
          i.targetOn,
          i.overdue ? 'Yes' : 'No',
        ]),
      ),
    );
    return;
  }
  const page = pageFrom(ctx.query);
  const { items, total } = await read(page, PAGE_SIZE);
  const listing = { path: '/panel', query: ctx.query, page, total, noun: 'rapid reviews waiting' };
  const beyond = pastLastPage(listing);
  if (beyond) return ctx.redirect(beyond);
  ctx.render(
    'Rapid reviews awaiting a response',
    html`
    <span class="govuk-caption-l">Child Safeguarding Practice Review Panel</span>
    <h1 class="govuk-heading-l">Rapid reviews awaiting a response</h1>
    ${ctx.query.get('responded') ? notice('Your response has been sent to the partnership.', 'success') : ''}
    <p class="govuk-body">${total === 0 ? 'No rapid reviews are waiting for a response.' : `${total} rapid review${total === 1 ? ' is' : 's are'} waiting, oldest first. The response target is a service level, not a statutory deadline.`}</p>
    <p class="govuk-body"><a class="govuk-link" href="/panel/incidents">Find any incident</a></p>
    ${total ? listCount(listing) : ''}
    ${
      items.length
        ? table({
            caption: 'Queue',
            captionClass: 'govuk-table__caption--s govuk-visually-hidden',
            sortable: true,
            head: [
              'Received',
              'Partnership',
              'Incident',
              'Local decision',
              'National criteria may be met',
              'Respond by',
            ],
            rows: items.map((i) => [
              html`${formatDate(i.submittedOn)}${i.submission > 1 ? html`<br><span class="govuk-body-s">Resubmitted (${i.submission})</span>` : ''}`,
              html`${i.partnershipName}<br><span class="govuk-body-s">${i.localAuthorityName}</span>`,
              html`<a class="govuk-link" href="/panel/incidents/${i.incidentId}">${i.reference ?? 'No reference yet'}</a><br><span class="govuk-body-s">${labelOf(NATURES, i.nature)}, notified ${formatDate(i.notifiedOn)}</span>`,
              labelOf(LOCAL_DECISIONS, i.localReviewDecision),
              i.nationalCriteriaMayBeMet ? html`<strong class="govuk-tag govuk-tag--purple">Yes</strong>` : 'No',
              deadlineCell({
                kind: 'panel-response',
                dueOn: i.targetOn,
                workingDaysLeft: i.workingDaysLeft,
                overdue: i.overdue,
                dueThisWeek: !i.overdue && i.workingDaysLeft <= 5,
              }),
            ]),
          })
        : ''
    }
    ${pagination(listing)}
    ${total ? csvLink('/panel', ctx.query, 'the queue') : ''}
  `,
  );
};
