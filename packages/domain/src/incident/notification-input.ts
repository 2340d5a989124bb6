/**
 * Checks and shapes the notification input shared by NotifyIncident and AmendNotification: children (1–4, distinct
 * refs, age band computed here), notifier and the free-text parts. Errors name the field, never the value.
 */
import type { AgeBand, CareLeaverAgeBand, ChildCharacteristics, ChildPersonalData, Notifier } from './incident-events';
import type { ChildForNature } from './nature-rules';
import type { NotifiedChild } from './incident-commands';
import { CHILD_REFS, ETHNICITIES, PLACEMENTS, SEXES, YES_NO_NOT_KNOWN } from './incident-vocabulary';
import {
  INCIDENT_TIME_PATTERN,
  LOCAL_AUTHORITY_CODE_PATTERN,
  LOCATION_MAX,
  MAX_AGE_IN_YEARS,
  MAX_CHILDREN,
  MAX_SUPPORTING_DOCUMENTS,
  PHONE_MAX,
  PHONE_PATTERN,
} from '../shared/input-limits';
import { validationError } from '../shared/domain-error';
import { ageInWholeYears } from '../shared/dates';
import type { CalendarDate, LocalAuthorityCode } from '../shared/types';
import {
  FREE_TEXT_MAX,
  optionalBoolean,
  optionalDate,
  optionalString,
  requireArray,
  requireBoolean,
  requireDistinct,
  requireEmail,
  requireInteger,
  requireNotFuture,
  requireOneOf,
  requireOrder,
  requireString,
} from '../shared/validate';

export const ageBandFor = (ageInYears: number | undefined): AgeBand => {
  if (ageInYears === undefined) return 'unknown';
  if (ageInYears < 1) return 'under-1';
  if (ageInYears <= 5) return '1-5';
  if (ageInYears <= 10) return '6-10';
  if (ageInYears <= 15) return '11-15';
  return '16-plus';
};

/** DfE's care-leaver bands: 16–21 and 22–24; none below 16 or above 24 (the nature rules refuse those). */
export const careLeaverAgeBandFor = (ageInYears: number | undefined): CareLeaverAgeBand | undefined =>
  ageInYears === undefined || ageInYears < 16 || ageInYears > 24 ? undefined : ageInYears <= 21 ? '16-21' : '22-24';

export const requireLocalAuthority = (
  value: unknown,
  field: string,
  covered: readonly LocalAuthorityCode[],
  partnershipId: string,
): LocalAuthorityCode => {
  const code = requireString(value, field, 9);
  if (!LOCAL_AUTHORITY_CODE_PATTERN.test(code))
    throw validationError(field, `${field} must be an English local authority code such as E08000035`);
  if (!covered.includes(code))
    throw validationError(field, `${field} is not a local authority covered by partnership '${partnershipId}'`);
  return code;
};

const parseChild = (input: NotifiedChild, index: number, incidentOn: CalendarDate, today: CalendarDate) => {
  const at = `children.${index}`;
  if (input === null || typeof input !== 'object') throw validationError(at, `${at} must be a child record`);
  const childRef = requireOneOf(input.childRef, `${at}.childRef`, CHILD_REFS);
  const dateOfBirth = optionalDate(input.dateOfBirth, `${at}.dateOfBirth`);
  const givenAge =
    input.ageInYears === undefined || input.ageInYears === null
      ? undefined
      : requireInteger(input.ageInYears, `${at}.ageInYears`, 0, MAX_AGE_IN_YEARS);
  let age = givenAge;
  if (dateOfBirth !== undefined) {
    requireNotFuture(dateOfBirth, `${at}.dateOfBirth`, today);
    if (dateOfBirth > incidentOn)
      throw validationError(`${at}.dateOfBirth`, `${at}.dateOfBirth must not be after incidentOn`);
    age = ageInWholeYears(dateOfBirth, incidentOn);
    // Both given is fine when they agree; disagreeing data is what DfE has to chase later, so refuse it now.
    if (givenAge !== undefined && givenAge !== age) {
      throw validationError(`${at}.ageInYears`, `${at}.ageInYears does not match ${at}.dateOfBirth at incidentOn`);
    }
    if (age > MAX_AGE_IN_YEARS)
      throw validationError(
        `${at}.dateOfBirth`,
        `${at}.dateOfBirth makes the child older than ${MAX_AGE_IN_YEARS} at incidentOn`,
      );
  }
  const under18 = optionalBoolean(input.under18, `${at}.under18`);
  const careLeaverAgeBand = careLeaverAgeBandFor(age);
  const characteristics: ChildCharacteristics = {
    childRef,
    ageBand: ageBandFor(age),
    sex: requireOneOf(input.sex, `${at}.sex`, SEXES),
    ethnicity: requireOneOf(input.ethnicity, `${at}.ethnicity`, ETHNICITIES),
    disability: requireOneOf(input.disability, `${at}.disability`, YES_NO_NOT_KNOWN),
    placement: requireOneOf(input.placement, `${at}.placement`, PLACEMENTS),
    lookedAfter: requireBoolean(input.lookedAfter, `${at}.lookedAfter`),
    childInNeedPlan: requireBoolean(input.childInNeedPlan, `${at}.childInNeedPlan`),
    childProtectionPlan: requireBoolean(input.childProtectionPlan, `${at}.childProtectionPlan`),
    knownToAgencies: requireOneOf(input.knownToAgencies, `${at}.knownToAgencies`, YES_NO_NOT_KNOWN),
    ...(under18 !== undefined ? { under18 } : {}),
    ...(careLeaverAgeBand !== undefined ? { careLeaverAgeBand } : {}),
  };
  const ageField = dateOfBirth !== undefined ? `${at}.dateOfBirth` : `${at}.ageInYears`;
  const forNature: ChildForNature = { characteristics, at, ...(age !== undefined ? { age, ageField } : {}) };
  const personal: ChildPersonalData = {
    childRef,
    name: requireString(input.name, `${at}.name`),
    ...(dateOfBirth !== undefined ? { dateOfBirth } : {}),
    ...(givenAge !== undefined ? { ageInYears: givenAge } : {}),
  };
  return { characteristics, personal, forNature };
};

/** 1–4 children with distinct refs; the age band is computed relative to `incidentOn`. */
export const parseChildren = (value: unknown, incidentOn: CalendarDate, today: CalendarDate) => {
  const inputs = requireArray<NotifiedChild>(value, 'children', 1, MAX_CHILDREN);
  const parsed = inputs.map((child, index) => parseChild(child, index, incidentOn, today));
  requireDistinct(parsed, 'children', (c) => c.characteristics.childRef);
  return {
    characteristics: parsed.map((c) => c.characteristics),
    personal: parsed.map((c) => c.personal),
    forNature: parsed.map((c) => c.forNature),
  };
};

/** A person's contact details: the notifier of a notification, the referrer of a referral (`field` names which). */
export const parseContact = (value: unknown, field: 'notifier' | 'referrer'): Notifier => {
  if (value === null || typeof value !== 'object') throw validationError(field, `${field} is required`);
  const input = value as Notifier;
  const phone = optionalString(input.phone, `${field}.phone`, PHONE_MAX);
  if (phone !== undefined && !PHONE_PATTERN.test(phone))
    throw validationError(`${field}.phone`, `${field}.phone must be a telephone number`);
  return {
    name: requireString(input.name, `${field}.name`),
    role: requireString(input.role, `${field}.role`),
    email: requireEmail(input.email, `${field}.email`),
    ...(phone !== undefined ? { phone } : {}),
  };
};

export const parseNotifier = (value: unknown): Notifier => parseContact(value, 'notifier');

export const parseIncidentTime = (value: unknown): string | undefined => {
  const time = optionalString(value, 'incidentTime', 5);
  if (time !== undefined && !INCIDENT_TIME_PATTERN.test(time))
    throw validationError('incidentTime', 'incidentTime must be a time HH:MM');
  return time;
};

export const parseSupportingDocuments = (value: unknown): string[] | undefined => {
  if (value === undefined || value === null) return undefined;
  const documents = requireArray<string>(value, 'supportingDocuments', 0, MAX_SUPPORTING_DOCUMENTS);
  return documents.map((d, i) => requireString(d, `supportingDocuments.${i}`));
};

export const parseLocation = (value: unknown) => requireString(value, 'location', LOCATION_MAX);
export const parseCaseOutline = (value: unknown) => requireString(value, 'caseOutline', FREE_TEXT_MAX);

/** incidentOn ≤ becameAwareOn ≤ notifiedOn ≤ today: the law counts from these dates, so their order matters. */
export const requireNotificationDates = (
  incidentOn: CalendarDate,
  becameAwareOn: CalendarDate,
  notifiedOn: CalendarDate,
  today: CalendarDate,
  prefix = '',
) => {
  requireNotFuture(incidentOn, `${prefix}incidentOn`, today);
  requireNotFuture(becameAwareOn, `${prefix}becameAwareOn`, today);
  requireOrder(incidentOn, `${prefix}incidentOn`, becameAwareOn, `${prefix}becameAwareOn`);
  if (becameAwareOn > notifiedOn)
    throw validationError(`${prefix}becameAwareOn`, `${prefix}becameAwareOn must not be after the notification date`);
};
