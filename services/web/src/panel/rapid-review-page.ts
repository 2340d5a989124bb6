/** The Panel reads a rapid review in full and responds: agree, reconsider, national review or thematic review. */
import { checkAsYouType, newCheckState } from '../app/check-as-you-type';
import { backLink, choices, errorSummary, textarea, textInput, type FieldErrors } from '../app/components';
import { formValues, str, type FormValues } from '../app/form-values';
import { graphql, isClientError, rememberPosition, type ClientError } from '../app/graphql-client';
import { html } from '../app/html';
import type { PageContext } from '../app/router';
import { is, labelOf, NATURES, PANEL_OUTCOMES } from '../app/vocabulary';
import { childrenSummary, deadlinesTable, historyTimeline, notificationSummary, panelResponseSummary, rapidReviewSummary } from '../incident/incident-details';
import { RESPOND_TO_RAPID_REVIEW } from '../operations';
import { loadIncident } from '../partnership/incident-page';
import { toResponseInput, validateResponse } from './respond-rules';

export const panelRapidReviewPage = async (ctx: PageContext) => {
  const incident = await loadIncident(ctx.params.id!);
  const commandId = crypto.randomUUID();
  const state = newCheckState();
  const awaiting = incident.status === 'RAPID_REVIEW_SUBMITTED';

  const draw = (v: FormValues, errors: FieldErrors = {}, problem?: string) => {
    const main = ctx.render(`Rapid review: ${labelOf(NATURES, incident.nature)}`, html`
      ${backLink('#/panel', 'Back to the queue')}
      ${errorSummary(errors)}
      ${problem ? html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>${problem}</strong></div>` : ''}
      <span class="govuk-caption-l">${incident.partnershipId} · incident ${incident.id}</span>
      <h1 class="govuk-heading-l">${labelOf(NATURES, incident.nature)}</h1>
      ${is(incident.panelResponse?.outcome, 'national-review') || is(incident.panelResponse?.outcome, 'national-thematic-review')
        ? html`<a class="govuk-button govuk-button--secondary" role="button" draggable="false" data-module="govuk-button" href="#/panel/national-review?incident=${incident.id}">Commission a national review</a>` : ''}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${rapidReviewSummary(incident)}
        ${panelResponseSummary(incident)}
        ${awaiting ? html`<form novalidate id="respond-form">
          <h2 class="govuk-heading-m">Respond</h2>
          ${choices({ id: 'outcome', type: 'radio', label: 'What is the Panel’s response?', legendClass: 'govuk-fieldset__legend--s', options: PANEL_OUTCOMES, value: str(v, 'outcome'), errors })}
          ${textInput({ id: 'thematicReviewTitle', label: 'Title of the thematic review', hint: 'Only when the case joins a national thematic review', value: str(v, 'thematicReviewTitle'), errors })}
          ${textarea({ id: 'comments', label: 'Comments to the partnership', hint: 'The Panel’s letter. Needed when you ask the partners to reconsider', value: str(v, 'comments'), rows: 6, errors, labelClass: 'govuk-label--s' })}
          <button type="submit" class="govuk-button" data-module="govuk-button">Send response</button>
        </form>` : ''}
        ${notificationSummary(incident)}
        <h2 class="govuk-heading-m">Children</h2>
        ${childrenSummary(incident)}
      </div><div class="govuk-grid-column-one-third">${deadlinesTable(incident)}${historyTimeline(incident)}</div></div>`);
    const form = main.querySelector<HTMLFormElement>('#respond-form');
    if (!form) return;
    checkAsYouType(form, () => validateResponse(formValues(form)), state);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      state.submitted = true;
      const values = formValues(form);
      const found = validateResponse(values);
      if (Object.keys(found).length) return draw(values, found);
      form.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled = true;
      try {
        const data = await graphql<{ respondToRapidReview: { __typename: string; position?: string } | ClientError }>(RESPOND_TO_RAPID_REVIEW, { input: toResponseInput(incident.id, values, commandId) });
        const result = data.respondToRapidReview;
        if (isClientError(result)) return result.field ? draw(values, { [result.field.replace(/^input\./, '')]: result.message }) : draw(values, {}, result.message);
        rememberPosition(result.position);
        const outcome = str(values, 'outcome');
        ctx.navigate(outcome === 'NATIONAL_REVIEW' || outcome === 'NATIONAL_THEMATIC_REVIEW' ? `#/panel/national-review?incident=${incident.id}` : '#/panel?responded=1');
      } catch (error) {
        draw(values, {}, (error as Error).message);
      }
    });
  };
  draw({});
};
