/**
 * Notify an incident: one question page in sections, up to four children, checked on the server when sent
 * (GOV.UK: validate on submit, not while typing). "Add another child" and "Remove" post the form back with what
 * was typed, so the page works the same without JavaScript. Answers that pass go to "check your answers" (carried
 * in hidden fields), and only "Send notification" there notifies the Panel.
 */
import { uuidV7 } from '@cspr/database';
import { findLocalAuthority } from '@cspr/domain';
import {
  button,
  choices,
  dateInput,
  localAuthoritySelect,
  textarea,
  textInput,
  warning,
  YES_NO,
  type FieldErrors,
} from '../app/components';
import { todayInEngland } from '../app/dates';
import { isClientError, type ClientError } from '../server/gateway-client';
import { html } from '../app/html';
import { answersList, carriedAnswers, type AnswerRow } from '../app/check-answers';
import { formatDate } from '../app/deadline';
import { isoFromParts } from '../app/dates';
import { labelOf } from '../app/vocabulary';
import { LOCAL_AUTHORITIES, NOTIFY_INCIDENT } from '../operations';
import type { PageContext } from '../server/page';
import { ETHNICITIES, NATURES, PLACEMENTS, SEXES, YES_NO_NOT_KNOWN } from '../app/vocabulary';
import {
  emptyChild,
  emptyNotify,
  fieldIdOf,
  MAX_CHILDREN,
  readNotifyForm,
  toNotifyInput,
  validateNotify,
  type ChildValues,
  type NotifyValues,
} from './notify-rules';

/** One child's questions (shared with the agency referral form, which asks the same). */
export const childSection = (c: ChildValues, i: number, count: number, errors: FieldErrors) => {
  const p = `children-${i}-`;
  return html`<fieldset class="govuk-fieldset app-child" data-child="${i}">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h3 class="govuk-fieldset__heading">Child ${i + 1}</h3></legend>
    ${textInput({ id: `${p}name`, label: 'Full name', hint: 'Kept encrypted; only your partnership and the Panel can read it', value: c.name, errors, autocomplete: 'off' })}
    ${dateInput({ id: `${p}dateOfBirth`, label: 'Date of birth (if known)', hint: 'For example, 27 3 2015. Leave blank if not known and give the age instead', value: c.dateOfBirth, errors })}
    ${textInput({ id: `${p}ageInYears`, label: 'Age in years (if the date of birth is not known)', value: c.ageInYears, width: 'govuk-input--width-3', inputmode: 'numeric', errors })}
    ${choices({ id: `${p}sex`, type: 'radio', label: 'Sex', options: SEXES, value: c.sex, inline: true, errors })}
    ${choices({ id: `${p}ethnicity`, type: 'radio', label: 'Ethnic group', options: ETHNICITIES, value: c.ethnicity, small: true, errors })}
    ${choices({ id: `${p}disability`, type: 'radio', label: 'Does the child have a disability?', options: YES_NO_NOT_KNOWN, value: c.disability, inline: true, errors })}
    ${choices({ id: `${p}placement`, type: 'radio', label: 'Where was the child living at the time?', options: PLACEMENTS, value: c.placement, small: true, errors })}
    ${choices({ id: `${p}lookedAfter`, type: 'radio', label: 'Was the child looked after by a local authority?', options: YES_NO, value: c.lookedAfter, inline: true, errors })}
    ${choices({ id: `${p}childInNeedPlan`, type: 'radio', label: 'Did the child have a child in need plan?', options: YES_NO, value: c.childInNeedPlan, inline: true, errors })}
    ${choices({ id: `${p}childProtectionPlan`, type: 'radio', label: 'Did the child have a child protection plan?', options: YES_NO, value: c.childProtectionPlan, inline: true, errors })}
    ${choices({ id: `${p}knownToAgencies`, type: 'radio', label: 'Was the child known to any agency?', options: YES_NO_NOT_KNOWN, value: c.knownToAgencies, inline: true, errors })}
    ${count > 1 ? button({ text: `Remove child ${i + 1}`, secondary: true, name: 'action', value: `remove-child-${i}` }) : ''}
  </fieldset>`;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A new form's command id: a UUIDv7, so the events the command appends get time-ordered ids, which the event
 * store's unique index takes at its recent end (application event-ids.ts).
 */
export const newCommandId = (): string => uuidV7();

/** The same command id through every post of one form, so a double send or a retry notifies once. */
export const commandIdOf = (form: URLSearchParams): string => {
  const given = form.get('commandId') ?? '';
  return UUID.test(given) ? given : newCommandId();
};

/**
 * A visually hidden copy of the form's main button, first in the form: pressing Enter in a field sends the form
 * with the first submit button, which must not be "Remove child 1".
 */
export const defaultSubmit = (text: string) =>
  html`<button type="submit" class="govuk-visually-hidden" tabindex="-1" aria-hidden="true">${text}</button>`;

const draw = async (
  ctx: PageContext,
  v: NotifyValues,
  commandId: string,
  errors: FieldErrors = {},
  problem?: string,
) => {
  const { localAuthorities } = await ctx.gateway<{ localAuthorities: { code: string; name: string }[] }>(
    LOCAL_AUTHORITIES,
  );
  ctx.render(
    'Notify an incident',
    html`
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
      ${problem ? warning(problem) : ''}
      <span class="govuk-caption-l">${ctx.user?.partnershipName ?? ''}</span>
      <h1 class="govuk-heading-l">Notify the Panel of a serious incident</h1>
      <p class="govuk-body">The local authority must notify the Panel within 5 working days of becoming aware of the incident. The Panel shares every notification with DfE and Ofsted.</p>
      <form method="post" action="/partnership/notify" novalidate id="notify-form">
        ${defaultSubmit('Continue')}
        ${ctx.csrf}
        <input type="hidden" name="commandId" value="${commandId}">
        <input type="hidden" name="childCount" value="${v.children.length}">
        <h2 class="govuk-heading-m">About the incident</h2>
        ${choices({ id: 'nature', type: 'radio', label: 'What happened?', legendClass: 'govuk-fieldset__legend--s', options: NATURES, value: v.nature, errors })}
        ${localAuthoritySelect({ id: 'localAuthorityCode', label: 'Local authority where the incident happened', hint: 'Start typing its name, for example Leeds', localAuthorities, value: v.localAuthorityCode, errors })}
        ${dateInput({ id: 'becameAwareOn', label: 'When did the local authority become aware of the incident?', hint: 'For example, 27 3 2026. The 5 working days to notify count from this date', value: v.becameAwareOn, errors })}
        ${dateInput({ id: 'incidentOn', label: 'When did the incident happen?', hint: 'For example, 25 3 2026', value: v.incidentOn, errors })}
        ${textInput({ id: 'incidentTime', label: 'Time of the incident (optional)', hint: 'On the 24-hour clock, for example 14:30', value: v.incidentTime, width: 'govuk-input--width-5', errors })}
        ${textarea({ id: 'location', label: 'Where did the incident happen?', hint: 'An address or a description of the place', value: v.location, rows: 2, errors })}
        <h2 class="govuk-heading-m">Children</h2>
        <p class="govuk-body">A notification can include up to ${MAX_CHILDREN} children.</p>
        ${v.children.map((c, i) => childSection(c, i, v.children.length, errors))}
        ${v.children.length < MAX_CHILDREN ? button({ text: 'Add another child', secondary: true, name: 'action', value: 'add-child' }) : ''}
        <h2 class="govuk-heading-m">Case outline</h2>
        ${textarea({ id: 'caseOutline', label: 'Outline of the case', hint: 'What happened and what is known so far, in a few paragraphs', value: v.caseOutline, rows: 6, errors })}
        ${textarea({ id: 'supportingDocuments', label: 'Supporting documents (optional)', hint: 'The name or reference of each document, one a line', value: v.supportingDocuments, rows: 3, errors })}
        <h2 class="govuk-heading-m">Your details</h2>
        ${textInput({ id: 'notifierName', label: 'Full name', value: v.notifierName, autocomplete: 'name', errors })}
        ${textInput({ id: 'notifierRole', label: 'Job title', value: v.notifierRole, autocomplete: 'organization-title', errors })}
        ${textInput({ id: 'notifierEmail', label: 'Email address', type: 'email', value: v.notifierEmail, autocomplete: 'email', errors })}
        ${textInput({ id: 'notifierPhone', label: 'Phone number (optional)', type: 'tel', value: v.notifierPhone, autocomplete: 'tel', width: 'govuk-input--width-20', errors })}
        ${button({ text: 'Continue' })}
      </form>
    </div></div>`,
    { errors },
  );
};

const dateAnswer = (parts: NotifyValues['becameAwareOn']) => formatDate(isoFromParts(parts));
const yesNo = (value: string) => labelOf(YES_NO, value);

/** The answers in words, each row's "Change" opening the form at its question. */
export const notificationAnswers = (
  v: NotifyValues,
  authorityName: string,
): { heading: string; rows: AnswerRow[] }[] => [
  {
    heading: 'About the incident',
    rows: [
      { question: 'What happened', answer: labelOf(NATURES, v.nature), field: 'nature' },
      { question: 'Local authority', answer: authorityName, field: 'localAuthorityCode' },
      { question: 'Became aware', answer: dateAnswer(v.becameAwareOn), field: 'becameAwareOn' },
      { question: 'Incident date', answer: dateAnswer(v.incidentOn), field: 'incidentOn' },
      { question: 'Time of the incident', answer: v.incidentTime.trim(), field: 'incidentTime' },
      { question: 'Where', answer: v.location.trim(), field: 'location' },
    ],
  },
  ...v.children.map((c, i) => {
    const p = `children-${i}-`;
    return {
      heading: `Child ${i + 1}`,
      rows: [
        { question: 'Full name', answer: c.name.trim(), field: `${p}name` },
        {
          question: 'Date of birth or age',
          answer: isoFromParts(c.dateOfBirth)
            ? dateAnswer(c.dateOfBirth)
            : c.ageInYears.trim()
              ? `${c.ageInYears.trim()} years`
              : '',
          field: isoFromParts(c.dateOfBirth) ? `${p}dateOfBirth` : `${p}ageInYears`,
        },
        { question: 'Sex', answer: labelOf(SEXES, c.sex), field: `${p}sex` },
        { question: 'Ethnic group', answer: labelOf(ETHNICITIES, c.ethnicity), field: `${p}ethnicity` },
        { question: 'Disability', answer: labelOf(YES_NO_NOT_KNOWN, c.disability), field: `${p}disability` },
        { question: 'Living', answer: labelOf(PLACEMENTS, c.placement), field: `${p}placement` },
        { question: 'Looked after', answer: yesNo(c.lookedAfter), field: `${p}lookedAfter` },
        { question: 'Child in need plan', answer: yesNo(c.childInNeedPlan), field: `${p}childInNeedPlan` },
        { question: 'Child protection plan', answer: yesNo(c.childProtectionPlan), field: `${p}childProtectionPlan` },
        {
          question: 'Known to agencies',
          answer: labelOf(YES_NO_NOT_KNOWN, c.knownToAgencies),
          field: `${p}knownToAgencies`,
        },
      ],
    };
  }),
  {
    heading: 'Case outline',
    rows: [
      {
        question: 'Outline of the case',
        answer: html`<div class="app-pre">${v.caseOutline.trim()}</div>`,
        field: 'caseOutline',
      },
      {
        question: 'Supporting documents',
        answer: v.supportingDocuments.trim() ? html`<div class="app-pre">${v.supportingDocuments.trim()}</div>` : '',
        field: 'supportingDocuments',
      },
    ],
  },
  {
    heading: 'Your details',
    rows: [
      { question: 'Full name', answer: v.notifierName.trim(), field: 'notifierName' },
      { question: 'Job title', answer: v.notifierRole.trim(), field: 'notifierRole' },
      { question: 'Email address', answer: v.notifierEmail.trim(), field: 'notifierEmail' },
      { question: 'Phone number', answer: v.notifierPhone.trim(), field: 'notifierPhone' },
    ],
  },
];

const checkAnswers = async (ctx: PageContext, v: NotifyValues) => {
  const code = v.localAuthorityCode.trim().toUpperCase();
  // The 153 names are reference data the web already has: no call to the gateway to word one code.
  const authorityName = findLocalAuthority(code)?.name;
  ctx.render(
    'Check your answers before sending the notification',
    html`
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
      <span class="govuk-caption-l">${ctx.user?.partnershipName ?? ''}</span>
      <h1 class="govuk-heading-l">Check your answers before sending the notification</h1>
      <form method="post" action="/partnership/notify" novalidate id="check-notification">
        ${ctx.csrf}
        ${carriedAnswers(ctx.form)}
        ${notificationAnswers(v, authorityName ?? 'Not a local authority in England').map(
          (section) =>
            html`<h2 class="govuk-heading-m">${section.heading}</h2>${answersList('/partnership/notify', section.rows)}`,
        )}
        <h2 class="govuk-heading-m">Now send the notification</h2>
        <p class="govuk-body">By sending it you confirm that, to the best of your knowledge, the details are correct. The Panel shares every notification with DfE and Ofsted.</p>
        ${button({ text: 'Send notification', name: 'action', value: 'send' })}
      </form>
    </div></div>`,
  );
};

/** How many children the posted form had (1 to 4, whatever was posted). */
export const childCountOf = (form: URLSearchParams): number =>
  Math.min(MAX_CHILDREN, Math.max(1, Number(form.get('childCount')) || 1));

export const notifyPage = async (ctx: PageContext) => {
  if (ctx.method === 'GET') return draw(ctx, emptyNotify(), newCommandId());
  const commandId = commandIdOf(ctx.form);
  const values = readNotifyForm(ctx.form, childCountOf(ctx.form));
  const action = ctx.form.get('action') ?? '';
  if (action === 'add-child' && values.children.length < MAX_CHILDREN)
    return draw(ctx, { ...values, children: [...values.children, emptyChild()] }, commandId);
  const removed = /^remove-child-(\d)$/.exec(action);
  if (removed)
    return draw(ctx, { ...values, children: values.children.filter((_, i) => i !== Number(removed[1])) }, commandId);
  if (action === 'change') return draw(ctx, values, commandId);
  const found = validateNotify(values, todayInEngland());
  if (Object.keys(found).length) return draw(ctx, values, commandId, found);
  if (action !== 'send') return checkAnswers(ctx, values);
  const data = await ctx.gateway<{
    notifyIncident: { __typename: string; incidentId?: string; position?: string } | ClientError;
  }>(NOTIFY_INCIDENT, { input: toNotifyInput(values, commandId) });
  const result = data.notifyIncident;
  if (isClientError(result)) {
    return result.__typename === 'ValidationError' && result.field
      ? draw(ctx, values, commandId, { [fieldIdOf(result.field)]: result.message })
      : draw(ctx, values, commandId, {}, result.message);
  }
  ctx.redirect(`/partnership/notified/${result.incidentId}`, result.position);
};
