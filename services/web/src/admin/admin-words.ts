/**
 * Words for the administration pages: roles, legal bases of erasure and kinds of email as people read them, and
 * the shared helpers of the admin forms (a gateway refusal put against the field it names).
 */
import type { FieldErrors } from '../app/components';
import type { Option } from '../app/vocabulary';

export const ROLES: Option[] = [
  { value: 'partnership', label: 'Safeguarding partnership', hint: 'Notifies incidents and runs local reviews' },
  { value: 'agency', label: 'Partner agency', hint: 'Refers cases to its partnership' },
  { value: 'panel', label: 'Child Safeguarding Practice Review Panel' },
  { value: 'ofsted', label: 'Ofsted' },
  { value: 'dfe', label: 'Department for Education' },
  { value: 'admin', label: 'Administrator' },
];
/** Roles whose grant names the partnership the person works for. */
export const ROLES_WITH_PARTNERSHIP = ['partnership', 'agency'];
export const roleName = (role: string): string => ROLES.find((r) => r.value === role)?.label ?? role;

export const LEGAL_BASES: Option[] = [
  { value: 'data-subject-request', label: 'Request from the person the data is about', hint: 'UK GDPR article 17' },
  { value: 'court-order', label: 'Court order' },
  { value: 'retention-expired', label: 'Retention period over', hint: 'The record is past its retention date' },
];

/** The kinds of email (EMAIL_CATEGORIES in the domain), in the words of the preferences page. */
export const EMAIL_KINDS: Option[] = [
  {
    value: 'deadline-reminders',
    label: 'Deadline reminders',
    hint: 'Before each deadline, on the day it is due, and when it is missed',
  },
  {
    value: 'submission-confirmations',
    label: 'Confirmations',
    hint: 'When a notification, rapid review, final report or publication is submitted',
  },
  { value: 'panel-updates', label: 'Panel updates', hint: 'When the Panel responds to a rapid review' },
  { value: 'weekly-digest', label: 'Weekly digest', hint: 'Every Monday: everything open for the partnership' },
];
export const emailKindName = (value: string): string => EMAIL_KINDS.find((k) => k.value === value)?.label ?? value;

type Refusal = { __typename: string; message?: string; field?: string | null };

/** A mutation's refusal as page errors: a ValidationError against its field (mapped to the form's id), else `fallback`. */
export const refusalErrors = (payload: Refusal, fields: Record<string, string>, fallback: string): FieldErrors => {
  const field = payload.field
    ? Object.keys(fields).find((f) => payload.field === f || payload.field!.startsWith(`${f}.`))
    : undefined;
  return { [field ? fields[field]! : fallback]: payload.message ?? 'That could not be saved' };
};

/** A lowercase slug from a name ("Bath and North East Somerset" → "bath-and-north-east-somerset"), never shown. */
export const slugOf = (text: string): string =>
  text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
