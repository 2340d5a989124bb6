/** Notify an incident: one question page in sections, checked as the user types, up to four children. */
import { checkAsYouType, newCheckState } from '../app/check-as-you-type';
import { choices, dateInput, errorSummary, textarea, textInput, YES_NO, type FieldErrors } from '../app/components';
import { todayInEngland } from '../app/dates';
import { graphql, isClientError, rememberPosition, type ClientError } from '../app/graphql-client';
import { html } from '../app/html';
import { NOTIFY_INCIDENT } from '../operations';
import type { PageContext } from '../app/router';
import { ETHNICITIES, NATURES, PLACEMENTS, SEXES, YES_NO_NOT_KNOWN } from '../app/vocabulary';
import { emptyChild, emptyNotify, fieldIdOf, MAX_CHILDREN, readNotifyForm, toNotifyInput, validateNotify, type ChildValues, type NotifyValues } from './notify-rules';

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
    ${count > 1 ? html`<button type="button" class="govuk-button govuk-button--secondary" data-remove-child="${i}">Remove child ${i + 1}</button>` : ''}
  </fieldset>`;
};

export const notifyPage = (ctx: PageContext) => {
  const commandId = crypto.randomUUID();
  const state = newCheckState();

  const draw = (v: NotifyValues, errors: FieldErrors = {}, problem?: string) => {
    const main = ctx.render('Notify an incident', html`
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${errorSummary(errors)}
        ${problem ? html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>${problem}</strong></div>` : ''}
        <span class="govuk-caption-l">Partnership ${ctx.session?.partnershipId ?? ''}</span>
        <h1 class="govuk-heading-l">Notify the Panel of a serious incident</h1>
        <p class="govuk-body">The local authority must notify the Panel within 5 working days of becoming aware of the incident. The Panel shares every notification with DfE and Ofsted.</p>
        <form novalidate id="notify-form">
          <h2 class="govuk-heading-m">About the incident</h2>
          ${choices({ id: 'nature', type: 'radio', label: 'What happened?', legendClass: 'govuk-fieldset__legend--s', options: NATURES, value: v.nature, errors })}
          ${textInput({ id: 'localAuthorityCode', label: 'Local authority where the incident happened', hint: 'Its code, for example E08000035 for Leeds', value: v.localAuthorityCode, width: 'govuk-input--width-10', errors })}
          ${dateInput({ id: 'becameAwareOn', label: 'When did the local authority become aware of the incident?', hint: 'For example, 27 3 2026. The 5 working days to notify count from this date', value: v.becameAwareOn, errors })}
          ${dateInput({ id: 'incidentOn', label: 'When did the incident happen?', hint: 'For example, 25 3 2026', value: v.incidentOn, errors })}
          ${textInput({ id: 'incidentTime', label: 'Time of the incident (optional)', hint: 'On the 24-hour clock, for example 14:30', value: v.incidentTime, width: 'govuk-input--width-5', errors })}
          ${textarea({ id: 'location', label: 'Where did the incident happen?', hint: 'An address or a description of the place', value: v.location, rows: 2, errors })}
          <h2 class="govuk-heading-m">Children</h2>
          <p class="govuk-body">A notification can include up to ${MAX_CHILDREN} children.</p>
          ${v.children.map((c, i) => childSection(c, i, v.children.length, errors))}
          ${v.children.length < MAX_CHILDREN ? html`<button type="button" class="govuk-button govuk-button--secondary" id="add-child">Add another child</button>` : ''}
          <h2 class="govuk-heading-m">Case outline</h2>
          ${textarea({ id: 'caseOutline', label: 'Outline of the case', hint: 'What happened and what is known so far, in a few paragraphs', value: v.caseOutline, rows: 6, errors })}
          ${textarea({ id: 'supportingDocuments', label: 'Supporting documents (optional)', hint: 'The name or reference of each document, one a line', value: v.supportingDocuments, rows: 3, errors })}
          <h2 class="govuk-heading-m">Your details</h2>
          ${textInput({ id: 'notifierName', label: 'Full name', value: v.notifierName, autocomplete: 'name', errors })}
          ${textInput({ id: 'notifierRole', label: 'Job title', value: v.notifierRole, autocomplete: 'organization-title', errors })}
          ${textInput({ id: 'notifierEmail', label: 'Email address', type: 'email', value: v.notifierEmail, autocomplete: 'email', errors })}
          ${textInput({ id: 'notifierPhone', label: 'Phone number (optional)', type: 'tel', value: v.notifierPhone, autocomplete: 'tel', width: 'govuk-input--width-20', errors })}
          <button type="submit" class="govuk-button" data-module="govuk-button">Send notification</button>
        </form>
      </div></div>`);
    const form = main.querySelector<HTMLFormElement>('#notify-form')!;
    const current = () => readNotifyForm(new FormData(form), form.querySelectorAll('[data-child]').length);
    checkAsYouType(form, () => validateNotify(current(), todayInEngland()), state);
    form.querySelector('#add-child')?.addEventListener('click', () => {
      const values = current();
      draw({ ...values, children: [...values.children, emptyChild()] }, state.submitted ? validateNotify(values, todayInEngland()) : {});
      main.querySelector<HTMLInputElement>(`#children-${values.children.length}-name`)?.focus();
    });
    form.querySelectorAll<HTMLButtonElement>('[data-remove-child]').forEach((button) => button.addEventListener('click', () => {
      const values = current();
      draw({ ...values, children: values.children.filter((_, i) => i !== Number(button.dataset.removeChild)) });
      main.querySelector<HTMLInputElement>('#children-0-name')?.focus();
    }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      state.submitted = true;
      const values = current();
      const found = validateNotify(values, todayInEngland());
      if (Object.keys(found).length) return draw(values, found);
      const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
      button.disabled = true;
      try {
        const data = await graphql<{ notifyIncident: { __typename: string; incidentId?: string; position?: string } | ClientError }>(NOTIFY_INCIDENT, { input: toNotifyInput(values, commandId) });
        const result = data.notifyIncident;
        if (isClientError(result)) {
          return result.__typename === 'ValidationError' && result.field
            ? draw(values, { [fieldIdOf(result.field)]: result.message })
            : draw(values, {}, result.message);
        }
        rememberPosition(result.position);
        ctx.navigate(`#/partnership/notified/${result.incidentId}`);
      } catch (error) {
        draw(values, {}, (error as Error).message);
      }
    });
  };
  draw(emptyNotify());
};
