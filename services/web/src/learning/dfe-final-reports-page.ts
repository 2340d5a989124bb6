/** The Department for Education's inbox: final reports sent to it before publication (at least 7 working days). */
import { table } from '../app/components';
import { formatDate } from '../app/deadline';

import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { FINAL_REPORTS_FOR_DFE } from '../operations';
import { reviewKindLabel } from './learning-words';

type FinalReport = {
  reviewId: string;
  kind: string;
  title: string | null;
  ownerPartnershipId: string | null;
  partnershipIds: string[];
  finalReportSubmittedOn: string | null;
  publishedOn: string | null;
  status: string;
};

export const dfeFinalReportsPage = async (ctx: PageContext) => {
  const { finalReportsForDfe: reports } = await ctx.gateway<{ finalReportsForDfe: FinalReport[] }>(
    FINAL_REPORTS_FOR_DFE,
  );
  ctx.render(
    'Final reports',
    html` <h1 class="govuk-heading-l">Final reports sent to the Department for Education</h1>
      <p class="govuk-body">Partnerships send final reports at least 7 working days before they publish them.</p>
      ${
        reports.length === 0
          ? html`<p class="govuk-body">No final report has been sent to the Department yet.</p>`
          : table({
              caption: `${reports.length} final report${reports.length === 1 ? '' : 's'}`,
              head: ['Review', 'Partnership', 'Sent', 'Published'],
              rows: reports.map((r) => [
                html`${r.title ?? reviewKindLabel(r.kind)}<br /><span class="govuk-body-s"
                    >${reviewKindLabel(r.kind)}</span
                  >`,
                r.ownerPartnershipId ?? r.partnershipIds.join(', '),
                formatDate(r.finalReportSubmittedOn) || 'Not recorded',
                r.publishedOn ? formatDate(r.publishedOn) : 'Not yet',
              ]),
            })
      }`,
  );
};
