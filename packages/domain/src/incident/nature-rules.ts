/**
 * Which children a nature of notification can be about (issue 14, GOV.UK "Report a serious child safeguarding
 * incident" and Working Together 2023): a child death, serious harm, harm caused by a child and a looked-after
 * child's death are of a child under 18; a care-leaver death is of a young person aged 16 to 24 inclusive; the
 * `under18` flag must agree with the age; a looked-after child's death needs the child the harm relates to to be
 * looked after. A contradiction is refused naming the field, never the value (errors reach logs).
 */
import type { ChildCharacteristics, IncidentNature } from './incident-events';
import { validationError } from '../shared/domain-error';

/** Care leavers are notified up to and including age 24 (Working Together 2023); DfE's bands start at 16. */
export const CARE_LEAVER_MIN_AGE = 16;
export const CARE_LEAVER_MAX_AGE = 24;
/** The other natures are about children: under 18. */
export const CHILD_MAX_AGE = 17;

/** What the rules know of one child: the age when given (exact) or only the age band (after an amendment). */
export type ChildForNature = {
  characteristics: ChildCharacteristics;
  /** Age in whole years at the incident, when a date of birth or age was given. */
  age?: number;
  /** The input field the age came from, named in the error (`children.0.dateOfBirth`). */
  ageField?: string;
  /** The field path of this child (`children.0`). */
  at: string;
};

const BANDS_UNDER_16: ReadonlySet<string> = new Set(['under-1', '1-5', '6-10', '11-15']);

const label = (nature: IncidentNature) => nature.replaceAll('-', ' ');

/** The child DfE counts and the looked-after rule reads: the one the harm relates to, else the first listed. */
export const subjectChild = <T extends { childRef: string }>(
  children: readonly T[],
  harmChildRef?: string,
): T | undefined => children.find((c) => c.childRef === harmChildRef) ?? children[0];

export const requireHarmChildRef = (
  value: unknown,
  children: readonly { childRef: string }[],
  field: string,
): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !children.some((c) => c.childRef === value)) {
    throw validationError(field, `${field} must be the childRef of one of the children notified`);
  }
  return value;
};

const checkChild = (nature: IncidentNature, child: ChildForNature, natureField: string): void => {
  const { characteristics: c, age, at } = child;
  const ageField = child.ageField ?? natureField;
  const careLeaver = nature === 'care-leaver-death';
  if (age !== undefined) {
    if (careLeaver && (age < CARE_LEAVER_MIN_AGE || age > CARE_LEAVER_MAX_AGE)) {
      throw validationError(
        ageField,
        `${ageField} must make the young person ${CARE_LEAVER_MIN_AGE} to ${CARE_LEAVER_MAX_AGE} at incidentOn for a care leaver death`,
      );
    }
    if (!careLeaver && age > CHILD_MAX_AGE) {
      throw validationError(
        ageField,
        `${ageField} must make the child under 18 at incidentOn for a ${label(nature)} notification`,
      );
    }
    if (c.under18 !== undefined && c.under18 !== age < 18) {
      throw validationError(`${at}.under18`, `${at}.under18 does not agree with the age at incidentOn`);
    }
    return;
  }
  // Age not given: what the band and the flag say must still fit the nature.
  if (careLeaver && BANDS_UNDER_16.has(c.ageBand)) {
    throw validationError(
      natureField,
      `${natureField} care-leaver-death needs a young person aged 16 to 24, not a child under 16`,
    );
  }
  if (!careLeaver && c.under18 === false) {
    throw validationError(
      `${at}.under18`,
      `${at}.under18 says 18 or over, but a ${label(nature)} notification is of a child under 18`,
    );
  }
};

/**
 * Checks every child against the nature, and the looked-after rule against the subject child. `natureField` is the
 * field named when the nature itself is what contradicts the children (`nature` or `changes.nature`).
 */
export const requireNatureFitsChildren = (
  nature: IncidentNature,
  children: readonly ChildForNature[],
  harmChildRef: string | undefined,
  natureField: string,
): void => {
  for (const child of children) checkChild(nature, child, natureField);
  if (nature === 'looked-after-child-death') {
    const subject = subjectChild(
      children.map((c) => ({ ...c, childRef: c.characteristics.childRef })),
      harmChildRef,
    );
    if (subject && !subject.characteristics.lookedAfter) {
      throw validationError(
        `${subject.at}.lookedAfter`,
        `${subject.at}.lookedAfter must be true for a looked-after-child-death notification`,
      );
    }
  }
};
