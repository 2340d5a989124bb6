/** The Panel reads a rapid review in full and responds: agree, reconsider, national review or thematic review. */
import {
  type FieldErrors,
  backLink,
  button,
  choices,
  printLink,
  textInput,
  textarea,
  warning,
} from '../app/components';
import { formValues, str, type FormValues } from '../app/form-values';
import { isClientError, type ClientError } from '../server/gateway-client';
import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { commandIdOf } from '../partnership/notify-page';
import { is, labelOf, NATURES, PANEL_OUTCOMES } from '../app/vocabulary';
import {
  childrenSummary,
  deadlinesTable,
  historyTimeline,
  notificationSummary,
  panelResponseSummary,
  rapidReviewSummary,
} from '../incident/incident-details';
import { RESPOND_TO_RAPID_REVIEW } from '../operations';
import { loadIncident } from '../partnership/incident-page';
import { toResponseInput, validateResponse } from './respond-rules';

export const panelRapidReviewPage = async (ctx: PageContext) => {
  const incident = await loadIncident(ctx.gateway, ctx.params.id!);
  const commandId = commandIdOf(ctx.form);
  const awaiting = incident.status === 'RAPID_REVIEW_SUBMITTED';

  const draw = (v: FormValues, errors: FieldErrors = {}, problem?: string) => {
    ctx.render(
      `Rapid review: ${labelOf(NATURES, incident.nature)}`,
      html`
      ${backLink('/panel', 'Back to the queue')}
      ${problem ? warning(problem) : ''}
      <span class="govuk-caption-l">${incident.partnershipName} · incident ${incident.reference ?? ''}</span>
      <h1 class="govuk-heading-l">${labelOf(NATURES, incident.nature)}</h1>
      ${printLink()}
      ${
        is(incident.panelResponse?.outcome, 'national-review') ||
        is(incident.panelResponse?.outcome, 'national-thematic-review')
          ? button({
              href: `/panel/national-review?incident=${incident.id}`,
              text: 'Commission a national review',
              secondary: true,
            })
          : ''
      }
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${rapidReviewSummary(incident)}
        ${panelResponseSummary(incident)}
        ${
          awaiting
            ? html`<form method="post" novalidate id="respond-form">${ctx.csrf}<input type="hidden" name="commandId" value="${commandId}">
          <h2 class="govuk-heading-m">Respond</h2>
          ${choices({ id: 'outcome', type: 'radio', label: 'What is the Panel’s response?', legendClass: 'govuk-fieldset__legend--s', options: PANEL_OUTCOMES, value: str(v, 'outcome'), errors })}
          ${textInput({ id: 'thematicReviewTitle', label: 'Title of the thematic review', hint: 'Only when the case joins a national thematic review', value: str(v, 'thematicReviewTitle'), errors })}
          ${textarea({ id: 'comments', label: 'Comments to the partnership', hint: 'The Panel’s letter. Needed when you ask the partners to reconsider', value: str(v, 'comments'), rows: 6, errors, labelClass: 'govuk-label--s' })}
          ${button({ text: 'Send response' })}
        </form>`
            : ''
        }
        ${notificationSummary(incident)}
        <h2 class="govuk-heading-m">Children</h2>
        ${childrenSummary(incident)}
      </div><div class="govuk-grid-column-one-third">${deadlinesTable(incident)}${historyTimeline(incident)}</div></div>`,
      { errors },
    );
  };
  if (ctx.method === 'GET') return draw({});
  const values = formValues(ctx.form);
  const found = validateResponse(values);
  if (Object.keys(found).length) return draw(values, found);
  const data = await ctx.gateway<{ respondToRapidReview: { __typename: string; position?: string } | ClientError }>(
    RESPOND_TO_RAPID_REVIEW,
    { input: toResponseInput(incident.id, values, commandId) },
  );
  const result = data.respondToRapidReview;
  if (isClientError(result))
    return result.field
      ? draw(values, { [result.field.replace(/^input\./, '')]: result.message })
      : draw(values, {}, result.message);
  const outcome = str(values, 'outcome');
  ctx.redirect(
    outcome === 'NATIONAL_REVIEW' || outcome === 'NATIONAL_THEMATIC_REVIEW'
      ? `/panel/national-review?incident=${incident.id}`
      : '/panel?responded=1',
    result.position,
  );
};
