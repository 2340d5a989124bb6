/**
 * A partner agency refers a case to its partnership's review sub-group: the GOV.UK question page pattern with an
 * error summary, checked on the server when sent. Nothing is kept in the browser.
 */
import {
  type FieldErrors,
  YES_NO,
  button,
  choices,
  dateInput,
  localAuthoritySelect,
  textInput,
  textarea,
  warning,
} from '../app/components';
import { todayInEngland } from '../app/dates';
import { isClientError, type ClientError } from '../server/gateway-client';
import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { AGENCIES, NATURES } from '../app/vocabulary';
import { LOCAL_AUTHORITIES, SUBMIT_REFERRAL } from '../operations';
import { childSection, commandIdOf, defaultSubmit } from '../partnership/notify-page';
import {
  emptyReferral,
  readReferralForm,
  referralFieldIdOf,
  toReferralInput,
  validateReferral,
  type ReferralValues,
} from './referral-rules';
import { CRITERIA_VIEWS } from './referral-vocabulary';

export const referPage = async (ctx: PageContext) => {
  const commandId = commandIdOf(ctx.form);

  const draw = async (v: ReferralValues, errors: FieldErrors = {}, problem?: string) => {
    const { localAuthorities } = await ctx.gateway<{ localAuthorities: { code: string; name: string }[] }>(
      LOCAL_AUTHORITIES,
    );
    ctx.render(
      'Refer a case',
      html`
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${problem ? warning(problem) : ''}
        <span class="govuk-caption-l">Partnership ${ctx.user?.partnershipName ?? ''}</span>
        <h1 class="govuk-heading-l">Refer a case to the review sub-group</h1>
        <p class="govuk-body">Refer a case when you think a child may have been seriously harmed or may have died because of abuse or neglect. Discuss it with your designated safeguarding lead first. The sub-group decides whether to notify the Panel, carry out another review or take no further action, and you will see its decision on your referrals page.</p>
        <form method="post" novalidate id="referral-form">${defaultSubmit('Send referral')}${ctx.csrf}<input type="hidden" name="commandId" value="${commandId}">
          <h2 class="govuk-heading-m">Your agency</h2>
          ${choices({ id: 'agency', type: 'radio', label: 'Which agency are you referring from?', options: AGENCIES, value: v.agency, small: true, errors })}
          <h2 class="govuk-heading-m">About the incident</h2>
          ${choices({ id: 'nature', type: 'radio', label: 'What happened?', options: NATURES, value: v.nature, errors })}
          ${localAuthoritySelect({ id: 'localAuthorityCode', label: 'Local authority where the incident happened', hint: 'Start typing its name, for example Leeds', localAuthorities, value: v.localAuthorityCode, errors })}
          ${dateInput({ id: 'becameAwareOn', label: 'When did your agency become aware of the incident?', hint: 'For example, 27 3 2026. If the Panel is notified, its 5 working days count from this date', value: v.becameAwareOn, errors })}
          ${dateInput({ id: 'incidentOn', label: 'When did the incident happen?', hint: 'For example, 25 3 2026', value: v.incidentOn, errors })}
          ${textInput({ id: 'incidentTime', label: 'Time of the incident (optional)', hint: 'On the 24-hour clock, for example 14:30', value: v.incidentTime, width: 'govuk-input--width-5', errors })}
          ${textarea({ id: 'location', label: 'Where did the incident happen?', hint: 'An address or a description of the place', value: v.location, rows: 2, errors })}
          <h2 class="govuk-heading-m">The child</h2>
          ${childSection(v.children[0]!, 0, 1, errors)}
          <h2 class="govuk-heading-m">Your referral</h2>
          ${textarea({ id: 'caseOutline', label: 'What happened', hint: 'What your agency knows, in a few paragraphs', value: v.caseOutline, rows: 6, errors })}
          ${textarea({ id: 'agencyReasons', label: 'Why is your agency referring the case?', value: v.agencyReasons, rows: 4, errors })}
          ${choices({ id: 'criteriaView', type: 'radio', label: 'Does your agency think the case meets the criteria for a review?', options: CRITERIA_VIEWS, value: v.criteriaView, errors })}
          ${choices({ id: 'dslConsulted', type: 'radio', label: 'Have you discussed the case with your designated safeguarding lead?', options: YES_NO, value: v.dslConsulted, inline: true, errors })}
          <h2 class="govuk-heading-m">Your details</h2>
          ${textInput({ id: 'notifierName', label: 'Full name', value: v.notifierName, autocomplete: 'name', errors })}
          ${textInput({ id: 'notifierRole', label: 'Job title', value: v.notifierRole, autocomplete: 'organization-title', errors })}
          ${textInput({ id: 'notifierEmail', label: 'Email address', type: 'email', value: v.notifierEmail, autocomplete: 'email', errors })}
          ${textInput({ id: 'notifierPhone', label: 'Phone number (optional)', type: 'tel', value: v.notifierPhone, autocomplete: 'tel', width: 'govuk-input--width-20', errors })}
          ${button({ text: 'Send referral' })}
        </form>
      </div></div>`,
      { errors },
    );
  };
  if (ctx.method === 'GET') return draw(emptyReferral());
  const values = readReferralForm(ctx.form);
  const found = validateReferral(values, todayInEngland());
  if (Object.keys(found).length) return draw(values, found);
  const data = await ctx.gateway<{
    submitReferral: { __typename: string; referralId?: string; position?: string } | ClientError;
  }>(SUBMIT_REFERRAL, { input: toReferralInput(values, commandId) });
  const result = data.submitReferral;
  if (isClientError(result)) {
    return result.__typename === 'ValidationError' && result.field
      ? draw(values, { [referralFieldIdOf(result.field)]: result.message })
      : draw(values, {}, result.message);
  }
  ctx.redirect(`/agency/referrals?sent=${encodeURIComponent(result.referralId ?? '')}`, result.position);
};
