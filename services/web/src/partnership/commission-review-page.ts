/**
 * A partnership commissions a review directly, of any kind it may run: a local child safeguarding practice review
 * (under the pseudonym the report will use), a partnership review, a multi-agency learning review or a thematic
 * review, over its own incidents (each told apart by reference, local authority, date and nature). It may name
 * the other partnerships whose services the review concerns, chosen by name. Opened from an incident, that
 * incident is ticked.
 */
import { type FieldErrors, backLink, button, choices, textInput, warning } from '../app/components';
import { isClientError, type ClientError, type GatewayCall } from '../server/gateway-client';
import { html, plainRefusal } from '../app/html';
import type { Option } from '../app/vocabulary';
import { arr, formValues, str, type FormValues } from '../app/form-values';
import type { PageContext } from '../server/page';
import { commandIdOf, defaultSubmit } from '../partnership/notify-page';
import { incidentChoiceLabel, survivingCandidates } from './withdraw-notification-page';
import {
  COMMISSION_LOCAL_REVIEW,
  COMMISSION_NON_STATUTORY_REVIEW,
  COMMISSION_THEMATIC_REVIEW,
  LOCAL_AUTHORITIES_AND_PARTNERSHIPS,
  NAME_CONCERNED_PARTNERSHIPS,
} from '../operations';

export const REVIEW_KINDS: Option[] = [
  {
    value: 'LOCAL',
    label: 'Local child safeguarding practice review',
    hint: 'The statutory review: the report should be published within 6 months',
  },
  { value: 'PARTNERSHIP_REVIEW', label: 'Partnership review', hint: 'Not statutory: no statutory deadlines' },
  { value: 'MULTI_AGENCY_LEARNING_REVIEW', label: 'Multi-agency learning review', hint: 'Not statutory' },
  { value: 'THEMATIC', label: 'Thematic review', hint: 'Several incidents or reviews around one theme' },
];

type Payload = { __typename: string; reviewId?: string; position?: string } | ClientError;

const otherPartnerships = async (gateway: GatewayCall, own: string | undefined): Promise<Option[]> => {
  const { partnerships } = await gateway<{ partnerships: { id: string; name: string }[] }>(
    LOCAL_AUTHORITIES_AND_PARTNERSHIPS,
  );
  return partnerships
    .filter((p) => p.id !== own)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({ value: p.id, label: p.name }));
};

/** The rules in words, keyed by the field the error summary links to. */
export const validateCommission = (v: FormValues, incidents: string[], partnerships: string[]): FieldErrors => {
  const errors: FieldErrors = {};
  const kind = str(v, 'kind');
  if (!REVIEW_KINDS.some((k) => k.value === kind)) errors.kind = 'Select the kind of review';
  if (kind === 'LOCAL' && !str(v, 'caseName').trim())
    errors.caseName = 'Enter the name the report will use, for example Child M';
  if (kind && kind !== 'LOCAL' && !str(v, 'title').trim()) errors.title = 'Enter the title of the review';
  if (kind === 'THEMATIC' && !str(v, 'theme').trim()) errors.theme = 'Enter the theme of the review';
  const chosen = arr(v, 'incidentIds');
  if ((kind === 'LOCAL' || kind === 'PARTNERSHIP_REVIEW' || kind === 'MULTI_AGENCY_LEARNING_REVIEW') && !chosen.length)
    errors.incidentIds = 'Select at least one incident the review covers';
  if (kind === 'THEMATIC' && chosen.length < 2)
    errors.incidentIds = 'Select at least two incidents for a thematic review';
  if (chosen.some((id) => !incidents.includes(id))) errors.incidentIds = 'Select incidents from your own list';
  if (arr(v, 'concernedPartnershipIds').some((id) => !partnerships.includes(id)))
    errors.concernedPartnershipIds = 'Select partnerships from the list';
  return errors;
};

const commission = (gateway: GatewayCall, v: FormValues, commandId: string): Promise<Payload> => {
  const incidentIds = arr(v, 'incidentIds');
  const kind = str(v, 'kind');
  if (kind === 'LOCAL')
    return gateway<{ commissionLocalReview: Payload }>(COMMISSION_LOCAL_REVIEW, {
      input: { commandId, incidentIds, caseName: str(v, 'caseName').trim() },
    }).then((d) => d.commissionLocalReview);
  if (kind === 'THEMATIC')
    return gateway<{ commissionThematicReview: Payload }>(COMMISSION_THEMATIC_REVIEW, {
      input: { commandId, incidentIds, title: str(v, 'title').trim(), theme: str(v, 'theme').trim() },
    }).then((d) => d.commissionThematicReview);
  return gateway<{ commissionNonStatutoryReview: Payload }>(COMMISSION_NON_STATUTORY_REVIEW, {
    input: { commandId, incidentIds, kind, title: str(v, 'title').trim() },
  }).then((d) => d.commissionNonStatutoryReview);
};

export const commissionReviewPage = async (ctx: PageContext) => {
  const fromIncident = ctx.query.get('incident') ?? '';
  const commandId = commandIdOf(ctx.form);
  const [incidents, partnerships] = await Promise.all([
    survivingCandidates(ctx.gateway, ''),
    otherPartnerships(ctx.gateway, ctx.user?.partnershipId),
  ]);
  const draw = (v: FormValues, errors: FieldErrors = {}, problem?: string) => {
    const titleField = textInput({
      id: 'title',
      label: 'Title of the review',
      hint: 'For every kind except a local child safeguarding practice review, which uses the name above',
      value: str(v, 'title'),
      errors,
    });
    ctx.render(
      'Commission a review',
      html`
      ${backLink(fromIncident ? `/partnership/incidents/${encodeURIComponent(fromIncident)}` : '/partnership/reviews', 'Back')}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${problem ? warning(problem) : ''}
        <h1 class="govuk-heading-l">Commission a review</h1>
        <form method="post" novalidate id="commission-form">
          ${defaultSubmit('Commission the review')}
          ${ctx.csrf}<input type="hidden" name="commandId" value="${commandId}">
          ${choices({
            id: 'kind',
            type: 'radio',
            label: 'What kind of review?',
            legendClass: 'govuk-fieldset__legend--m',
            options: REVIEW_KINDS,
            value: str(v, 'kind'),
            errors,
          })}
          ${textInput({ id: 'caseName', label: 'Name the report will use (local child safeguarding practice reviews)', hint: 'A pseudonym, never the child’s name: for example Child M, Baby L or Children A–F', value: str(v, 'caseName'), width: 'govuk-input--width-20', errors })}
          ${titleField}
          ${textInput({ id: 'theme', label: 'Theme (thematic reviews)', hint: 'For example, adolescents at risk of exploitation', value: str(v, 'theme'), errors })}
          ${
            incidents.length
              ? choices({
                  id: 'incidentIds',
                  type: 'checkbox',
                  label: 'Which incidents does the review cover?',
                  hint: 'Your partnership’s open incidents, by reference, local authority, date and what happened. A thematic review may cover none',
                  options: incidents.map((i) => ({ value: i.id, label: incidentChoiceLabel(i) })),
                  value: arr(v, 'incidentIds'),
                  small: true,
                  errors,
                })
              : html`<p class="govuk-body" id="incidentIds">Your partnership has no open incident.</p>`
          }
          ${choices({ id: 'concernedPartnershipIds', type: 'checkbox', label: 'Which other partnerships does the review concern? (optional)', hint: 'Partnerships whose services the review looks at: it is listed on their pages too', options: partnerships, value: arr(v, 'concernedPartnershipIds'), small: true, errors })}
          ${button({ text: 'Commission the review' })}
        </form>
      </div></div>`,
      { errors },
    );
  };
  if (ctx.method === 'GET') return draw(fromIncident ? { kind: 'LOCAL', incidentIds: [fromIncident] } : {});
  const values = formValues(ctx.form);
  const found = validateCommission(
    values,
    incidents.map((i) => i.id),
    partnerships.map((p) => p.value),
  );
  if (Object.keys(found).length) return draw(values, found);
  const result = await commission(ctx.gateway, values, commandId);
  const referenceOf = (id: string) => incidents.find((i) => i.id === id)?.reference ?? undefined;
  if (isClientError(result)) return draw(values, {}, plainRefusal(result.message, referenceOf));
  let position = result.position;
  const concerned = arr(values, 'concernedPartnershipIds');
  if (concerned.length) {
    const named = (
      await ctx.gateway<{ nameConcernedPartnerships: Payload }>(NAME_CONCERNED_PARTNERSHIPS, {
        input: { reviewId: result.reviewId, partnershipIds: concerned },
      })
    ).nameConcernedPartnerships;
    // The review exists either way: a refusal here is said on its page rather than losing the commission.
    if (isClientError(named))
      return ctx.redirect(`/reviews/${result.reviewId}?done=commissioned&concerned=refused`, position);
    position = named.position;
  }
  ctx.redirect(`/reviews/${result.reviewId}?done=commissioned`, position);
};
