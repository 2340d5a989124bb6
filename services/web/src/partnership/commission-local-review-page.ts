/** A partnership commissions a local review (LCSPR) for one of its incidents, under the pseudonym the report will use. */
import { backLink, errorSummary, textInput, type FieldErrors } from '../app/components';
import { isClientError, type ClientError } from '../server/gateway-client';
import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { COMMISSION_LOCAL_REVIEW } from '../operations';

export const commissionLocalReviewPage = (ctx: PageContext) => {
  const incidentId = ctx.query.get('incident') ?? '';
  const commandId = crypto.randomUUID();
  const draw = (caseName: string, errors: FieldErrors = {}, problem?: string) => {
    ctx.render('Commission a local review', html`
      ${backLink(`/partnership/incidents/${incidentId}`, 'Back to the incident')}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${errorSummary(errors)}
        ${problem ? html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>${problem}</strong></div>` : ''}
        <h1 class="govuk-heading-l">Commission a local child safeguarding practice review</h1>
        <p class="govuk-body">The report should be published within 6 months of this decision.</p>
        <form novalidate id="commission-form">
          ${textInput({ id: 'caseName', label: 'Name the report will use', hint: 'A pseudonym, never the child’s name: for example Child M, Baby L or Children A–F', value: caseName, width: 'govuk-input--width-20', errors })}
          <button type="submit" class="govuk-button" >Commission the review</button>
        </form>
      </div></div>`);
    main.querySelector<HTMLFormElement>('#commission-form')!.addEventListener('submit', async (event) => {
      event.preventDefault();
      const name = String(new FormData(event.target as HTMLFormElement).get('caseName') ?? '').trim();
      if (!name) return draw(name, { caseName: 'Enter the name the report will use, for example Child M' });
      try {
        const data = await ctx.gateway<{ commissionLocalReview: { __typename: string; reviewId?: string; position?: string } | ClientError }>(COMMISSION_LOCAL_REVIEW, { input: { commandId, incidentIds: [incidentId], caseName: name } });
        const result = data.commissionLocalReview;
        if (isClientError(result)) return draw(name, {}, result.message);
        rememberPosition(result.position);
        ctx.navigate(`/reviews/${result.reviewId}?done=commissioned`);
      } catch (error) {
        draw(name, {}, (error as Error).message);
      }
    });
  };
  draw('');
};
