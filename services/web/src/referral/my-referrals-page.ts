/** A partner agency's own referrals, newest first, each with the outcome the sub-group decided. */
import { notice, table } from '../app/components';
import { formatDate } from '../app/deadline';
import { csvLink, everyPage, listCount, PAGE_SIZE, pageFrom, pagination, pastLastPage, toCsv } from '../app/listing';

import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { AGENCIES, labelOf, NATURES } from '../app/vocabulary';
import { REFERRALS } from '../operations';
import { outcomeInWords, REFERRAL_STATUSES, type Referral } from './referral-vocabulary';

export type ReferralsData = {
  referrals: { totalCount: number; edges: { node: Referral }[] };
  /** How many wait for the sub-group's decision (over every page). */
  waiting: { totalCount: number };
};

/** One page of the caller's referrals (the gateway keeps an agency user to its own), with the true totals. */
export const readReferrals = async (ctx: PageContext, page: number, first: number, status?: string) => {
  const data = await ctx.gateway<ReferralsData>(REFERRALS, { first, page, ...(status ? { status } : {}) });
  return {
    items: data.referrals.edges.map((e) => e.node),
    total: data.referrals.totalCount,
    waiting: data.waiting.totalCount,
  };
};

/** The referrals as CSV: every page, the same filter as the page, no sealed reasons. */
export const sendReferralsCsv = async (ctx: PageContext, filename: string, status?: string) => {
  const all = await everyPage((page) => readReferrals(ctx, page, 100, status));
  ctx.sendCsv(
    filename,
    toCsv(
      ['Sent', 'Agency', 'Nature', 'Status', 'Outcome'],
      all.map((r) => [
        r.submittedOn,
        labelOf(AGENCIES, r.agency),
        labelOf(NATURES, r.nature),
        labelOf(REFERRAL_STATUSES, r.status),
        outcomeInWords(r),
      ]),
    ),
  );
};

const statusTag = (status: string) =>
  html`<strong class="govuk-tag ${status === 'SUBMITTED' ? 'govuk-tag--blue' : status === 'DECIDED' ? 'govuk-tag--green' : 'govuk-tag--grey'}">${labelOf(REFERRAL_STATUSES, status)}</strong>`;

export const myReferralsPage = async (ctx: PageContext) => {
  const path = '/agency/referrals';
  if (ctx.query.get('format') === 'csv') return sendReferralsCsv(ctx, 'my-referrals.csv');
  const page = pageFrom(ctx.query);
  const { items: referrals, total } = await readReferrals(ctx, page, PAGE_SIZE);
  const listing = { path, query: ctx.query, page, total, noun: 'referrals' };
  const beyond = pastLastPage(listing);
  if (beyond) return ctx.redirect(beyond);
  const sent = ctx.query.get('sent');
  ctx.render(
    'My referrals',
    html`
    ${sent ? notice('Referral sent to the review sub-group', 'success') : ''}
    <span class="govuk-caption-l">Partnership ${ctx.user?.partnershipName ?? ''}</span>
    <h1 class="govuk-heading-l">My referrals</h1>
    <a href="/agency/refer" class="govuk-button" role="button" draggable="false" >Refer a case</a>
    ${
      total === 0
        ? html`<p class="govuk-body">You have not referred any cases yet.</p>`
        : html`${listCount(listing)}${table({
            caption: 'Your referrals, newest first',
            head: ['Referral', 'Status', 'Outcome'],
            rows: referrals.map((r) => [
              html`${labelOf(NATURES, r.nature)}<br><span class="govuk-body-s">From ${labelOf(AGENCIES, r.agency).toLowerCase()}, sent ${formatDate(r.submittedOn)}</span>`,
              statusTag(r.status),
              r.status === 'SUBMITTED'
                ? html`${outcomeInWords(r)}<br><a class="govuk-link" href="/agency/referrals/${r.id}/withdraw">Withdraw<span class="govuk-visually-hidden"> the referral sent ${formatDate(r.submittedOn)}</span></a>`
                : outcomeInWords(r),
            ]),
          })}
          ${pagination(listing)}
          ${csvLink(path, ctx.query, 'your referrals')}`
    }
  `,
  );
};

export { statusTag };
