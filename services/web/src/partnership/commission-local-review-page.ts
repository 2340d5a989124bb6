/** A partnership commissions a local review (LCSPR) for one of its incidents, under the pseudonym the report will use. */
import { type FieldErrors, backLink, button, textInput, warning } from '../app/components';
import { isClientError, type ClientError } from '../server/gateway-client';
import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { commandIdOf } from '../partnership/notify-page';
import { COMMISSION_LOCAL_REVIEW } from '../operations';

export const commissionLocalReviewPage = async (ctx: PageContext) => {
  const incidentId = ctx.query.get('incident') ?? ctx.form.get('incident') ?? '';
  const commandId = commandIdOf(ctx.form);
  const draw = (caseName: string, errors: FieldErrors = {}, problem?: string) => {
    ctx.render(
      'Commission a local review',
      html` ${backLink(`/partnership/incidents/${incidentId}`, 'Back to the incident')}
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            ${problem ? warning(problem) : ''}
            <h1 class="govuk-heading-l">Commission a local child safeguarding practice review</h1>
            <p class="govuk-body">The report should be published within 6 months of this decision.</p>
            <form
              method="post"
              action="/partnership/reviews/commission?incident=${encodeURIComponent(incidentId)}"
              novalidate
              id="commission-form"
            >
              ${ctx.csrf}<input type="hidden" name="commandId" value="${commandId}" />
              ${textInput({ id: 'caseName', label: 'Name the report will use', hint: 'A pseudonym, never the child’s name: for example Child M, Baby L or Children A–F', value: caseName, width: 'govuk-input--width-20', errors })}
              ${button({ text: 'Commission the review' })}
            </form>
          </div>
        </div>`,
      { errors },
    );
  };
  if (ctx.method === 'GET') return draw('');
  const name = (ctx.form.get('caseName') ?? '').trim();
  if (!name) return draw(name, { caseName: 'Enter the name the report will use, for example Child M' });
  const data = await ctx.gateway<{
    commissionLocalReview: { __typename: string; reviewId?: string; position?: string } | ClientError;
  }>(COMMISSION_LOCAL_REVIEW, { input: { commandId, incidentIds: [incidentId], caseName: name } });
  const result = data.commissionLocalReview;
  if (isClientError(result)) return draw(name, {}, result.message);
  ctx.redirect(`/reviews/${result.reviewId}?done=commissioned`, result.position);
};
