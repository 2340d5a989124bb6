/** The partnership's review sub-group: referrals from partner agencies, undecided first, each linking to its decision. */
import { table } from '../app/components';
import { formatDate } from '../app/deadline';
import { csvLink, listCount, PAGE_SIZE, pageFrom, pagination, pastLastPage } from '../app/listing';

import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { AGENCIES, labelOf, NATURES } from '../app/vocabulary';
import { readReferrals, sendReferralsCsv, statusTag } from './my-referrals-page';
import { CRITERIA_VIEWS, outcomeInWords } from './referral-vocabulary';

export const partnershipReferralsPage = async (ctx: PageContext) => {
  const path = '/partnership/referrals';
  // "Waiting for a decision only" is the sub-group's work list; without it every referral, newest first.
  const status = ctx.query.get('status') === 'SUBMITTED' ? 'SUBMITTED' : undefined;
  if (ctx.query.get('format') === 'csv') return sendReferralsCsv(ctx, 'referrals.csv', status);
  const page = pageFrom(ctx.query);
  const { items: ordered, total, waiting } = await readReferrals(ctx, page, PAGE_SIZE, status);
  const listing = { path, query: ctx.query, page, total, noun: 'referrals' };
  const beyond = pastLastPage(listing);
  if (beyond) return ctx.redirect(beyond);
  ctx.render(
    'Referrals',
    html`
    <span class="govuk-caption-l">Partnership ${ctx.user?.partnershipName ?? ''}</span>
    <h1 class="govuk-heading-l">Referrals from partner agencies</h1>
    <p class="govuk-body">${waiting === 0 ? 'No referral is waiting for a decision.' : waiting === 1 ? '1 referral is waiting for a decision.' : `${waiting} referrals are waiting for a decision.`}</p>
    ${
      status
        ? html`<p class="govuk-body"><a class="govuk-link" href="${path}">Show every referral</a></p>`
        : waiting > 0
          ? html`<p class="govuk-body"><a class="govuk-link" href="${path}?status=SUBMITTED">Show only the referrals waiting for a decision</a></p>`
          : ''
    }
    ${
      total === 0
        ? html`<p class="govuk-body">${status ? 'No referral is waiting for a decision.' : 'No agency has referred a case yet.'}</p>`
        : html`${listCount(listing)}${table({
            caption: status ? 'Referrals waiting for a decision, newest first' : 'Referrals, newest first',
            head: ['Referral', 'Agency’s view', 'Status', 'Outcome'],
            rows: ordered.map((r) => [
              html`<a class="govuk-link" href="/partnership/referrals/${r.id}">${labelOf(NATURES, r.nature)}<span class="govuk-visually-hidden"> referred ${formatDate(r.submittedOn)}</span></a><br><span class="govuk-body-s">From ${labelOf(AGENCIES, r.agency).toLowerCase()}, sent ${formatDate(r.submittedOn)}</span>`,
              labelOf(CRITERIA_VIEWS, r.criteriaView),
              statusTag(r.status),
              outcomeInWords(r),
            ]),
          })}
          ${pagination(listing)}
          ${csvLink(path, ctx.query, 'these referrals')}`
    }
  `,
  );
};
