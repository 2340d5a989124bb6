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
  withdrawalSummary,
  type IncidentDetails,
} from '../incident/incident-details';
import { INCIDENT, LOCAL_AUTHORITIES_AND_PARTNERSHIPS, REVIEW_REFERENCE } from '../operations';

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

/** Local authorities' names by code, asked for only when an amendment moved the incident to another one. */
const authorityNamesFor = async (gateway: GatewayCall, i: IncidentDetails): Promise<Record<string, string>> => {
  if (!i.history.some((h) => h.changes?.some((c) => c.field === 'localAuthorityCode'))) return {};
  const { localAuthorities } = await gateway<{ localAuthorities: { code: string; name: string }[] }>(
    LOCAL_AUTHORITIES_AND_PARTNERSHIPS,
  );
  return Object.fromEntries(localAuthorities.map((la) => [la.code, la.name]));
};

const BANNERS: Record<string, string> = {
  sent: 'The rapid review has been sent to the Panel.',
  amended: 'The notification has been corrected.',
  withdrawn: 'The notification has been withdrawn.',
};

export const incidentPage = async (ctx: PageContext) => {
  const i = await loadIncident(ctx.gateway, ctx.params.id!);
  const [authorityNames, reviews] = await Promise.all([
    authorityNamesFor(ctx.gateway, i),
    reviewNames(ctx.gateway, i.reviewIds),
  ]);
  const banner = Object.keys(BANNERS).find((k) => ctx.query.get(k));
  const open = i.status !== 'WITHDRAWN';
  ctx.render(
    labelOf(NATURES, i.nature),
    html`
    ${backLink('/partnership', 'Back to dashboard')}
    <span class="govuk-caption-l">Incident ${i.reference ?? ''} · ${i.localAuthorityName}</span>
    <h1 class="govuk-heading-l">${labelOf(NATURES, i.nature)}</h1>
    ${printLink()}
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
      ${reviews.length ? html`<h2 class="govuk-heading-m">Reviews</h2><ul class="govuk-list">${reviews.map((r) => html`<li><a class="govuk-link" href="/reviews/${r.id}">${[r.reference ?? 'Review', r.title ?? r.caseName].filter(Boolean).join(': ')}</a></li>`)}</ul>` : ''}
    </div><div class="govuk-grid-column-one-third">${historyTimeline(i, authorityNames)}</div></div>
  `,
  );
};
