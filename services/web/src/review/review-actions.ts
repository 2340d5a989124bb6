/**
 * What can be done to a review, one small form each: appoint the reviewer, delay publication (with the reason),
 * send the final report, publish with its documents, record action plan progress, close. Each says when it
 * applies, its fields, its rules in plain words and its GraphQL input.
 */
import { type FieldErrors, YES_NO, choices, dateInput, select, textInput, textarea } from '../app/components';
import { checkDate, isoFromParts, todayInEngland, type DateParts } from '../app/dates';
import { arr, str, type FormValues } from '../app/form-values';
import { html, type Html } from '../app/html';
import { macro } from '../server/macros';
import type { AnswerRow } from '../app/check-answers';
import { formatDate } from '../app/deadline';
import { labelOf } from '../app/vocabulary';
import {
  ACTION_STATUSES,
  CLOSE_REASONS,
  DELAY_REASONS,
  DOCUMENT_KINDS,
  PUBLICATION_KINDS,
  RECIPIENTS,
  REVIEW_MODELS,
} from '../app/vocabulary';
import {
  APPOINT_REVIEWER,
  CLOSE_REVIEW,
  DELAY_PUBLICATION,
  PUBLISH_REPORT,
  RECORD_ACTION_PLAN_PROGRESS,
  SUBMIT_FINAL_REPORT,
} from '../operations';

export type ReviewState = { status: string; kind: string; hasReviewer: boolean };

export type ReviewAction = {
  id: string;
  title: string;
  mutation: string;
  resultKey: string;
  appliesTo: (review: ReviewState) => boolean;
  fields: (v: FormValues, errors: FieldErrors) => Html;
  validate: (v: FormValues) => FieldErrors;
  toInput: (v: FormValues) => Record<string, unknown>;
  /**
   * Statutory submissions (the final report, the publication) go through "check your answers" first: the answers
   * in words, each with its field for "Change", and the words on the button that sends them.
   */
  check?: { answers: (v: FormValues) => AnswerRow[]; send: string };
};

export const MAX_DOCUMENTS = 5;
export const MAX_ACTIONS = 6;

const dateOf = (v: FormValues, id: string): DateParts => ({
  day: str(v, `${id}-day`),
  month: str(v, `${id}-month`),
  year: str(v, `${id}-year`),
});
const blankDate = (v: FormValues, id: string) =>
  !`${str(v, `${id}-day`)}${str(v, `${id}-month`)}${str(v, `${id}-year`)}`.trim();
const futureDate = (v: FormValues, id: string, what: string): string | undefined => {
  if (blankDate(v, id)) return undefined;
  const iso = isoFromParts(dateOf(v, id));
  if (!iso) return `${what} must be a real date, for example 27 3 2027`;
  return iso < todayInEngland() ? `${what} must be today or in the future` : undefined;
};
const optionalDate = (v: FormValues, id: string) => (blankDate(v, id) ? {} : { [id]: isoFromParts(dateOf(v, id)) });
const items = (text: string) =>
  text
    .split(/\n|;/)
    .map((t) => t.trim())
    .filter(Boolean);
const wordList = (words: string[]) =>
  words.length ? html`<ul class="govuk-list">${words.map((w) => html`<li>${w}</li>`)}</ul>` : '';
const open = (s: string) => s !== 'PUBLISHED' && s !== 'CLOSED' && s !== 'FINAL_REPORT_SUBMITTED';

const documentRows = (v: FormValues) =>
  Array.from({ length: MAX_DOCUMENTS }, (_, i) => i).filter(
    (i) =>
      str(v, `document-${i}-title`).trim() ||
      str(v, `document-${i}-address`).trim() ||
      str(v, `document-${i}-checksum`) ||
      str(v, `document-${i}-file-error`),
  );
const actionRows = (v: FormValues) =>
  Array.from({ length: MAX_ACTIONS }, (_, i) => i).filter((i) => str(v, `action-${i}-description`).trim());

export const REVIEW_ACTIONS: ReviewAction[] = [
  {
    id: 'appoint',
    title: 'Appoint the independent reviewer',
    mutation: APPOINT_REVIEWER,
    resultKey: 'appointReviewer',
    appliesTo: (r) => open(r.status),
    fields: (
      v,
      errors,
    ) => html`${textInput({ id: 'reviewerName', label: 'Reviewer’s full name', hint: 'Reviewers are named publicly in reports', value: str(v, 'reviewerName'), errors })}
      ${textInput({ id: 'organisation', label: 'Organisation (optional)', value: str(v, 'organisation'), errors })}`,
    validate: (v): FieldErrors =>
      str(v, 'reviewerName').trim() ? {} : { reviewerName: 'Enter the reviewer’s full name' },
    toInput: (v) => ({
      reviewerName: str(v, 'reviewerName').trim(),
      ...(str(v, 'organisation').trim() ? { organisation: str(v, 'organisation').trim() } : {}),
    }),
  },
  {
    id: 'delay',
    title: 'Record a delay to publication',
    mutation: DELAY_PUBLICATION,
    resultKey: 'delayPublication',
    appliesTo: (r) => r.status !== 'PUBLISHED' && r.status !== 'CLOSED',
    fields: (
      v,
      errors,
    ) => html`${choices({ id: 'reason', type: 'radio', label: 'Why is publication delayed?', options: DELAY_REASONS, value: str(v, 'reason'), errors })}
      ${textarea({ id: 'explanation', label: 'Explain the delay', hint: 'The reasons go to the Panel', value: str(v, 'explanation'), rows: 3, errors })}
      ${dateInput({ id: 'expectedPublicationOn', label: 'Expected publication date (if known)', value: dateOf(v, 'expectedPublicationOn'), errors })}
      ${choices({ id: 'panelInformed', type: 'radio', label: 'Has the Panel been told?', options: YES_NO, value: str(v, 'panelInformed'), inline: true, errors })}`,
    validate: (v) => {
      const e: FieldErrors = {};
      if (!str(v, 'reason')) e.reason = 'Select why publication is delayed';
      if (!str(v, 'explanation').trim()) e.explanation = 'Explain the delay';
      const date = futureDate(v, 'expectedPublicationOn', 'The expected publication date');
      if (date) e.expectedPublicationOn = date;
      if (!str(v, 'panelInformed')) e.panelInformed = 'Select whether the Panel has been told';
      return e;
    },
    toInput: (v) => ({
      reason: str(v, 'reason'),
      explanation: str(v, 'explanation').trim(),
      panelInformed: str(v, 'panelInformed') === 'true',
      ...optionalDate(v, 'expectedPublicationOn'),
    }),
  },
  {
    id: 'final-report',
    title: 'Send the final report',
    mutation: SUBMIT_FINAL_REPORT,
    resultKey: 'submitFinalReport',
    appliesTo: (r) => open(r.status) && r.hasReviewer,
    fields: (
      v,
      errors,
    ) => html`${choices({ id: 'recipients', type: 'checkbox', label: 'Who has the final report been sent to?', hint: 'It must reach them at least 7 working days before publication', options: RECIPIENTS, value: arr(v, 'recipients'), errors })}
      ${dateInput({ id: 'plannedPublicationOn', label: 'Planned publication date (optional)', value: dateOf(v, 'plannedPublicationOn'), errors })}`,
    validate: (v) => {
      const e: FieldErrors = {};
      if (!arr(v, 'recipients').length) e.recipients = 'Select who the final report was sent to';
      const date = futureDate(v, 'plannedPublicationOn', 'The planned publication date');
      if (date) e.plannedPublicationOn = date;
      return e;
    },
    toInput: (v) => ({ recipients: arr(v, 'recipients'), ...optionalDate(v, 'plannedPublicationOn') }),
    check: {
      send: 'Confirm the final report was sent',
      answers: (v) => [
        {
          question: 'Sent to',
          answer: wordList(arr(v, 'recipients').map((r) => labelOf(RECIPIENTS, r))),
          field: 'recipients',
        },
        {
          question: 'Planned publication date',
          answer: formatDate(isoFromParts(dateOf(v, 'plannedPublicationOn'))),
          field: 'plannedPublicationOn',
        },
      ],
    },
  },
  {
    id: 'publish',
    title: 'Record the publication',
    mutation: PUBLISH_REPORT,
    resultKey: 'publishReport',
    appliesTo: (r) => r.status === 'FINAL_REPORT_SUBMITTED',
    fields: (
      v,
      errors,
    ) => html`${dateInput({ id: 'publishedOn', label: 'Date published', value: dateOf(v, 'publishedOn'), errors })}
      ${choices({ id: 'publication', type: 'radio', label: 'What was published?', options: PUBLICATION_KINDS, value: str(v, 'publication'), errors })}
      ${select({ id: 'reviewModel', label: 'Review model', options: REVIEW_MODELS, value: str(v, 'reviewModel'), placeholder: 'Choose a model', errors })}
      ${textarea({ id: 'summary', label: 'Summary', hint: 'Pseudonymised, as in the NSPCC record', value: str(v, 'summary'), rows: 4, errors })}
      ${textarea({ id: 'learningThemes', label: 'Learning themes', hint: 'One a line, for example neglect', value: str(v, 'learningThemes'), rows: 3, errors })}
      ${textarea({ id: 'recommendations', label: 'Recommendations', hint: 'One a line', value: str(v, 'recommendations'), rows: 3, errors })}
      ${textarea({ id: 'keywords', label: 'Keywords (optional)', hint: 'One a line', value: str(v, 'keywords'), rows: 2, errors })}
      <h4 class="govuk-heading-s">Documents</h4>
      <p class="govuk-body-s">Choose each published file: the service keeps it and serves it on your public page of reviews after publication. Give a web address only if the file is published elsewhere as well.</p>
      ${Array.from(
        { length: MAX_DOCUMENTS },
        (
          _,
          i,
        ) => html`<fieldset class="govuk-fieldset app-child"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Document ${i + 1}${i ? ' (optional)' : ''}</legend>
        ${select({ id: `document-${i}-kind`, label: 'Kind', options: DOCUMENT_KINDS, value: str(v, `document-${i}-kind`) || 'OVERVIEW_REPORT', errors })}
        ${textInput({ id: `document-${i}-title`, label: 'Title', value: str(v, `document-${i}-title`), errors })}
        ${macro('govuk', 'file-upload', { id: `document-${i}-file`, name: `document-${i}-file`, label: { text: 'Published file' }, hint: { text: 'PDF, Word or OpenDocument text, up to 50 MB' }, errorMessage: errors[`document-${i}-file`] ? { text: errors[`document-${i}-file`] } : false })}
        ${str(v, `document-${i}-checksum`) ? html`<input type="hidden" name="document-${i}-checksum" value="${str(v, `document-${i}-checksum`)}"><input type="hidden" name="document-${i}-stored-address" value="${str(v, `document-${i}-stored-address`)}"><p class="govuk-body-s">File received (fingerprint ${str(v, `document-${i}-checksum`).slice(0, 12)}…); choose the file again only to replace it.</p>` : ''}
        ${textInput({ id: `document-${i}-address`, label: 'Web address (optional)', hint: 'Only if the file is also published elsewhere, starting https://', type: 'url', value: str(v, `document-${i}-address`), errors })}
      </fieldset>`,
      )}`,
    validate: (v) => {
      const e: FieldErrors = {};
      const published = checkDate(dateOf(v, 'publishedOn'), 'the date published', todayInEngland());
      if (published) e.publishedOn = published;
      if (!str(v, 'publication')) e.publication = 'Select what was published';
      if (!str(v, 'reviewModel')) e.reviewModel = 'Choose the review model';
      if (!str(v, 'summary').trim()) e.summary = 'Enter a summary of the report';
      if (!items(str(v, 'learningThemes')).length) e.learningThemes = 'Enter at least one learning theme';
      const rows = documentRows(v);
      if (!rows.length) e['document-0-title'] = 'Give at least one published document';
      for (const i of rows) {
        if (!str(v, `document-${i}-title`).trim()) e[`document-${i}-title`] = `Enter the title of document ${i + 1}`;
        const address = str(v, `document-${i}-address`).trim();
        if (address && !/^https:\/\/\S+$/.test(address))
          e[`document-${i}-address`] =
            `Enter the web address of document ${i + 1} starting https://, or leave it empty`;
        if (str(v, `document-${i}-file-error`))
          e[`document-${i}-file`] = `Document ${i + 1}: ${str(v, `document-${i}-file-error`)}`;
        else if (!/^[0-9a-f]{64}$/.test(str(v, `document-${i}-checksum`)))
          e[`document-${i}-file`] = `Choose the published file of document ${i + 1}`;
      }
      return e;
    },
    toInput: (v) => ({
      publishedOn: isoFromParts(dateOf(v, 'publishedOn')),
      publication: str(v, 'publication'),
      reviewModel: str(v, 'reviewModel'),
      summary: str(v, 'summary').trim(),
      learningThemes: items(str(v, 'learningThemes')),
      recommendations: items(str(v, 'recommendations')),
      keywords: items(str(v, 'keywords')),
      documents: documentRows(v).map((i) => ({
        kind: str(v, `document-${i}-kind`),
        title: str(v, `document-${i}-title`).trim(),
        address: str(v, `document-${i}-address`).trim() || str(v, `document-${i}-stored-address`),
        checksum: str(v, `document-${i}-checksum`),
      })),
    }),
    check: {
      send: 'Confirm the publication',
      answers: (v) => [
        {
          question: 'Date published',
          answer: formatDate(isoFromParts(dateOf(v, 'publishedOn'))),
          field: 'publishedOn',
        },
        {
          question: 'What was published',
          answer: labelOf(PUBLICATION_KINDS, str(v, 'publication')),
          field: 'publication',
        },
        { question: 'Review model', answer: labelOf(REVIEW_MODELS, str(v, 'reviewModel')), field: 'reviewModel' },
        { question: 'Summary', answer: html`<div class="app-pre">${str(v, 'summary').trim()}</div>`, field: 'summary' },
        { question: 'Learning themes', answer: wordList(items(str(v, 'learningThemes'))), field: 'learningThemes' },
        { question: 'Recommendations', answer: wordList(items(str(v, 'recommendations'))), field: 'recommendations' },
        { question: 'Keywords', answer: wordList(items(str(v, 'keywords'))), field: 'keywords' },
        {
          question: 'Documents',
          answer: wordList(
            documentRows(v).map(
              (i) =>
                `${labelOf(DOCUMENT_KINDS, str(v, `document-${i}-kind`))}: ${str(v, `document-${i}-title`).trim()}`,
            ),
          ),
          field: 'document-0-title',
        },
      ],
    },
  },
  {
    id: 'action-plan',
    title: 'Record action plan progress',
    mutation: RECORD_ACTION_PLAN_PROGRESS,
    resultKey: 'recordActionPlanProgress',
    appliesTo: (r) => r.status === 'PUBLISHED',
    fields: (
      v,
      errors,
    ) => html`<p class="govuk-body-s">Record every action of the plan with its current status. Leave unused rows empty.</p>
      ${Array.from(
        { length: MAX_ACTIONS },
        (
          _,
          i,
        ) => html`<fieldset class="govuk-fieldset app-child"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Action ${i + 1}</legend>
        ${textInput({ id: `action-${i}-description`, label: 'What will be done', value: str(v, `action-${i}-description`), errors })}
        ${textInput({ id: `action-${i}-owner`, label: 'Who owns it', value: str(v, `action-${i}-owner`), errors })}
        ${dateInput({ id: `action-${i}-dueOn`, label: 'Due (optional)', value: dateOf(v, `action-${i}-dueOn`), errors })}
        ${select({ id: `action-${i}-status`, label: 'Status', options: ACTION_STATUSES, value: str(v, `action-${i}-status`) || 'NOT_STARTED', errors })}
      </fieldset>`,
      )}`,
    validate: (v) => {
      const e: FieldErrors = {};
      const rows = actionRows(v);
      if (!rows.length) e['action-0-description'] = 'Describe at least one action';
      for (const i of rows) {
        if (!str(v, `action-${i}-owner`).trim()) e[`action-${i}-owner`] = `Enter who owns action ${i + 1}`;
        if (!blankDate(v, `action-${i}-dueOn`) && !isoFromParts(dateOf(v, `action-${i}-dueOn`)))
          e[`action-${i}-dueOn`] = `The due date of action ${i + 1} must be a real date`;
      }
      return e;
    },
    toInput: (v) => ({
      actions: actionRows(v).map((i) => ({
        actionRef: `A${i + 1}`,
        description: str(v, `action-${i}-description`).trim(),
        owner: str(v, `action-${i}-owner`).trim(),
        status: str(v, `action-${i}-status`),
        ...(blankDate(v, `action-${i}-dueOn`) ? {} : { dueOn: isoFromParts(dateOf(v, `action-${i}-dueOn`)) }),
      })),
    }),
  },
  {
    id: 'close',
    title: 'Close the review',
    mutation: CLOSE_REVIEW,
    resultKey: 'closeReview',
    appliesTo: (r) => r.status !== 'CLOSED',
    fields: (v, errors) =>
      choices({
        id: 'closeReason',
        type: 'radio',
        label: 'Why is the review closing?',
        options: CLOSE_REASONS,
        value: str(v, 'closeReason'),
        errors,
      }),
    validate: (v): FieldErrors => (str(v, 'closeReason') ? {} : { closeReason: 'Select why the review is closing' }),
    toInput: (v) => ({ reason: str(v, 'closeReason') }),
  },
];
