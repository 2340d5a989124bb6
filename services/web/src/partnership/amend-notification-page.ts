/**
 * The owning partnership corrects its notification: the form opens with the answers as they stand, and only the
 * answers changed are sent (`amendNotification` records nothing for an unchanged one). The incident's history then
 * shows the old and the new value of each minimised answer; the superseded free text stays only in the log.
 * The children are not corrected here: `changes.children` replaces every child with their personal data, which the
 * page would have to ask for again in full.
 */
import { backLink, button, choices, dateInput, select, textarea, textInput, warning } from '../app/components';
import type { FieldErrors } from '../app/components';
import { checkDate, isoFromParts, partsFromIso, todayInEngland, type DateParts } from '../app/dates';
import { html, plainRefusal } from '../app/html';
import { AMENDMENT_REASONS, NATURES } from '../app/vocabulary';
import { isClientError, type ClientError, type GatewayCall } from '../server/gateway-client';
import type { PageContext } from '../server/page';
import { AMEND_NOTIFICATION, LOCAL_AUTHORITIES_AND_PARTNERSHIPS } from '../operations';
import { loadIncident } from './incident-page';
import { commandIdOf, defaultSubmit } from './notify-page';
import type { IncidentDetails } from '../incident/incident-details';
import { INCIDENT_TIME_PATTERN } from '@cspr/domain/input-limits';

type AmendValues = {
  /** Why the notification changes: asked each time, so it starts empty. */
  reason: string;
  nature: string;
  localAuthorityCode: string;
  becameAwareOn: DateParts;
  incidentOn: DateParts;
  incidentTime: string;
  location: string;
  caseOutline: string;
};

const currentValues = (i: IncidentDetails): AmendValues => ({
  reason: '',
  nature: i.nature,
  localAuthorityCode: i.localAuthorityCode,
  becameAwareOn: partsFromIso(i.becameAwareOn),
  incidentOn: partsFromIso(i.incidentOn),
  incidentTime: i.personal?.incidentTime ?? '',
  location: i.personal?.location ?? '',
  caseOutline: i.personal?.caseOutline ?? '',
});

const readForm = (form: URLSearchParams): AmendValues => {
  const get = (name: string) => String(form.get(name) ?? '');
  const date = (id: string): DateParts => ({
    day: get(`${id}-day`),
    month: get(`${id}-month`),
    year: get(`${id}-year`),
  });
  return {
    reason: get('reason'),
    nature: get('nature'),
    localAuthorityCode: get('localAuthorityCode'),
    becameAwareOn: date('becameAwareOn'),
    incidentOn: date('incidentOn'),
    incidentTime: get('incidentTime'),
    location: get('location'),
    caseOutline: get('caseOutline'),
  };
};

/** The children are not corrected on this page (see above), so their reason is not offered here. */
const CORRECTION_REASONS = AMENDMENT_REASONS.filter((r) => r.value !== 'CHILD_DETAILS_CORRECTED');

const validate = (v: AmendValues, notifiedOn: string, today: string): FieldErrors => {
  const errors: FieldErrors = {};
  if (!CORRECTION_REASONS.some((r) => r.value === v.reason)) errors.reason = 'Select why the notification is changing';
  if (!v.nature) errors.nature = 'Select what happened to the child';
  if (!v.localAuthorityCode) errors.localAuthorityCode = 'Select the local authority where the incident happened';
  const aware = checkDate(v.becameAwareOn, 'the date the local authority became aware', today, {
    notAfter: { iso: notifiedOn, what: 'the day the incident was notified' },
  });
  if (aware) errors.becameAwareOn = aware;
  const incident = checkDate(v.incidentOn, 'the incident date', today, {
    notAfter: {
      iso: aware ? undefined : isoFromParts(v.becameAwareOn),
      what: 'the date the local authority became aware',
    },
  });
  if (incident) errors.incidentOn = incident;
  if (v.incidentTime.trim() && !INCIDENT_TIME_PATTERN.test(v.incidentTime.trim()))
    errors.incidentTime = 'Enter the time as hours and minutes on the 24-hour clock, like 14:30';
  if (!v.location.trim()) errors.location = 'Enter where the incident happened';
  if (!v.caseOutline.trim()) errors.caseOutline = 'Enter a short outline of the case';
  return errors;
};

/** Only what differs from the notification as it stands: an answer left alone is not sent as a change. */
export const changesBetween = (was: AmendValues, now: AmendValues): Record<string, string> => {
  const changes: Record<string, string> = {};
  const compare = (field: string, before: string, after: string) => {
    if (before.trim() !== after.trim()) changes[field] = after.trim();
  };
  compare('nature', was.nature, now.nature);
  compare('localAuthorityCode', was.localAuthorityCode, now.localAuthorityCode);
  compare('becameAwareOn', isoFromParts(was.becameAwareOn) ?? '', isoFromParts(now.becameAwareOn) ?? '');
  compare('incidentOn', isoFromParts(was.incidentOn) ?? '', isoFromParts(now.incidentOn) ?? '');
  compare('incidentTime', was.incidentTime, now.incidentTime);
  compare('location', was.location, now.location);
  compare('caseOutline', was.caseOutline, now.caseOutline);
  return changes;
};

/** Every local authority by name (value: its code), for a select that never shows the code. */
export const localAuthorityOptions = async (gateway: GatewayCall) => {
  const { localAuthorities } = await gateway<{ localAuthorities: { code: string; name: string }[] }>(
    LOCAL_AUTHORITIES_AND_PARTNERSHIPS,
  );
  return [...localAuthorities]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((la) => ({ value: la.code, label: la.name }));
};

/** The gateway's `input.changes.incidentOn` as this form's field id. */
const fieldIdOf = (path: string) =>
  path
    .replace(/^input\./, '')
    .replace(/^changes\./, '')
    .split('.')[0] ?? 'nature';

export const amendNotificationPage = async (ctx: PageContext) => {
  const incident = await loadIncident(ctx.gateway, ctx.params.id!);
  const commandId = commandIdOf(ctx.form);
  const authorities = await localAuthorityOptions(ctx.gateway);
  const reference = incident.reference ?? 'this incident';
  const draw = (v: AmendValues, errors: FieldErrors = {}, problem?: string) =>
    ctx.render(
      'Correct the notification',
      html`
      ${backLink(`/partnership/incidents/${incident.id}`, 'Back to the incident')}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${problem ? warning(problem) : ''}
        <span class="govuk-caption-l">Incident ${reference}</span>
        <h1 class="govuk-heading-l">Correct the notification</h1>
        <p class="govuk-body">Change the answers that were wrong and leave the others as they are. The Panel, DfE and Ofsted see the correction, and the incident’s history keeps the old and the new answer.</p>
        <p class="govuk-body">To change the children, contact the Panel.</p>
        <form method="post" novalidate id="amend-form">
          ${defaultSubmit('Send the correction')}
          ${ctx.csrf}
          <input type="hidden" name="commandId" value="${commandId}">
          ${choices({ id: 'reason', type: 'radio', label: 'Why are you correcting the notification?', legendClass: 'govuk-fieldset__legend--m', options: CORRECTION_REASONS, value: v.reason, errors })}
          ${choices({ id: 'nature', type: 'radio', label: 'What happened?', options: NATURES, value: v.nature, errors })}
          ${select({ id: 'localAuthorityCode', label: 'Local authority where the incident happened', options: authorities, value: v.localAuthorityCode, errors })}
          ${dateInput({ id: 'becameAwareOn', label: 'When did the local authority become aware of the incident?', hint: 'For example, 27 3 2026', value: v.becameAwareOn, errors })}
          ${dateInput({ id: 'incidentOn', label: 'When did the incident happen?', hint: 'For example, 25 3 2026', value: v.incidentOn, errors })}
          ${textInput({ id: 'incidentTime', label: 'Time of the incident (optional)', hint: 'On the 24-hour clock, for example 14:30', value: v.incidentTime, width: 'govuk-input--width-5', errors })}
          ${textarea({ id: 'location', label: 'Where did the incident happen?', value: v.location, rows: 2, errors })}
          ${textarea({ id: 'caseOutline', label: 'Outline of the case', value: v.caseOutline, rows: 6, errors })}
          ${button({ text: 'Send the correction' })}
        </form>
      </div></div>`,
      { errors },
    );

  if (incident.status === 'WITHDRAWN' || incident.personal?.erased) {
    return ctx.render(
      'Correct the notification',
      html`${backLink(`/partnership/incidents/${incident.id}`, 'Back to the incident')}<h1 class="govuk-heading-l">Correct the notification</h1><p class="govuk-body">This notification can no longer be corrected: it has been ${incident.status === 'WITHDRAWN' ? 'withdrawn' : 'erased'}.</p>`,
    );
  }
  const was = currentValues(incident);
  if (ctx.method === 'GET') return draw(was);
  const values = readForm(ctx.form);
  const found = validate(values, incident.notifiedOn, todayInEngland());
  if (Object.keys(found).length) return draw(values, found);
  const changes = changesBetween(was, values);
  if (!Object.keys(changes).length)
    return draw(values, { nature: 'Change at least one answer, or go back to the incident' });
  const data = await ctx.gateway<{ amendNotification: { __typename: string; position?: string } | ClientError }>(
    AMEND_NOTIFICATION,
    { input: { commandId, incidentId: incident.id, reason: values.reason, changes } },
  );
  const result = data.amendNotification;
  if (isClientError(result)) {
    return result.__typename === 'ValidationError' && result.field
      ? draw(values, { [fieldIdOf(result.field)]: plainRefusal(result.message) })
      : draw(values, {}, plainRefusal(result.message));
  }
  ctx.redirect(`/partnership/incidents/${incident.id}?amended=1`, result.position);
};
