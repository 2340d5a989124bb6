/** A partnership's incident: what was notified, every deadline, the rapid review and the Panel's response. */
import { backLink, button, notice, printLink } from '../app/components';
import { orErrorPage, type GatewayCall } from '../server/gateway-client';
import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { labelOf, NATURES } from '../app/vocabulary';
import {
  childrenSummary,
  deadlinesTable,
  historyTimeline,
  notificationSummary,
  panelResponseSummary,
  rapidReviewSummary,
  type IncidentDetails,
} from '../incident/incident-details';
import { INCIDENT, REVIEW_REFERENCE } from '../operations';

type Result = { incident: ({ __typename: 'Incident' } & IncidentDetails) | { __typename: string; message: string } };

/** The incident as the gateway shows it to this person; its NotFound or Forbidden becomes the error page. */
export const loadIncident = async (gateway: GatewayCall, id: string): Promise<IncidentDetails> => {
  const { incident } = await gateway<Result>(INCIDENT, { id });
  return orErrorPage(incident) as unknown as IncidentDetails;
};

/** A rapid review can be (re)sent while the Panel has not answered, or after it asked the partners to reconsider. */
export const canSendRapidReview = (i: IncidentDetails): boolean =>
  i.rapidReviewRequired &&
  (i.status === 'NOTIFIED' || i.status === 'AMENDED' || i.status === 'RECONSIDERATION_REQUESTED');

type ReviewName = { id: string; reference: string | null; title: string | null; caseName: string | null };

/** The incident's reviews by reference and name, for links a person reads (the id stays in the address). */
const reviewNames = (gateway: GatewayCall, ids: string[]): Promise<ReviewName[]> =>
  Promise.all(
    ids.map(async (id) => {
      const { review } = await gateway<{ review: ReviewName & { __typename: string } }>(REVIEW_REFERENCE, { id });
      return review.__typename === 'Review' ? review : { id, reference: null, title: null, caseName: null };
    }),
  );

export const incidentPage = async (ctx: PageContext) => {
  const i = await loadIncident(ctx.gateway, ctx.params.id!);
  const reviews = await reviewNames(ctx.gateway, i.reviewIds);
  ctx.render(
    labelOf(NATURES, i.nature),
    html`
    ${backLink('/partnership', 'Back to dashboard')}
    <span class="govuk-caption-l">Incident ${i.reference ?? ''} · ${i.localAuthorityName}</span>
    <h1 class="govuk-heading-l">${labelOf(NATURES, i.nature)}</h1>
    ${printLink()}
    ${ctx.query.get('sent') ? notice('The rapid review has been sent to the Panel.', 'success') : ''}
    ${canSendRapidReview(i) ? button({ href: `/partnership/incidents/${i.id}/rapid-review`, text: i.status === 'RECONSIDERATION_REQUESTED' ? 'Send the rapid review again' : 'Write the rapid review' }) : ''}
    ${i.status === 'PANEL_RESPONDED' && !i.reviewIds.length ? button({ href: `/partnership/reviews/commission?incident=${i.id}`, text: 'Commission a local review', secondary: true }) : ''}
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
      ${deadlinesTable(i)}
      ${notificationSummary(i)}
      <h2 class="govuk-heading-m">Children</h2>
      ${childrenSummary(i)}
      ${rapidReviewSummary(i)}
      ${panelResponseSummary(i)}
      ${reviews.length ? html`<h2 class="govuk-heading-m">Reviews</h2><ul class="govuk-list">${reviews.map((r) => html`<li><a class="govuk-link" href="/reviews/${r.id}">${[r.reference ?? 'Review', r.title ?? r.caseName].filter(Boolean).join(': ')}</a></li>`)}</ul>` : ''}
    </div><div class="govuk-grid-column-one-third">${historyTimeline(i)}</div></div>
  `,
  );
};
