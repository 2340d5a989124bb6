/** The partnership's review sub-group: referrals from partner agencies, undecided first, each linking to its decision. */
import { table } from '../app/components';
import { formatDate } from '../app/deadline';

import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { AGENCIES, labelOf, NATURES } from '../app/vocabulary';
import { REFERRALS } from '../operations';
import { statusTag, type ReferralsData } from './my-referrals-page';
import { CRITERIA_VIEWS, outcomeInWords } from './referral-vocabulary';

export const partnershipReferralsPage = async (ctx: PageContext) => {
  const data = await ctx.gateway<ReferralsData>(REFERRALS);
  const referrals = data.referrals.edges.map((e) => e.node);
  // Undecided first: they are the sub-group's work; the log keeps the newest-first order within each group.
  const ordered = [
    ...referrals.filter((r) => r.status === 'SUBMITTED'),
    ...referrals.filter((r) => r.status !== 'SUBMITTED'),
  ];
  const waiting = ordered.filter((r) => r.status === 'SUBMITTED').length;
  ctx.render(
    'Referrals',
    html`
    <span class="govuk-caption-l">Partnership ${ctx.user?.partnershipName ?? ''}</span>
    <h1 class="govuk-heading-l">Referrals from partner agencies</h1>
    <p class="govuk-body">${waiting === 0 ? 'No referral is waiting for a decision.' : waiting === 1 ? '1 referral is waiting for a decision.' : `${waiting} referrals are waiting for a decision.`}</p>
    ${
      ordered.length === 0
        ? html`<p class="govuk-body">No agency has referred a case yet.</p>`
        : table({
            caption: 'Referrals, waiting for a decision first',
            head: ['Referral', 'Agency’s view', 'Status', 'Outcome'],
            rows: ordered.map((r) => [
              html`<a class="govuk-link" href="/partnership/referrals/${r.id}">${labelOf(NATURES, r.nature)}<span class="govuk-visually-hidden"> referred ${formatDate(r.submittedOn)}</span></a><br><span class="govuk-body-s">From ${labelOf(AGENCIES, r.agency).toLowerCase()}, sent ${formatDate(r.submittedOn)}</span>`,
              labelOf(CRITERIA_VIEWS, r.criteriaView),
              statusTag(r.status),
              outcomeInWords(r),
            ]),
          })
    }
  `,
  );
};
