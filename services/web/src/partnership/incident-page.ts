/** A partnership's incident: what was notified, every deadline, the rapid review and the Panel's response. */
import { backLink, button, notice } from '../app/components';
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
  withdrawalSummary,
  type IncidentDetails,
} from '../incident/incident-details';
import { INCIDENT, LOCAL_AUTHORITIES_AND_PARTNERSHIPS, REVIEW } from '../operations';

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

/** Local authorities' names by code, asked for only when an amendment moved the incident to another one. */
const authorityNamesFor = async (gateway: GatewayCall, i: IncidentDetails): Promise<Record<string, string>> => {
  if (!i.history.some((h) => h.changes?.some((c) => c.field === 'localAuthorityCode'))) return {};
  const { localAuthorities } = await gateway<{ localAuthorities: { code: string; name: string }[] }>(
    LOCAL_AUTHORITIES_AND_PARTNERSHIPS,
  );
  return Object.fromEntries(localAuthorities.map((la) => [la.code, la.name]));
};

/** Each linked review by the name people know it by (its case name or title), never its id. */
const reviewNamesFor = (gateway: GatewayCall, i: IncidentDetails): Promise<string[]> =>
  Promise.all(
    i.reviewIds.map((id) =>
      gateway<{ review: { __typename: string; caseName?: string | null; title?: string | null } }>(REVIEW, { id }).then(
        ({ review }) => (review.__typename === 'Review' ? (review.caseName ?? review.title ?? 'Review') : 'Review'),
        () => 'Review',
      ),
    ),
  );

const BANNERS: Record<string, string> = {
  sent: 'The rapid review has been sent to the Panel.',
  amended: 'The notification has been corrected.',
  withdrawn: 'The notification has been withdrawn.',
};

export const incidentPage = async (ctx: PageContext) => {
  const i = await loadIncident(ctx.gateway, ctx.params.id!);
  const [authorityNames, reviewNames] = await Promise.all([
    authorityNamesFor(ctx.gateway, i),
    reviewNamesFor(ctx.gateway, i),
  ]);
  const banner = Object.keys(BANNERS).find((k) => ctx.query.get(k));
  const open = i.status !== 'WITHDRAWN';
  ctx.render(
    labelOf(NATURES, i.nature),
    html`
    ${backLink('/partnership', 'Back to dashboard')}
    <span class="govuk-caption-l">Incident ${i.reference ?? ''}</span>
    <h1 class="govuk-heading-l">${labelOf(NATURES, i.nature)}</h1>
    ${banner ? notice(BANNERS[banner]!, 'success') : ''}
    ${canSendRapidReview(i) ? button({ href: `/partnership/incidents/${i.id}/rapid-review`, text: i.status === 'RECONSIDERATION_REQUESTED' ? 'Send the rapid review again' : 'Write the rapid review' }) : ''}
    ${i.status === 'PANEL_RESPONDED' && !i.reviewIds.length ? button({ href: `/partnership/reviews/commission?incident=${i.id}`, text: 'Commission a local review', secondary: true }) : ''}
    ${open && !i.personal?.erased ? html`<div class="govuk-button-group">${button({ href: `/partnership/incidents/${i.id}/amend`, text: 'Correct the notification', secondary: true })}${button({ href: `/partnership/incidents/${i.id}/withdraw`, text: 'Withdraw the notification', secondary: true })}</div>` : ''}
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
      ${withdrawalSummary(i)}
      ${deadlinesTable(i)}
      ${notificationSummary(i)}
      <h2 class="govuk-heading-m">Children</h2>
      ${childrenSummary(i)}
      ${rapidReviewSummary(i)}
      ${panelResponseSummary(i)}
      ${i.reviewIds.length ? html`<h2 class="govuk-heading-m">Reviews</h2><ul class="govuk-list">${i.reviewIds.map((r, n) => html`<li><a class="govuk-link" href="/reviews/${r}">${reviewNames[n]}</a></li>`)}</ul>` : ''}
    </div><div class="govuk-grid-column-one-third">${historyTimeline(i, authorityNames)}</div></div>
  `,
  );
};
