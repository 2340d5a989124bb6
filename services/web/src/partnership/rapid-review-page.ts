/**
 * The rapid review, in the sections of domain.md, on one page with a contents list, checked when sent. Sending it
 * records RapidReviewCompleted against the incident; a refusal shows the form again with what was typed.
 */
import { backLink, button, choices, textarea, textInput, type FieldErrors } from '../app/components';
import { formatDate } from '../app/deadline';
import { arr, formValues, str, type FormValues } from '../app/form-values';
import { isClientError, type ClientError } from '../server/gateway-client';
import { commandIdOf, defaultSubmit } from './notify-page';
import { html } from '../app/html';
import type { PageContext } from '../server/page';
import {
  AGENCIES,
  deadlineLabel,
  LOCAL_CRITERIA,
  LOCAL_DECISIONS,
  NATIONAL_CRITERIA,
  PARALLEL_PROCESSES,
  PARTNERS,
} from '../app/vocabulary';
import { SUBMIT_RAPID_REVIEW } from '../operations';
import { canSendRapidReview, loadIncident } from './incident-page';
import { rapidReviewFieldId, toRapidReviewInput, validateRapidReview } from './rapid-review-rules';

const SECTIONS = [
  ['section-facts', 'Facts of the case'],
  ['section-processes', 'Parallel processes'],
  ['section-agencies', 'Agencies involved'],
  ['section-practice', 'Key practice episodes'],
  ['section-lived', 'Lived experience and family context'],
  ['section-actions', 'Immediate safeguarding actions'],
  ['section-learning', 'Learning identified'],
  ['section-decision', 'Decision on a local review'],
  ['section-national', 'National criteria'],
  ['section-sign-off', 'Sign-off'],
] as const;

const heading = (id: string, n: number) =>
  html`<h2 class="govuk-heading-m" id="${id}">${n + 1}. ${SECTIONS.find(([s]) => s === id)![1]}</h2>`;

export const rapidReviewPage = async (ctx: PageContext) => {
  const incident = await loadIncident(ctx.gateway, ctx.params.id!);
  const commandId = commandIdOf(ctx.form);
  const due = incident.deadlines.find((d) => d.kind === 'rapid-review');

  const draw = (v: FormValues, errors: FieldErrors = {}, problem?: string) => {
    const text = (id: string, label: string, hint?: string, rows = 6) =>
      textarea({ id, label, value: str(v, id), rows, errors, labelClass: 'govuk-label--s', ...(hint ? { hint } : {}) });
    const agencySummaries = Object.fromEntries(
      AGENCIES.map((a) => [
        a.value,
        textarea({
          id: `agencySummary-${a.value}`,
          label: `How ${a.label.toLowerCase()} was involved`,
          value: str(v, `agencySummary-${a.value}`),
          rows: 3,
          errors,
        }),
      ]),
    );
    ctx.render(
      'Rapid review',
      html`
      ${backLink(`/partnership/incidents/${incident.id}`, 'Back to the incident')}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${problem ? html`<div class="govuk-inset-text" role="status">${problem}</div>` : ''}
        <span class="govuk-caption-l">Incident ${incident.reference ?? ''}</span>
        <h1 class="govuk-heading-l">Rapid review</h1>
        ${due ? html`<p class="govuk-body">${deadlineLabel(due.kind)} by <strong>${formatDate(due.dueOn)}</strong>.</p>` : ''}
        <nav aria-label="Sections of the rapid review"><h2 class="govuk-heading-s">Contents</h2>
          <ol class="govuk-list govuk-list--number">${SECTIONS.map(([id, title]) => html`<li><a class="govuk-link" href="#${id}">${title}</a></li>`)}</ol></nav>
        <form method="post" novalidate id="rapid-review-form">
          ${defaultSubmit('Send to the Panel')}
          ${ctx.csrf}
          <input type="hidden" name="commandId" value="${commandId}">
          ${heading('section-facts', 0)}${text('facts', 'What happened', 'The facts as the partners know them now')}
          ${heading('section-processes', 1)}
          ${choices({ id: 'parallelProcesses', type: 'checkbox', label: 'Which processes are running beside this review?', hint: 'Select all that apply', options: PARALLEL_PROCESSES, value: arr(v, 'parallelProcesses'), small: true, errors })}
          ${heading('section-agencies', 2)}
          ${choices({ id: 'agenciesInvolved', type: 'checkbox', label: 'Which agencies were involved with the child or family?', hint: 'Select all that apply and summarise each one’s involvement', options: AGENCIES, value: arr(v, 'agenciesInvolved'), conditional: agencySummaries, errors })}
          ${heading('section-practice', 3)}${text('keyPracticeEpisodes', 'Analysis of key practice episodes')}
          ${heading('section-lived', 4)}${text('livedExperience', 'The child’s lived experience and family context', 'Include racism, other inequalities and disability where relevant')}
          ${heading('section-actions', 5)}${text('immediateActions', 'Actions taken to keep children safe now')}
          ${heading('section-learning', 6)}${text('learningIdentified', 'What the partners have learned so far')}
          ${heading('section-decision', 7)}
          ${choices({ id: 'localReviewDecision', type: 'radio', label: 'Will the partners carry out a local child safeguarding practice review?', options: LOCAL_DECISIONS, value: str(v, 'localReviewDecision'), errors })}
          ${choices({ id: 'localCriteria', type: 'checkbox', label: 'Which local criteria does the case meet?', hint: 'Select all that apply', options: LOCAL_CRITERIA, value: arr(v, 'localCriteria'), small: true, errors })}
          ${text('decisionReasons', 'Reasons for the decision', 'Explain the decision against the criteria', 4)}
          ${heading('section-national', 8)}
          ${choices({ id: 'nationalCriteria', type: 'checkbox', label: 'Which national criteria may the case meet?', hint: 'The Panel reads this first. Leave all unticked if none may be met', options: NATIONAL_CRITERIA, value: arr(v, 'nationalCriteria'), small: true, errors })}
          ${heading('section-sign-off', 9)}
          ${choices({ id: 'signedOff', type: 'checkbox', label: 'Which safeguarding partners have signed off this rapid review?', options: PARTNERS, value: arr(v, 'signedOff'), errors })}
          ${PARTNERS.map((p) => textInput({ id: `signatory-${p.value}`, label: `Signing officer for the ${p.label.toLowerCase()}`, value: str(v, `signatory-${p.value}`), errors, autocomplete: 'off' }))}
          ${button({ text: 'Send to the Panel' })}
        </form>
      </div></div>`,
      { errors },
    );
  };

  if (!canSendRapidReview(incident)) {
    ctx.render(
      'Rapid review',
      html`${backLink(`/partnership/incidents/${incident.id}`, 'Back to the incident')}<h1 class="govuk-heading-l">Rapid review</h1><p class="govuk-body">This incident does not need a rapid review now.</p>`,
    );
    return;
  }
  if (ctx.method === 'GET') return draw({});
  const values = formValues(ctx.form);
  const found = validateRapidReview(values);
  if (Object.keys(found).length) return draw(values, found);
  const data = await ctx.gateway<{ submitRapidReview: { __typename: string; position?: string } | ClientError }>(
    SUBMIT_RAPID_REVIEW,
    { input: toRapidReviewInput(incident.id, values, commandId) },
  );
  const result = data.submitRapidReview;
  if (isClientError(result))
    return draw(values, { [result.field ? rapidReviewFieldId(result.field, values) : 'facts']: result.message });
  ctx.redirect(`/partnership/incidents/${incident.id}?sent=1`, result.position);
};
