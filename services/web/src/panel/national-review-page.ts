/**
 * The Panel commissions a national review across several incidents (of one or more partnerships): those whose
 * rapid review it answered with a national review or a national thematic review.
 */
import { type FieldErrors, YES_NO, button, choices, textInput, warning } from '../app/components';
import { formatDate } from '../app/deadline';
import { arr, formValues, str, type FormValues } from '../app/form-values';
import { isClientError, type ClientError } from '../server/gateway-client';
import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { commandIdOf } from '../partnership/notify-page';
import { is, labelOf, NATURES, PANEL_OUTCOMES } from '../app/vocabulary';
import { COMMISSION_NATIONAL_REVIEW, NATIONAL_REVIEW_CANDIDATES } from '../operations';

type Candidate = {
  id: string;
  reference: string | null;
  partnershipId: string;
  partnershipName: string;
  localAuthorityCode: string;
  localAuthorityName: string;
  nature: string;
  incidentOn: string;
  notifiedOn: string;
  panelResponse: { outcome: string; respondedOn: string; thematicReviewTitle: string | null } | null;
};

export const validateNationalReview = (v: FormValues): FieldErrors => {
  const errors: FieldErrors = {};
  if (!arr(v, 'incidentIds').length) errors.incidentIds = 'Select the incidents the national review will cover';
  if (!str(v, 'title').trim()) errors.title = 'Enter a title for the national review';
  else if (str(v, 'title').trim().length > 200) errors.title = 'The title must be 200 characters or fewer';
  if (!str(v, 'thematic')) errors.thematic = 'Select whether this is a thematic review';
  return errors;
};

export const nationalReviewPage = async (ctx: PageContext) => {
  const { incidents } = await ctx.gateway<{ incidents: { edges: { node: Candidate }[] } }>(NATIONAL_REVIEW_CANDIDATES);
  const candidates = incidents.edges
    .map((e) => e.node)
    .filter(
      (i) =>
        is(i.panelResponse?.outcome, 'national-review') || is(i.panelResponse?.outcome, 'national-thematic-review'),
    );
  const commandId = commandIdOf(ctx.form);
  const preselected = ctx.query.get('incident');
  const theme = candidates.find((c) => c.id === preselected)?.panelResponse?.thematicReviewTitle ?? '';

  const draw = (v: FormValues, errors: FieldErrors = {}, problem?: string) => {
    ctx.render(
      'Commission a national review',
      html`
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${problem ? warning(problem) : ''}
        <h1 class="govuk-heading-l">Commission a national review</h1>
        ${
          candidates.length === 0
            ? html`<p class="govuk-body">No incident is waiting for a national review. An incident can join one after the Panel responds to its rapid review with a national review or a national thematic review.</p>`
            : html`
        <form method="post" novalidate id="national-review-form">${ctx.csrf}<input type="hidden" name="commandId" value="${commandId}">
          ${choices({
            id: 'incidentIds',
            type: 'checkbox',
            label: 'Which incidents will the review cover?',
            legendClass: 'govuk-fieldset__legend--m',
            hint: 'Select all that apply. They may come from different partnerships',
            value: arr(v, 'incidentIds'),
            errors,
            options: candidates.map((c) => ({
              value: c.id,
              label: `${c.reference ?? labelOf(NATURES, c.nature)} – ${labelOf(NATURES, c.nature)} – ${c.partnershipName}, ${c.localAuthorityName} – incident ${formatDate(c.incidentOn)}`,
              hint: `${labelOf(PANEL_OUTCOMES, c.panelResponse!.outcome)} on ${formatDate(c.panelResponse!.respondedOn)}${c.panelResponse!.thematicReviewTitle ? `: ${c.panelResponse!.thematicReviewTitle}` : ''}`,
            })),
          })}
          ${textInput({ id: 'title', label: 'Title of the review', labelClass: 'govuk-label--m', hint: 'For example, Safeguarding children at risk from criminal exploitation', value: str(v, 'title'), errors })}
          ${choices({ id: 'thematic', type: 'radio', label: 'Is this a thematic review?', legendClass: 'govuk-fieldset__legend--m', options: YES_NO, value: str(v, 'thematic'), inline: true, errors })}
          ${button({ text: 'Commission the review' })}
        </form>`
        }
      </div></div>`,
      { errors },
    );
  };
  if (ctx.method === 'GET')
    return draw({ incidentIds: preselected ? [preselected] : [], title: theme, thematic: theme ? 'true' : '' });
  const values = formValues(ctx.form);
  const found = validateNationalReview(values);
  if (Object.keys(found).length) return draw(values, found);
  const data = await ctx.gateway<{
    commissionNationalReview: { __typename: string; reviewId?: string; position?: string } | ClientError;
  }>(COMMISSION_NATIONAL_REVIEW, {
    input: {
      commandId,
      incidentIds: arr(values, 'incidentIds'),
      title: str(values, 'title').trim(),
      thematic: str(values, 'thematic') === 'true',
    },
  });
  const result = data.commissionNationalReview;
  if (isClientError(result))
    return draw(
      values,
      result.field?.includes('title') ? { title: result.message } : {},
      result.field?.includes('title') ? undefined : result.message,
    );
  ctx.redirect(`/reviews/${result.reviewId}?done=commissioned`, result.position);
};
