/**
 * The review sub-group decides a referral: notify (the notification follows from the referral's facts), another
 * kind of review, or no further action with reasons. Once decided the page shows the decision and where it led.
 */
import {
  type FieldErrors,
  backLink,
  button,
  choices,
  notice,
  summaryList,
  textInput,
  textarea,
  warning,
} from '../app/components';
import { formatDate } from '../app/deadline';
import { isClientError, orErrorPage, type ClientError, type GatewayCall } from '../server/gateway-client';
import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { commandIdOf } from '../partnership/notify-page';
import { AGENCIES, labelOf, NATURES } from '../app/vocabulary';
import { DECIDE_REFERRAL, LOCAL_AUTHORITIES, REFERRAL } from '../operations';
import {
  decisionFieldIdOf,
  readDecisionForm,
  toDecisionInput,
  validateDecision,
  type DecisionValues,
} from './decision-rules';
import {
  CRITERIA_VIEWS,
  NON_STATUTORY_KINDS,
  outcomeInWords,
  REFERRAL_OUTCOMES,
  type Referral,
} from './referral-vocabulary';

const loadReferral = async (gateway: GatewayCall, id: string): Promise<Referral> => {
  const data = await gateway<{ referral: ({ __typename: 'Referral' } & Referral) | ClientError }>(REFERRAL, { id });
  return orErrorPage(data.referral);
};

export const decideReferralPage = async (ctx: PageContext) => {
  const [referral, { localAuthorities }] = await Promise.all([
    loadReferral(ctx.gateway, ctx.params.id!),
    ctx.gateway<{ localAuthorities: { code: string; name: string }[] }>(LOCAL_AUTHORITIES),
  ]);
  // Referrals carry the authority's code only: its name, for people to read, comes from the reference list.
  const localAuthorityName =
    localAuthorities.find((la) => la.code === referral.localAuthorityCode)?.name ?? 'Not known';
  const commandId = commandIdOf(ctx.form);
  const facts = summaryList([
    ['What happened', labelOf(NATURES, referral.nature)],
    ['Referred by', labelOf(AGENCIES, referral.agency)],
    ['Sent', formatDate(referral.submittedOn)],
    ['Agency became aware', formatDate(referral.becameAwareOn)],
    ['Incident date', formatDate(referral.incidentOn)],
    ['Local authority', localAuthorityName],
    ['Agency’s view of the criteria', labelOf(CRITERIA_VIEWS, referral.criteriaView)],
    ['Discussed with the designated safeguarding lead', referral.dslConsulted ? 'Yes' : 'No'],
  ]);
  const top = html`${backLink('/partnership/referrals', 'Back to referrals')}<span class="govuk-caption-l">Referral from ${labelOf(AGENCIES, referral.agency)}, sent ${formatDate(referral.submittedOn)}</span>`;

  if (referral.status !== 'SUBMITTED') {
    const d = referral.decision;
    ctx.render(
      'Referral',
      html`${top}
      ${ctx.query.get('decided') ? notice('Decision recorded', 'success') : ''}
      <h1 class="govuk-heading-l">Referral</h1>
      <p class="govuk-body" id="referral-outcome">${outcomeInWords(referral)}.</p>
      ${d?.incidentId ? html`<p class="govuk-body"><a class="govuk-link" href="/partnership/incidents/${d.incidentId}">Open the notification</a></p>` : ''}
      ${d?.reviewId ? html`<p class="govuk-body"><a class="govuk-link" href="/reviews/${d.reviewId}">Open the ${labelOf(NON_STATUTORY_KINDS, d.reviewKind).toLowerCase()}</a></p>` : ''}
      <h2 class="govuk-heading-m">The referral</h2>${facts}`,
    );
    return;
  }

  const draw = (v: DecisionValues, errors: FieldErrors = {}, problem?: string) => {
    // Not GOV.UK conditional reveals: those set aria-expanded on radio buttons, which ARIA does not allow (axe
    // fails it). Each outcome's questions sit under their own heading instead, and only the chosen one is checked.
    const followUps = html`
      <h2 class="govuk-heading-m">If you notify the Panel</h2>
      <p class="govuk-body">Who is notifying for the partnership?</p>
      ${textInput({ id: 'notifierName', label: 'Full name', value: v.notifierName, autocomplete: 'name', errors })}
      ${textInput({ id: 'notifierRole', label: 'Job title', value: v.notifierRole, autocomplete: 'organization-title', errors })}
      ${textInput({ id: 'notifierEmail', label: 'Email address', type: 'email', value: v.notifierEmail, autocomplete: 'email', errors })}
      <h2 class="govuk-heading-m">If you carry out another kind of review</h2>
      ${choices({ id: 'reviewKind', type: 'radio', label: 'Which kind of review?', options: NON_STATUTORY_KINDS, value: v.reviewKind, errors })}
      ${textInput({ id: 'reviewTitle', label: 'Title of the review (optional)', value: v.reviewTitle, errors })}
      <h2 class="govuk-heading-m">If you take no further action</h2>
      ${textarea({ id: 'reasons', label: 'Reasons for no further action', hint: 'Kept encrypted; the referrer is told the outcome, not the reasons', value: v.reasons, rows: 4, errors })}`;
    ctx.render(
      'Decide a referral',
      html`${top}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${problem ? warning(problem) : ''}
        <h1 class="govuk-heading-l">Decide a referral</h1>
        ${facts}
        <form method="post" novalidate id="decision-form">${ctx.csrf}<input type="hidden" name="commandId" value="${commandId}">
          ${choices({ id: 'outcome', type: 'radio', label: 'What has the review sub-group decided?', legendClass: 'govuk-fieldset__legend--m', options: REFERRAL_OUTCOMES, value: v.outcome, errors })}
          ${followUps}
          ${button({ text: 'Record the decision' })}
        </form>
      </div></div>`,
      { errors },
    );
  };
  if (ctx.method === 'GET') return draw(readDecisionForm(new URLSearchParams()));
  const values = readDecisionForm(ctx.form);
  const found = validateDecision(values);
  if (Object.keys(found).length) return draw(values, found);
  const data = await ctx.gateway<{ decideReferral: { __typename: string; position?: string } | ClientError }>(
    DECIDE_REFERRAL,
    { input: toDecisionInput(referral.id, values, commandId) },
  );
  const result = data.decideReferral;
  if (isClientError(result)) {
    return result.__typename === 'ValidationError' && result.field
      ? draw(values, { [decisionFieldIdOf(result.field)]: result.message })
      : draw(values, {}, result.message);
  }
  ctx.redirect(`/partnership/referrals/${referral.id}?decided=1`, result.position);
};
