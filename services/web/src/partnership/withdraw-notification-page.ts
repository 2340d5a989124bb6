/**
 * The owning partnership withdraws its notification with a reason and an explanation. A duplicate names the
 * incident that stays, chosen from the partnership's own open incidents, each told apart by its reference, local
 * authority, date and nature (never an id). The gateway applies the rules again; its refusal shows the form again.
 */
import { backLink, button, choices, select, textarea, warning, type FieldErrors } from '../app/components';
import { formatDate } from '../app/deadline';
import { html, plainRefusal } from '../app/html';
import { labelOf, NATURES, type Option } from '../app/vocabulary';
import { isClientError, type ClientError, type GatewayCall } from '../server/gateway-client';
import type { PageContext } from '../server/page';
import { SEARCH_INCIDENTS, WITHDRAW_NOTIFICATION } from '../operations';
import { loadIncident } from './incident-page';
import { commandIdOf, defaultSubmit } from './notify-page';

export const WITHDRAWAL_REASONS: Option[] = [
  {
    value: 'DUPLICATE',
    label: 'It duplicates another notification',
    hint: 'The other incident stays and keeps its deadlines',
  },
  { value: 'CRITERIA_NOT_MET', label: 'The criteria for a notification are not met' },
  { value: 'NOTIFIED_IN_ERROR', label: 'It was notified in error' },
];

type Listed = {
  id: string;
  reference: string | null;
  localAuthorityName: string;
  nature: string;
  status: string;
  incidentOn: string;
};
type Found = { incidents: { totalCount: number; edges: { node: Listed }[] } };

const PAGE = 100;

/** Every open incident of the partnership but this one, newest first: all pages, so none is cut off. */
export const survivingCandidates = async (gateway: GatewayCall, withdrawing: string): Promise<Listed[]> => {
  const all: Listed[] = [];
  for (let page = 1; ; page++) {
    const { incidents } = await gateway<Found>(SEARCH_INCIDENTS, { first: PAGE, page });
    all.push(...incidents.edges.map((e) => e.node));
    if (incidents.edges.length < PAGE || all.length >= incidents.totalCount) break;
  }
  return all.filter((i) => i.id !== withdrawing && i.status !== 'WITHDRAWN');
};

export const incidentChoiceLabel = (i: Listed): string =>
  [
    i.reference ?? 'Incident without a reference',
    i.localAuthorityName,
    formatDate(i.incidentOn),
    labelOf(NATURES, i.nature),
  ].join(', ');

export const withdrawNotificationPage = async (ctx: PageContext) => {
  const incident = await loadIncident(ctx.gateway, ctx.params.id!);
  const commandId = commandIdOf(ctx.form);
  const reference = incident.reference ?? 'this incident';
  if (incident.status === 'WITHDRAWN') {
    return ctx.render(
      'Withdraw the notification',
      html`${backLink(`/partnership/incidents/${incident.id}`, 'Back to the incident')}<h1 class="govuk-heading-l">Withdraw the notification</h1><p class="govuk-body">This notification has already been withdrawn.</p>`,
    );
  }
  const candidates = await survivingCandidates(ctx.gateway, incident.id);
  const draw = (
    v: { reason: string; duplicateOf: string; explanation: string },
    errors: FieldErrors = {},
    problem?: string,
  ) => {
    const survivor = candidates.length
      ? select({
          id: 'duplicateOf',
          label: 'Which incident stays?',
          hint: 'Only for a duplicate. Your partnership’s open incidents, by reference, local authority, date of the incident and what happened',
          options: candidates.map((c) => ({ value: c.id, label: incidentChoiceLabel(c) })),
          value: v.duplicateOf,
          placeholder: 'Select the incident',
          errors,
        })
      : html`<p class="govuk-body" id="duplicateOf">Your partnership has no other open incident.</p>`;
    ctx.render(
      'Withdraw the notification',
      html`
      ${backLink(`/partnership/incidents/${incident.id}`, 'Back to the incident')}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${problem ? warning(problem) : ''}
        <span class="govuk-caption-l">Incident ${reference}</span>
        <h1 class="govuk-heading-l">Withdraw the notification</h1>
        <p class="govuk-body">The Panel, DfE and Ofsted are told it was withdrawn. Its deadlines stop. The notification stays on record.</p>
        <form method="post" novalidate id="withdraw-form">
          ${defaultSubmit('Withdraw the notification')}
          ${ctx.csrf}
          <input type="hidden" name="commandId" value="${commandId}">
          ${choices({ id: 'reason', type: 'radio', label: 'Why is the notification being withdrawn?', legendClass: 'govuk-fieldset__legend--m', options: WITHDRAWAL_REASONS, value: v.reason, errors })}
          ${survivor}
          ${textarea({ id: 'explanation', label: 'Explain the withdrawal', hint: 'What the Panel needs to know. Kept encrypted with the notification', value: v.explanation, rows: 4, errors })}
          ${button({ text: 'Withdraw the notification', warning: true })}
        </form>
      </div></div>`,
      { errors },
    );
  };
  if (ctx.method === 'GET') return draw({ reason: '', duplicateOf: '', explanation: '' });
  const v = {
    reason: ctx.form.get('reason') ?? '',
    duplicateOf: ctx.form.get('duplicateOf') ?? '',
    explanation: (ctx.form.get('explanation') ?? '').trim(),
  };
  const errors: FieldErrors = {};
  if (!WITHDRAWAL_REASONS.some((r) => r.value === v.reason))
    errors.reason = 'Select why the notification is being withdrawn';
  if (v.reason === 'DUPLICATE' && !candidates.some((c) => c.id === v.duplicateOf))
    errors.duplicateOf = 'Select the incident that stays';
  if (!v.explanation) errors.explanation = 'Explain why the notification is being withdrawn';
  if (Object.keys(errors).length) return draw(v, errors);
  const data = await ctx.gateway<{ withdrawNotification: { __typename: string; position?: string } | ClientError }>(
    WITHDRAW_NOTIFICATION,
    {
      input: {
        commandId,
        incidentId: incident.id,
        reason: v.reason,
        explanation: v.explanation,
        ...(v.reason === 'DUPLICATE' ? { duplicateOfIncidentId: v.duplicateOf } : {}),
      },
    },
  );
  const result = data.withdrawNotification;
  if (isClientError(result)) {
    const field = result.field?.includes('duplicateOf')
      ? 'duplicateOf'
      : result.field?.includes('explanation')
        ? 'explanation'
        : undefined;
    const message = plainRefusal(result.message, (id) => candidates.find((c) => c.id === id)?.reference ?? undefined);
    return field ? draw(v, { [field]: message }) : draw(v, {}, message);
  }
  ctx.redirect(`/partnership/incidents/${incident.id}?withdrawn=1`, result.position);
};
