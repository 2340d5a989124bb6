/** The referrer withdraws its referral before the sub-group decides, saying why (the reason is sealed in the log). */
import { backLink, errorSummary, textarea, type FieldErrors } from '../app/components';
import { formatDate } from '../app/deadline';
import { graphql, isClientError, RecordNotFoundError, rememberPosition, type ClientError } from '../app/graphql-client';
import { html } from '../app/html';
import type { PageContext } from '../app/router';
import { labelOf, NATURES } from '../app/vocabulary';
import { REFERRAL, WITHDRAW_REFERRAL } from '../operations';
import type { Referral } from './referral-vocabulary';

export const withdrawReferralPage = async (ctx: PageContext) => {
  const data = await graphql<{ referral: ({ __typename: 'Referral' } & Referral) | ClientError }>(REFERRAL, { id: ctx.params.id! });
  if (isClientError(data.referral)) throw new RecordNotFoundError(data.referral.message);
  const referral = data.referral;
  const commandId = crypto.randomUUID();
  const draw = (reason: string, errors: FieldErrors = {}, problem?: string) => {
    const main = ctx.render('Withdraw a referral', html`${backLink('#/agency/referrals', 'Back to my referrals')}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${errorSummary(errors)}
        ${problem ? html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>${problem}</strong></div>` : ''}
        <h1 class="govuk-heading-l">Withdraw a referral</h1>
        <p class="govuk-body">${labelOf(NATURES, referral.nature)}, sent ${formatDate(referral.submittedOn)}.</p>
        ${referral.status !== 'SUBMITTED'
          ? html`<p class="govuk-body">This referral can no longer be withdrawn: the review sub-group has decided it or it was withdrawn.</p>`
          : html`<form novalidate id="withdraw-form">
            ${textarea({ id: 'reason', label: 'Why are you withdrawing the referral?', value: reason, rows: 3, errors })}
            <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">Withdraw referral</button>
          </form>`}
      </div></div>`);
    main.querySelector<HTMLFormElement>('#withdraw-form')?.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
      if (!value) return draw(value, { reason: 'Enter why you are withdrawing the referral' });
      try {
        const result = (await graphql<{ withdrawReferral: { __typename: string; position?: string } | ClientError }>(WITHDRAW_REFERRAL, { input: { commandId, referralId: referral.id, reason: value } })).withdrawReferral;
        if (isClientError(result)) return draw(value, {}, result.message);
        rememberPosition(result.position);
        ctx.navigate('#/agency/referrals');
      } catch (error) {
        draw(value, {}, (error as Error).message);
      }
    });
  };
  draw('');
};
