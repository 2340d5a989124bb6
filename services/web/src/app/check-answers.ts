/**
 * GOV.UK "check your answers" for a statutory submission, kept in the page rather than on the server: the answers
 * travel as hidden fields of the check page's form (nothing about a child is stored between requests), and each
 * "Change" is a submit button that posts them back to the question page, which opens filled in at that question.
 * Buttons, not links, because a link could only carry the answers in its address. The question page checks the
 * answers again when they come back to be sent: hidden fields are as untrusted as any other.
 */
import { html, type Html } from './html';

export type AnswerRow = {
  question: string;
  answer: Html | string | number | null | undefined;
  /** The question's field id: "Change" opens the form at it. */
  field: string;
};

/** Every posted answer as a hidden field, except the CSRF token (the page adds its own) and the button pressed. */
export const carriedAnswers = (form: URLSearchParams): Html =>
  html`${[...form.entries()]
    .filter(([name]) => name !== '_csrf' && name !== 'action')
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}`;

const changeButton = (formAction: string, row: AnswerRow): Html =>
  html`<button type="submit" class="app-button-link" name="action" value="change" formaction="${formAction}#${row.field}">Change<span class="govuk-visually-hidden"> ${row.question.toLowerCase()}</span></button>`;

/** The Design System's summary list with a "Change" button in each row's actions cell (inside the check page's form). */
export const answersList = (formAction: string, rows: AnswerRow[]): Html =>
  html`<dl class="govuk-summary-list">${rows.map(
    (row) => html`<div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">${row.question}</dt>
      <dd class="govuk-summary-list__value">${row.answer === null || row.answer === undefined || row.answer === '' ? html`<span class="govuk-hint govuk-!-margin-0">Not given</span>` : row.answer}</dd>
      <dd class="govuk-summary-list__actions">${changeButton(formAction, row)}</dd>
    </div>`,
  )}</dl>`;
