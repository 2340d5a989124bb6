/**
 * The notification form's rules, in plain words, as pure functions: the page checks as the user types and again
 * on submit; the gateway and the decider check the same rules, so these messages only save a round trip.
 */
import { checkDate, isBlank, isoFromParts, type DateParts } from '../app/dates';
import type { FieldErrors } from '../app/components';
import {
  EMAIL_PATTERN,
  INCIDENT_TIME_PATTERN,
  LOCAL_AUTHORITY_CODE_PATTERN,
  MAX_AGE_IN_YEARS,
  MAX_CHILDREN,
  PHONE_MAX,
  PHONE_PATTERN,
} from '@cspr/domain/input-limits';

// The limits are the domain's (the decider is the final judge), so the form, the gateway and the decider agree.
export { MAX_CHILDREN };

export type ChildValues = {
  name: string;
  dateOfBirth: DateParts;
  ageInYears: string;
  sex: string;
  ethnicity: string;
  disability: string;
  placement: string;
  lookedAfter: string;
  childInNeedPlan: string;
  childProtectionPlan: string;
  knownToAgencies: string;
};

export type NotifyValues = {
  nature: string;
  localAuthorityCode: string;
  becameAwareOn: DateParts;
  incidentOn: DateParts;
  incidentTime: string;
  location: string;
  caseOutline: string;
  children: ChildValues[];
  notifierName: string;
  notifierRole: string;
  notifierEmail: string;
  notifierPhone: string;
  supportingDocuments: string;
};

const emptyDate = (): DateParts => ({ day: '', month: '', year: '' });
export const emptyChild = (): ChildValues => ({
  name: '',
  dateOfBirth: emptyDate(),
  ageInYears: '',
  sex: '',
  ethnicity: '',
  disability: '',
  placement: '',
  lookedAfter: '',
  childInNeedPlan: '',
  childProtectionPlan: '',
  knownToAgencies: '',
});
export const emptyNotify = (): NotifyValues => ({
  nature: '',
  localAuthorityCode: '',
  becameAwareOn: emptyDate(),
  incidentOn: emptyDate(),
  incidentTime: '',
  location: '',
  caseOutline: '',
  children: [emptyChild()],
  notifierName: '',
  notifierRole: '',
  notifierEmail: '',
  notifierPhone: '',
  supportingDocuments: '',
});

const get = (data: URLSearchParams, name: string) => String(data.get(name) ?? '');
const dateOf = (data: URLSearchParams, id: string): DateParts => ({
  day: get(data, `${id}-day`),
  month: get(data, `${id}-month`),
  year: get(data, `${id}-year`),
});

export const readNotifyForm = (data: URLSearchParams, childCount: number): NotifyValues => ({
  nature: get(data, 'nature'),
  localAuthorityCode: get(data, 'localAuthorityCode'),
  becameAwareOn: dateOf(data, 'becameAwareOn'),
  incidentOn: dateOf(data, 'incidentOn'),
  incidentTime: get(data, 'incidentTime'),
  location: get(data, 'location'),
  caseOutline: get(data, 'caseOutline'),
  children: Array.from({ length: childCount }, (_, i): ChildValues => {
    const p = `children-${i}-`;
    return {
      name: get(data, `${p}name`),
      dateOfBirth: dateOf(data, `${p}dateOfBirth`),
      ageInYears: get(data, `${p}ageInYears`),
      sex: get(data, `${p}sex`),
      ethnicity: get(data, `${p}ethnicity`),
      disability: get(data, `${p}disability`),
      placement: get(data, `${p}placement`),
      lookedAfter: get(data, `${p}lookedAfter`),
      childInNeedPlan: get(data, `${p}childInNeedPlan`),
      childProtectionPlan: get(data, `${p}childProtectionPlan`),
      knownToAgencies: get(data, `${p}knownToAgencies`),
    };
  }),
  notifierName: get(data, 'notifierName'),
  notifierRole: get(data, 'notifierRole'),
  notifierEmail: get(data, 'notifierEmail'),
  notifierPhone: get(data, 'notifierPhone'),
  supportingDocuments: get(data, 'supportingDocuments'),
});

const LA_CODE = LOCAL_AUTHORITY_CODE_PATTERN;
const EMAIL = EMAIL_PATTERN;
const TIME = INCIDENT_TIME_PATTERN;

/** One child's rules (child `i` of the form), shared with the page that corrects a notification. */
export const childErrors = (
  child: ChildValues,
  i: number,
  today: string,
  incidentIso: string | undefined,
): FieldErrors => {
  const p = `children-${i}-`;
  const n = `child ${i + 1}`;
  const errors: FieldErrors = {};
  if (!child.name.trim()) errors[`${p}name`] = `Enter the full name of ${n}`;
  if (!isBlank(child.dateOfBirth)) {
    const problem = checkDate(
      child.dateOfBirth,
      `the date of birth of ${n}`,
      today,
      incidentIso ? { notAfter: { iso: incidentIso, what: 'the incident date' } } : {},
    );
    if (problem) errors[`${p}dateOfBirth`] = problem;
  }
  if (child.ageInYears.trim()) {
    const age = Number(child.ageInYears);
    if (!Number.isInteger(age) || age < 0 || age > MAX_AGE_IN_YEARS)
      errors[`${p}ageInYears`] = `The age of ${n} must be a whole number from 0 to ${MAX_AGE_IN_YEARS}`;
    else if (!isBlank(child.dateOfBirth))
      errors[`${p}ageInYears`] = `Give either the date of birth or the age of ${n}, not both`;
  }
  const required: [keyof ChildValues, string][] = [
    ['sex', `Select the sex of ${n}`],
    ['ethnicity', `Select the ethnic group of ${n}`],
    ['disability', `Select whether ${n} has a disability`],
    ['placement', `Select where ${n} was living at the time`],
    ['lookedAfter', `Select whether ${n} was looked after`],
    ['childInNeedPlan', `Select whether ${n} had a child in need plan`],
    ['childProtectionPlan', `Select whether ${n} had a child protection plan`],
    ['knownToAgencies', `Select whether ${n} was known to any agency`],
  ];
  for (const [field, message] of required) if (!String(child[field]).trim()) errors[`${p}${field}`] = message;
  return errors;
};

/** Every rule, keyed by the field id the error summary links to. `today` is the day in England. */
export const validateNotify = (v: NotifyValues, today: string): FieldErrors => {
  const errors: FieldErrors = {};
  if (!v.nature) errors.nature = 'Select what happened to the child';
  if (!v.localAuthorityCode.trim())
    errors.localAuthorityCode = 'Select the local authority where the incident happened';
  else if (!LA_CODE.test(v.localAuthorityCode.trim().toUpperCase()))
    errors.localAuthorityCode = 'Select a local authority from the list';
  const aware = checkDate(v.becameAwareOn, 'the date the local authority became aware', today);
  if (aware) errors.becameAwareOn = aware;
  const awareIso = aware ? undefined : isoFromParts(v.becameAwareOn);
  const incident = checkDate(v.incidentOn, 'the incident date', today, {
    notAfter: { iso: awareIso, what: 'the date the local authority became aware' },
  });
  if (incident) errors.incidentOn = incident;
  if (v.incidentTime.trim() && !TIME.test(v.incidentTime.trim()))
    errors.incidentTime = 'Enter the time as hours and minutes on the 24-hour clock, like 14:30';
  if (!v.location.trim()) errors.location = 'Enter where the incident happened';
  if (!v.caseOutline.trim()) errors.caseOutline = 'Enter a short outline of the case';
  if (v.children.length < 1 || v.children.length > MAX_CHILDREN)
    errors['children-0-name'] = `A notification holds between 1 and ${MAX_CHILDREN} children`;
  const incidentIso = incident ? undefined : isoFromParts(v.incidentOn);
  v.children.forEach((child, i) => Object.assign(errors, childErrors(child, i, today, incidentIso)));
  return Object.assign(errors, notifierErrors(v));
};

type NotifierValues = Pick<NotifyValues, 'notifierName' | 'notifierRole' | 'notifierEmail' | 'notifierPhone'>;

/** The notifier's contact details, shared with the page that corrects a notification. */
export const notifierErrors = (v: NotifierValues): FieldErrors => {
  const errors: FieldErrors = {};
  if (!v.notifierName.trim()) errors.notifierName = 'Enter your full name';
  if (!v.notifierRole.trim()) errors.notifierRole = 'Enter your job title';
  if (!v.notifierEmail.trim()) errors.notifierEmail = 'Enter your email address';
  else if (!EMAIL.test(v.notifierEmail.trim()))
    errors.notifierEmail = 'Enter an email address in the correct format, like name@example.gov.uk';
  const phone = v.notifierPhone.trim();
  if (phone && (phone.length > PHONE_MAX || !PHONE_PATTERN.test(phone)))
    errors.notifierPhone = 'Enter a telephone number, like 0113 222 3333';
  return errors;
};

const bool = (value: string) => value === 'true';
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The `NotifyIncidentInput` of the gateway, from values that passed `validateNotify`. */
export const toNotifyInput = (v: NotifyValues, commandId: string) => ({
  commandId,
  localAuthorityCode: v.localAuthorityCode.trim().toUpperCase(),
  nature: v.nature,
  becameAwareOn: isoFromParts(v.becameAwareOn),
  incidentOn: isoFromParts(v.incidentOn),
  ...(v.incidentTime.trim() ? { incidentTime: v.incidentTime.trim() } : {}),
  location: v.location.trim(),
  caseOutline: v.caseOutline.trim(),
  children: v.children.map((c, i) => toChildInput(c, `child-${i + 1}`)),
  notifier: toNotifierInput(v),
  ...(lines(v.supportingDocuments).length ? { supportingDocuments: lines(v.supportingDocuments) } : {}),
});

/** The gateway's `ChildInput` of one child that passed `childErrors`. */
export const toChildInput = (c: ChildValues, childRef: string) => ({
  childRef,
  name: c.name.trim(),
  ...(isBlank(c.dateOfBirth) ? {} : { dateOfBirth: isoFromParts(c.dateOfBirth) }),
  ...(c.ageInYears.trim() ? { ageInYears: Number(c.ageInYears) } : {}),
  sex: c.sex,
  ethnicity: c.ethnicity,
  disability: c.disability,
  placement: c.placement,
  lookedAfter: bool(c.lookedAfter),
  childInNeedPlan: bool(c.childInNeedPlan),
  childProtectionPlan: bool(c.childProtectionPlan),
  knownToAgencies: c.knownToAgencies,
});

/** The gateway's `ContactInput` of the notifier. */
export const toNotifierInput = (v: NotifierValues) => ({
  name: v.notifierName.trim(),
  role: v.notifierRole.trim(),
  email: v.notifierEmail.trim(),
  ...(v.notifierPhone.trim() ? { phone: v.notifierPhone.trim() } : {}),
});

/** Supporting documents as the form holds them (one a line) to the gateway's list. */
export const documentLines = lines;

/** Gateway field paths (`input.children.0.name`, `children[0].name`) as this form's field ids. */
export const fieldIdOf = (path: string): string => {
  const parts = path
    .replace(/^input\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.');
  if (parts[0] === 'notifier' && parts[1]) return `notifier${parts[1].charAt(0).toUpperCase()}${parts[1].slice(1)}`;
  return parts.join('-');
};
