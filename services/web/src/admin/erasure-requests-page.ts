/**
 * The second admin's page: erasure requests waiting for approval, each by the incident's or review's reference (a
 * referral has none: it is named as the partnership's referral), partnership and local authority, with "Approve
 * erasure" and "Cancel request". The requester sees their own requests but cannot approve them (the gateway refuses;
 * the page says so instead of offering the button). Approving destroys the data keys of the subject and of the
 * records that describe the same child: the confirmation is the button's own words and the warning above the list.
 */
import { button, notice, table, warning } from '../app/components';
import { formatDate } from '../app/deadline';
import { html } from '../app/html';
import { listCount, PAGE_SIZE, pageFrom, pagination, pastLastPage } from '../app/listing';
import { labelOf } from '../app/vocabulary';
import { APPROVE_ERASURE, CANCEL_ERASURE_REQUEST, ERASURE_REQUESTS } from '../operations';
import type { PageContext } from '../server/page';
import { LEGAL_BASES } from './admin-words';

type SubjectKind = 'INCIDENT' | 'REFERRAL' | 'REVIEW';
type Request = {
  subjectKind: SubjectKind;
  incidentId: string | null;
  referralId: string | null;
  reviewId: string | null;
  reference: string | null;
  partnershipName: string | null;
  localAuthorityName: string | null;
  legalBasis: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  requestedByYou: boolean;
};
type Payload = { __typename: string; position?: string; message?: string };

const DONE: Record<string, string> = {
  approved: 'The personal data was erased.',
  cancelled: 'The erasure request was cancelled. Nothing was erased.',
  requested: 'Erasure requested. Another administrator must approve it.',
};

/** The form field naming the subject, as the mutation's input names it. */
const SUBJECT_FIELD: Record<SubjectKind, 'incidentId' | 'referralId' | 'reviewId'> = {
  INCIDENT: 'incidentId',
  REFERRAL: 'referralId',
  REVIEW: 'reviewId',
};
const SUBJECT_NOUN: Record<SubjectKind, string> = { INCIDENT: 'incident', REFERRAL: 'referral', REVIEW: 'review' };

/** How a person reads the subject: its case reference, else what it is (never its id). */
const subjectName = (r: Request) => r.reference ?? `this ${SUBJECT_NOUN[r.subjectKind] ?? 'record'}`;

export const erasureRequestsPage = async (ctx: PageContext) => {
  let problem: string | undefined;
  if (ctx.method === 'POST') {
    // The subject is whichever one of the three ids the row's form carried.
    const input = Object.fromEntries(
      Object.values(SUBJECT_FIELD)
        .map((field) => [field, ctx.form.get(field) ?? ''] as const)
        .filter(([, id]) => id !== ''),
    );
    const approve = ctx.form.get('action') === 'approve';
    const answer = await ctx.gateway<Record<string, Payload>>(approve ? APPROVE_ERASURE : CANCEL_ERASURE_REQUEST, {
      input,
    });
    const payload = answer[approve ? 'approveErasure' : 'cancelErasureRequest']!;
    if (payload.__typename === 'ErasurePayload') {
      ctx.redirect(`/admin/erasure-requests?done=${approve ? 'approved' : 'cancelled'}`, payload.position);
      return;
    }
    problem = payload.message ?? 'The request could not be changed';
  }
  const page = pageFrom(ctx.query);
  const { erasureRequests } = await ctx.gateway<{
    erasureRequests: { totalCount: number; edges: { node: Request }[] };
  }>(ERASURE_REQUESTS, { status: 'PENDING', first: PAGE_SIZE, page });
  const items = erasureRequests.edges.map((e) => e.node);
  const listing = {
    path: '/admin/erasure-requests',
    query: ctx.query,
    page,
    total: erasureRequests.totalCount,
    noun: 'requests waiting',
  };
  const beyond = pastLastPage(listing);
  if (beyond) return ctx.redirect(beyond);
  const done = ctx.query.get('done');
  ctx.render(
    'Erasure requests waiting for approval',
    html`
    ${done && DONE[done] ? notice(DONE[done], 'success') : ''}
    ${problem ? notice(problem) : ''}
    <h1 class="govuk-heading-l">Erasure requests waiting for approval</h1>
    <p class="govuk-body">A second administrator must approve each request. Approving destroys the key to the children's personal data
      in the incident, its referral and its reviews (or in the referral or review named): it cannot be undone.</p>
    ${button({ text: 'Request an erasure', href: '/admin/erasure-requests/new', secondary: true })}
    ${items.length ? warning('Approve only when you have checked the legal basis.') : ''}
    ${listCount(listing)}
    ${
      items.length
        ? table({
            caption: 'Requests',
            captionClass: 'govuk-table__caption--s govuk-visually-hidden',
            head: ['Record', 'Legal basis', 'Requested', 'Decision'],
            rows: items.map((r) => [
              html`${r.reference ?? (r.subjectKind === 'INCIDENT' ? 'No reference yet' : `A ${SUBJECT_NOUN[r.subjectKind] ?? 'record'}`)}<br><span class="govuk-body-s">${r.partnershipName ?? ''}${r.localAuthorityName ? `, ${r.localAuthorityName}` : ''}</span>`,
              labelOf(LEGAL_BASES, r.legalBasis),
              html`${formatDate(r.requestedAt.slice(0, 10))}<br><span class="govuk-body-s">by ${r.requestedByYou ? 'you' : r.requestedByName}</span>`,
              r.requestedByYou
                ? 'Another administrator must approve your request'
                : html`<form method="post" action="/admin/erasure-requests" novalidate>${ctx.csrf}
              <input type="hidden" name="${SUBJECT_FIELD[r.subjectKind]}" value="${r.incidentId ?? r.referralId ?? r.reviewId ?? ''}">
              <div class="govuk-button-group">
                ${button({ text: `Approve erasure of ${subjectName(r)}`, warning: true, name: 'action', value: 'approve' })}
                ${button({ text: `Cancel request for ${subjectName(r)}`, secondary: true, name: 'action', value: 'cancel' })}
              </div></form>`,
            ]),
          })
        : ''
    }
    ${pagination(listing)}
  `,
  );
};
