/** A partnership's incident: what was notified, every deadline, the rapid review and the Panel's response. */
import { backLink } from '../app/components';
import { graphql, RecordNotFoundError } from '../app/graphql-client';
import { html } from '../app/html';
import type { PageContext } from '../app/router';
import { labelOf, NATURES } from '../app/vocabulary';
import { childrenSummary, deadlinesTable, historyTimeline, notificationSummary, panelResponseSummary, rapidReviewSummary, type IncidentDetails } from '../incident/incident-details';
import { INCIDENT } from '../operations';

type Result = { incident: ({ __typename: 'Incident' } & IncidentDetails) | { __typename: string; message: string } };

export const loadIncident = async (id: string): Promise<IncidentDetails> => {
  const { incident } = await graphql<Result>(INCIDENT, { id });
  if (incident.__typename === 'NotFoundError') throw new RecordNotFoundError((incident as { message: string }).message);
  if (incident.__typename !== 'Incident') throw new Error((incident as { message: string }).message);
  return incident as IncidentDetails;
};

/** A rapid review can be (re)sent while the Panel has not answered, or after it asked the partners to reconsider. */
export const canSendRapidReview = (i: IncidentDetails): boolean =>
  i.rapidReviewRequired && (i.status === 'NOTIFIED' || i.status === 'AMENDED' || i.status === 'RECONSIDERATION_REQUESTED');

export const incidentPage = async (ctx: PageContext) => {
  const i = await loadIncident(ctx.params.id!);
  ctx.render(labelOf(NATURES, i.nature), html`
    ${backLink('#/partnership', 'Back to dashboard')}
    <span class="govuk-caption-l">Incident ${i.id}</span>
    <h1 class="govuk-heading-l">${labelOf(NATURES, i.nature)}</h1>
    ${ctx.query.get('sent') ? html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="sent-title" data-module="govuk-notification-banner"><div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="sent-title">Success</h2></div><div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">The rapid review has been sent to the Panel.</p></div></div>` : ''}
    ${canSendRapidReview(i) ? html`<a href="#/partnership/incidents/${i.id}/rapid-review" class="govuk-button" role="button" draggable="false" data-module="govuk-button">${i.status === 'RECONSIDERATION_REQUESTED' ? 'Send the rapid review again' : 'Write the rapid review'}</a>` : ''}
    ${i.status === 'PANEL_RESPONDED' && !i.reviewIds.length ? html`<a href="#/partnership/reviews/commission?incident=${i.id}" class="govuk-button govuk-button--secondary" role="button" draggable="false" data-module="govuk-button">Commission a local review</a>` : ''}
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
      ${deadlinesTable(i)}
      ${notificationSummary(i)}
      <h2 class="govuk-heading-m">Children</h2>
      ${childrenSummary(i)}
      ${rapidReviewSummary(i)}
      ${panelResponseSummary(i)}
      ${i.reviewIds.length ? html`<h2 class="govuk-heading-m">Reviews</h2><ul class="govuk-list">${i.reviewIds.map((r) => html`<li><a class="govuk-link" href="#/partnership/reviews/${r}">Review ${r}</a></li>`)}</ul>` : ''}
    </div><div class="govuk-grid-column-one-third">${historyTimeline(i)}</div></div>
  `);
};
