/**
 * The reviews a user follows: a partnership's local reviews (and national ones covering its incidents), or the
 * Panel's, a page at a time with the true total, and the same list as CSV.
 */
import { table } from '../app/components';
import { csvLink, everyPage, listCount, PAGE_SIZE, pageFrom, pagination, pastLastPage, toCsv } from '../app/listing';
import { deadlineCell, formatDate, type DeadlineLike } from '../app/deadline';

import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { deadlineLabel, is, labelOf, REVIEW_STATUSES } from '../app/vocabulary';
import { REVIEWS } from '../operations';

type ReviewRow = {
  id: string;
  kind: string;
  partnershipIds: string[];
  reference: string | null;
  incidentIds: string[];
  status: string;
  caseName: string | null;
  title: string | null;
  thematic: boolean;
  commissionedOn: string;
  deadlines: DeadlineLike[];
};

const nextDeadline = (r: ReviewRow) =>
  r.deadlines
    .filter((d) => !d.metOn && !d.cancelled && !is(d.kind, 'publication-availability'))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];

const nameOf = (r: ReviewRow) => r.caseName ?? r.title ?? r.reference ?? 'Review';

export const reviewsPage = async (ctx: PageContext) => {
  const panel = ctx.user?.roles.includes('panel') ?? false;
  const path = panel ? '/panel/reviews' : '/partnership/reviews';
  const read = async (page: number, first: number) => {
    const { reviews } = await ctx.gateway<{ reviews: { totalCount: number; edges: { node: ReviewRow }[] } }>(REVIEWS, {
      ...(panel ? { kind: 'NATIONAL' } : {}),
      first,
      page,
    });
    return { items: reviews.edges.map((e) => e.node), total: reviews.totalCount };
  };
  if (ctx.query.get('format') === 'csv') {
    const all = await everyPage((page) => read(page, 100));
    ctx.sendCsv(
      'reviews.csv',
      toCsv(
        ['Reference', 'Review', 'Kind', 'Incidents', 'Status', 'Commissioned', 'Next deadline', 'Due'],
        all.map((r) => {
          const next = nextDeadline(r);
          return [
            r.reference,
            nameOf(r),
            r.kind === 'NATIONAL' ? 'National' : 'Local',
            r.incidentIds.length,
            labelOf(REVIEW_STATUSES, r.status),
            r.commissionedOn,
            next ? deadlineLabel(next.kind) : '',
            next?.dueOn ?? '',
          ];
        }),
      ),
    );
    return;
  }
  const page = pageFrom(ctx.query);
  const { items: rows, total } = await read(page, PAGE_SIZE);
  const listing = { path, query: ctx.query, page, total, noun: 'reviews' };
  const beyond = pastLastPage(listing);
  if (beyond) return ctx.redirect(beyond);
  ctx.render(
    panel ? 'National reviews' : 'Reviews',
    html`
    <h1 class="govuk-heading-l">${panel ? 'National reviews' : 'Local child safeguarding practice reviews'}</h1>
    <p class="govuk-body">${panel ? html`<a class="govuk-link" href="/panel/national-review">Commission a national review</a>` : html`<a class="govuk-link" href="/partnership/reviews/commission">Commission a review</a>: a local child safeguarding practice review, a partnership review, a multi-agency learning review or a thematic review.`}</p>
    ${
      total === 0
        ? html`<p class="govuk-body">No reviews yet.</p>`
        : html`${listCount(listing)}${table({
            caption: 'Reviews',
            captionClass: 'govuk-table__caption--s govuk-visually-hidden',
            head: ['Review', 'Status', 'Commissioned', 'Next deadline'],
            rows: rows.map((r) => {
              const next = nextDeadline(r);
              return [
                html`<a class="govuk-link" href="/reviews/${r.id}">${nameOf(r)}</a><br><span class="govuk-body-s">${r.reference ? `${r.reference} · ` : ''}${r.kind === 'NATIONAL' ? 'National' : 'Local'} · ${r.incidentIds.length} incident${r.incidentIds.length === 1 ? '' : 's'}</span>`,
                labelOf(REVIEW_STATUSES, r.status),
                formatDate(r.commissionedOn),
                next
                  ? html`<span class="govuk-body-s">${deadlineLabel(next.kind)}:</span><br>${deadlineCell(next)}`
                  : 'Nothing due',
              ];
            }),
          })}
          ${pagination(listing)}
          ${csvLink(path, ctx.query, 'every review')}`
    }`,
  );
};
