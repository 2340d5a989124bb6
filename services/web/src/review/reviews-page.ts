/** The reviews a user follows: a partnership's local reviews (and national ones covering its incidents), or the Panel's. */
import { table } from '../app/components';
import { deadlineCell, formatDate, type DeadlineLike } from '../app/deadline';

import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { deadlineLabel, is, labelOf, REVIEW_STATUSES } from '../app/vocabulary';
import { REVIEWS } from '../operations';

type ReviewRow = {
  id: string;
  kind: string;
  partnershipIds: string[];
  incidentIds: string[];
  status: string;
  caseName: string | null;
  title: string | null;
  thematic: boolean;
  commissionedOn: string;
  deadlines: DeadlineLike[];
};

export const reviewsPage = async (ctx: PageContext) => {
  const panel = ctx.user?.roles.includes('panel') ?? false;
  const { reviews } = await ctx.gateway<{ reviews: { edges: { node: ReviewRow }[] } }>(
    REVIEWS,
    panel ? { kind: 'NATIONAL' } : {},
  );
  const rows = reviews.edges.map((e) => e.node);
  ctx.render(
    panel ? 'National reviews' : 'Reviews',
    html`
    <h1 class="govuk-heading-l">${panel ? 'National reviews' : 'Local child safeguarding practice reviews'}</h1>
    <p class="govuk-body">${panel ? html`<a class="govuk-link" href="/panel/national-review">Commission a national review</a>` : html`<a class="govuk-link" href="/partnership/reviews/commission">Commission a review</a>: a local child safeguarding practice review, a partnership review, a multi-agency learning review or a thematic review.`}</p>
    ${
      rows.length === 0
        ? html`<p class="govuk-body">No reviews yet.</p>`
        : table({
            caption: `${rows.length} review${rows.length === 1 ? '' : 's'}`,
            captionClass: 'govuk-table__caption--s',
            head: ['Review', 'Status', 'Commissioned', 'Next deadline'],
            rows: rows.map((r) => {
              const next = r.deadlines
                .filter((d) => !d.metOn && !d.cancelled && !is(d.kind, 'publication-availability'))
                .sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
              return [
                html`<a class="govuk-link" href="/reviews/${r.id}">${r.caseName ?? r.title ?? r.id}</a><br><span class="govuk-body-s">${r.kind === 'NATIONAL' ? 'National' : 'Local'} · ${r.incidentIds.length} incident${r.incidentIds.length === 1 ? '' : 's'}</span>`,
                labelOf(REVIEW_STATUSES, r.status),
                formatDate(r.commissionedOn),
                next
                  ? html`<span class="govuk-body-s">${deadlineLabel(next.kind)}:</span><br>${deadlineCell(next)}`
                  : 'Nothing due',
              ];
            }),
          })
    }`,
  );
};
