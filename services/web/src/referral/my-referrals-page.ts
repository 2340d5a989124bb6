/** A partner agency's own referrals, newest first, each with the outcome the sub-group decided. */
import { notice, table } from '../app/components';
import { formatDate } from '../app/deadline';

import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { AGENCIES, labelOf, NATURES } from '../app/vocabulary';
import { REFERRALS } from '../operations';
import { outcomeInWords, REFERRAL_STATUSES, type Referral } from './referral-vocabulary';

export type ReferralsData = {
  referrals: { edges: { node: Referral }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
};

const statusTag = (status: string) =>
  html`<strong class="govuk-tag ${status === 'SUBMITTED' ? 'govuk-tag--blue' : status === 'DECIDED' ? 'govuk-tag--green' : 'govuk-tag--grey'}">${labelOf(REFERRAL_STATUSES, status)}</strong>`;

export const myReferralsPage = async (ctx: PageContext) => {
  const data = await ctx.gateway<ReferralsData>(REFERRALS);
  const referrals = data.referrals.edges.map((e) => e.node);
  const sent = ctx.query.get('sent');
  ctx.render(
    'My referrals',
    html`
    ${sent ? notice('Referral sent to the review sub-group', 'success') : ''}
    <span class="govuk-caption-l">Partnership ${ctx.user?.partnershipName ?? ''}</span>
    <h1 class="govuk-heading-l">My referrals</h1>
    <a href="/agency/refer" class="govuk-button" role="button" draggable="false" >Refer a case</a>
    ${
      referrals.length === 0
        ? html`<p class="govuk-body">You have not referred any cases yet.</p>`
        : table({
            caption: 'Your referrals, newest first',
            head: ['Referral', 'Status', 'Outcome'],
            rows: referrals.map((r) => [
              html`${labelOf(NATURES, r.nature)}<br><span class="govuk-body-s">From ${labelOf(AGENCIES, r.agency).toLowerCase()}, sent ${formatDate(r.submittedOn)}</span>`,
              statusTag(r.status),
              r.status === 'SUBMITTED'
                ? html`${outcomeInWords(r)}<br><a class="govuk-link" href="/agency/referrals/${r.id}/withdraw">Withdraw<span class="govuk-visually-hidden"> the referral sent ${formatDate(r.submittedOn)}</span></a>`
                : outcomeInWords(r),
            ]),
          })
    }
  `,
  );
};

export { statusTag };
