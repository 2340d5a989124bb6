/**
 * The owning partnership corrects its notification: the form opens with every answer as it stands (the free text
 * and the children's personal details opened for it), and only the answers changed are sent (`amendNotification`
 * records nothing for an unchanged one). A free-text answer being changed shows, under it, what is recorded now,
 * so the old text stays in view while it is rewritten. The children can be corrected, added (up to four) or
 * removed: the domain's `changes.children` replaces every child, so when any child's answer changes all of them
 * are sent, each keeping its reference. The incident's history then shows the old and the new value of each
 * minimised answer; the superseded free text stays only in the log.
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
import { childCountOf, childSection, commandIdOf, defaultSubmit } from './notify-page';
import {
  childErrors,
  documentLines,
  fieldIdOf as notifyFieldIdOf,
  emptyChild,
  MAX_CHILDREN,
  notifierErrors,
  readNotifyForm,
  toChildInput,
  toNotifierInput,
  type ChildValues,
} from './notify-rules';
import type { IncidentDetails } from '../incident/incident-details';
import { INCIDENT_TIME_PATTERN } from '@cspr/domain/input-limits';

/** A child as the form holds it, with the reference it keeps (a harm child's reference must survive a correction). */
type AmendChild = ChildValues & { childRef: string };

export type AmendValues = {
  /** Why the notification changes: asked each time, so it starts empty. */
  reason: string;
  nature: string;
  localAuthorityCode: string;
  becameAwareOn: DateParts;
  incidentOn: DateParts;
  incidentTime: string;
  location: string;
  caseOutline: string;
  supportingDocuments: string;
  notifierName: string;
  notifierRole: string;
  notifierEmail: string;
  notifierPhone: string;
  children: AmendChild[];
};

const yesNo = (value: boolean) => (value ? 'true' : 'false');

/** The children as notified: the minimised answers joined with their opened personal details by reference. */
const currentChildren = (i: IncidentDetails): AmendChild[] =>
  i.children.map((c) => {
    const personal = i.personal?.children.find((p) => p.childRef === c.childRef);
    return {
      childRef: c.childRef,
      name: personal?.name ?? '',
      dateOfBirth: personal?.dateOfBirth ? partsFromIso(personal.dateOfBirth) : { day: '', month: '', year: '' },
      ageInYears:
        personal?.ageInYears === null || personal?.ageInYears === undefined ? '' : String(personal.ageInYears),
      sex: c.sex,
      ethnicity: c.ethnicity,
      disability: c.disability,
      placement: c.placement,
      lookedAfter: yesNo(c.lookedAfter),
      childInNeedPlan: yesNo(c.childInNeedPlan),
      childProtectionPlan: yesNo(c.childProtectionPlan),
      knownToAgencies: c.knownToAgencies,
    };
  });

const currentValues = (i: IncidentDetails): AmendValues => ({
  reason: '',
  nature: i.nature,
  localAuthorityCode: i.localAuthorityCode,
  becameAwareOn: partsFromIso(i.becameAwareOn),
  incidentOn: partsFromIso(i.incidentOn),
  incidentTime: i.personal?.incidentTime ?? '',
  location: i.personal?.location ?? '',
  caseOutline: i.personal?.caseOutline ?? '',
  supportingDocuments: (i.personal?.supportingDocuments ?? []).join('\n'),
  notifierName: i.personal?.notifier?.name ?? '',
  notifierRole: i.personal?.notifier?.role ?? '',
  notifierEmail: i.personal?.notifier?.email ?? '',
  notifierPhone: i.personal?.notifier?.phone ?? '',
  children: currentChildren(i),
});

/** A new child's reference: the first `child-N` no other child of the notification uses. */
const freshChildRef = (taken: string[]): string => {
  for (let n = 1; ; n += 1) if (!taken.includes(`child-${n}`)) return `child-${n}`;
};

const readForm = (form: URLSearchParams): AmendValues => {
  const get = (name: string) => String(form.get(name) ?? '');
  const posted = readNotifyForm(form, childCountOf(form));
  const refs: string[] = [];
  const children = posted.children.map((child, i) => {
    const given = get(`children-${i}-childRef`);
    const childRef = /^[A-Za-z0-9_-]{1,100}$/.test(given) && !refs.includes(given) ? given : freshChildRef(refs);
    refs.push(childRef);
    return { ...child, childRef };
  });
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
    supportingDocuments: get('supportingDocuments'),
    notifierName: posted.notifierName,
    notifierRole: posted.notifierRole,
    notifierEmail: posted.notifierEmail,
    notifierPhone: posted.notifierPhone,
    children,
  };
};

const validate = (v: AmendValues, notifiedOn: string, today: string): FieldErrors => {
  const errors: FieldErrors = {};
  if (!AMENDMENT_REASONS.some((r) => r.value === v.reason)) errors.reason = 'Select why the notification is changing';
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
  const incidentIso = incident ? undefined : isoFromParts(v.incidentOn);
  v.children.forEach((child, i) => Object.assign(errors, childErrors(child, i, today, incidentIso)));
  return Object.assign(errors, notifierErrors(v));
};

/** Only what differs from the notification as it stands: an answer left alone is not sent as a change. */
export const changesBetween = (was: AmendValues, now: AmendValues): Record<string, unknown> => {
  const changes: Record<string, unknown> = {};
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
  if (documentLines(was.supportingDocuments).join('\n') !== documentLines(now.supportingDocuments).join('\n'))
    changes.supportingDocuments = documentLines(now.supportingDocuments);
  const notifier = (v: AmendValues) => JSON.stringify(toNotifierInput(v));
  if (notifier(was) !== notifier(now)) changes.notifier = toNotifierInput(now);
  // `changes.children` replaces every child: any child changed, added or removed sends them all.
  const children = (v: AmendValues) => v.children.map((c) => toChildInput(c, c.childRef));
  if (JSON.stringify(children(was)) !== JSON.stringify(children(now))) changes.children = children(now);
  return changes;
};

/** Under a free-text answer being changed, what is recorded now, so the old text stays in view. */
const recordedNow = (was: string, now: string, hint?: string): string | undefined =>
  was.trim() === now.trim() ? hint : `${hint ? `${hint}. ` : ''}Recorded now: ${was.trim() || 'nothing'}`;

/** Every local authority by name (value: its code), for a select that never shows the code. */
export const localAuthorityOptions = async (gateway: GatewayCall) => {
  const { localAuthorities } = await gateway<{ localAuthorities: { code: string; name: string }[] }>(
    LOCAL_AUTHORITIES_AND_PARTNERSHIPS,
  );
  return [...localAuthorities]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((la) => ({ value: la.code, label: la.name }));
};

/** The gateway's `input.changes.children.0.name` as this form's field id (`children-0-name`). */
const fieldIdOf = (path: string) => notifyFieldIdOf(path.replace(/^input\./, '').replace(/^changes\./, ''));

export const amendNotificationPage = async (ctx: PageContext) => {
  const incident = await loadIncident(ctx.gateway, ctx.params.id!);
  const commandId = commandIdOf(ctx.form);
  const authorities = await localAuthorityOptions(ctx.gateway);
  const reference = incident.reference ?? 'this incident';
  const was = currentValues(incident);
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
        <form method="post" novalidate id="amend-form">
          ${defaultSubmit('Send the correction')}
          ${ctx.csrf}
          <input type="hidden" name="commandId" value="${commandId}">
          <input type="hidden" name="childCount" value="${v.children.length}">
          ${choices({ id: 'reason', type: 'radio', label: 'Why are you correcting the notification?', legendClass: 'govuk-fieldset__legend--m', options: AMENDMENT_REASONS, value: v.reason, errors })}
          ${choices({ id: 'nature', type: 'radio', label: 'What happened?', options: NATURES, value: v.nature, errors })}
          ${select({ id: 'localAuthorityCode', label: 'Local authority where the incident happened', options: authorities, value: v.localAuthorityCode, errors })}
          ${dateInput({ id: 'becameAwareOn', label: 'When did the local authority become aware of the incident?', hint: 'For example, 27 3 2026', value: v.becameAwareOn, errors })}
          ${dateInput({ id: 'incidentOn', label: 'When did the incident happen?', hint: 'For example, 25 3 2026', value: v.incidentOn, errors })}
          ${textInput({ id: 'incidentTime', label: 'Time of the incident (optional)', hint: recordedNow(was.incidentTime, v.incidentTime, 'On the 24-hour clock, for example 14:30'), value: v.incidentTime, width: 'govuk-input--width-5', errors })}
          ${textarea({ id: 'location', label: 'Where did the incident happen?', hint: recordedNow(was.location, v.location), value: v.location, rows: 2, errors })}
          <h2 class="govuk-heading-m">Children</h2>
          <p class="govuk-body">Correct a child’s answers here. A notification can include up to ${MAX_CHILDREN} children.</p>
          ${v.children.map((c, i) => html`<input type="hidden" name="children-${i}-childRef" value="${c.childRef}">${childSection(c, i, v.children.length, errors)}`)}
          ${v.children.length < MAX_CHILDREN ? button({ text: 'Add another child', secondary: true, name: 'action', value: 'add-child' }) : ''}
          <h2 class="govuk-heading-m">Case outline</h2>
          ${textarea({ id: 'caseOutline', label: 'Outline of the case', hint: recordedNow(was.caseOutline, v.caseOutline), value: v.caseOutline, rows: 6, errors })}
          ${textarea({ id: 'supportingDocuments', label: 'Supporting documents (optional)', hint: recordedNow(was.supportingDocuments, v.supportingDocuments, 'The name or reference of each document, one a line'), value: v.supportingDocuments, rows: 3, errors })}
          <h2 class="govuk-heading-m">Who notified</h2>
          ${textInput({ id: 'notifierName', label: 'Full name', hint: recordedNow(was.notifierName, v.notifierName), value: v.notifierName, autocomplete: 'name', errors })}
          ${textInput({ id: 'notifierRole', label: 'Job title', hint: recordedNow(was.notifierRole, v.notifierRole), value: v.notifierRole, autocomplete: 'organization-title', errors })}
          ${textInput({ id: 'notifierEmail', label: 'Email address', type: 'email', hint: recordedNow(was.notifierEmail, v.notifierEmail), value: v.notifierEmail, autocomplete: 'email', errors })}
          ${textInput({ id: 'notifierPhone', label: 'Phone number (optional)', type: 'tel', hint: recordedNow(was.notifierPhone, v.notifierPhone), value: v.notifierPhone, autocomplete: 'tel', width: 'govuk-input--width-20', errors })}
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
  if (ctx.method === 'GET') return draw(was);
  const values = readForm(ctx.form);
  // "Add another child" and "Remove child N" post the form back with what was typed (as the notify page does).
  const action = ctx.form.get('action') ?? '';
  if (action === 'add-child' && values.children.length < MAX_CHILDREN) {
    const childRef = freshChildRef([...was.children, ...values.children].map((c) => c.childRef));
    return draw({ ...values, children: [...values.children, { ...emptyChild(), childRef }] });
  }
  const removed = /^remove-child-(\d)$/.exec(action);
  if (removed && values.children.length > 1)
    return draw({ ...values, children: values.children.filter((_, i) => i !== Number(removed[1])) });
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
