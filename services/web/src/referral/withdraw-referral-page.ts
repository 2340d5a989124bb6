/** The referrer withdraws its referral before the sub-group decides, saying why (the reason is sealed in the log). */
import { type FieldErrors, backLink, button, textarea, warning } from '../app/components';
import { formatDate } from '../app/deadline';
import { isClientError, orErrorPage, type ClientError } from '../server/gateway-client';
import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { commandIdOf } from '../partnership/notify-page';
import { labelOf, NATURES } from '../app/vocabulary';
import { REFERRAL, WITHDRAW_REFERRAL } from '../operations';
import type { Referral } from './referral-vocabulary';

export const withdrawReferralPage = async (ctx: PageContext) => {
  const data = await ctx.gateway<{ referral: ({ __typename: 'Referral' } & Referral) | ClientError }>(REFERRAL, {
    id: ctx.params.id!,
  });
  const referral = orErrorPage(data.referral);
  const commandId = commandIdOf(ctx.form);
  const draw = (reason: string, errors: FieldErrors = {}, problem?: string) => {
    ctx.render(
      'Withdraw a referral',
      html`${backLink('/agency/referrals', 'Back to my referrals')}
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            ${problem ? warning(problem) : ''}
            <h1 class="govuk-heading-l">Withdraw a referral</h1>
            <p class="govuk-body">${labelOf(NATURES, referral.nature)}, sent ${formatDate(referral.submittedOn)}.</p>
            ${
              referral.status !== 'SUBMITTED'
                ? html`<p class="govuk-body">
                    This referral can no longer be withdrawn: the review sub-group has decided it or it was withdrawn.
                  </p>`
                : html`<form method="post" novalidate id="withdraw-form">
                    ${ctx.csrf}<input type="hidden" name="commandId" value="${commandId}" />
                    ${textarea({ id: 'reason', label: 'Why are you withdrawing the referral?', value: reason, rows: 3, errors })}
                    ${button({ text: 'Withdraw referral', warning: true })}
                  </form>`
            }
          </div>
        </div>`,
      { errors },
    );
  };
  if (ctx.method === 'GET' || referral.status !== 'SUBMITTED') return draw('');
  const reason = (ctx.form.get('reason') ?? '').trim();
  if (!reason) return draw(reason, { reason: 'Enter why you are withdrawing the referral' });
  const result = (
    await ctx.gateway<{ withdrawReferral: { __typename: string; position?: string } | ClientError }>(
      WITHDRAW_REFERRAL,
      { input: { commandId, referralId: referral.id, reason } },
    )
  ).withdrawReferral;
  if (isClientError(result)) return draw(reason, {}, result.message);
  ctx.redirect('/agency/referrals', result.position);
};
