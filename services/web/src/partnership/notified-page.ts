/** The confirmation page after a notification: the reference and what happens next (GOV.UK confirmation pattern). */
import { html } from '../app/html';
import { macro } from '../server/macros';
import type { PageContext } from '../server/page';
import { loadIncident } from './incident-page';

export const notifiedPage = async (ctx: PageContext) => {
  // Read after the notification's own position (the redirect carried it), so the reference is there.
  const incident = await loadIncident(ctx.gateway, ctx.params.id!);
  const base = `/partnership/incidents/${encodeURIComponent(incident.id)}`;
  ctx.render(
    'Notification sent',
    html`
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
      ${macro('govuk', 'panel', { titleText: 'Notification sent', html: String(html`Your reference<br><strong id="incident-reference">${incident.reference ?? 'being allocated'}</strong>`) })}
      <p class="govuk-body">Quote the reference when you contact the Panel about this incident.</p>
      <h2 class="govuk-heading-m">What happens next</h2>
      <p class="govuk-body">The Panel, DfE and Ofsted have been sent the notification. Unless the incident does not need one, the safeguarding partners send a rapid review to the Panel. The Panel expects it within 15 working days (the Panel's expectation, not a statutory duty).</p>
      <ul class="govuk-list">
        <li><a class="govuk-link" href="${base}" id="view-incident">View the incident and its deadlines</a></li>
        ${incident.rapidReviewRequired ? html`<li><a class="govuk-link" href="${base}/rapid-review">Start the rapid review</a></li>` : ''}
        <li><a class="govuk-link" href="/partnership">Back to your dashboard</a></li>
      </ul>
    </div></div>`,
  );
};
