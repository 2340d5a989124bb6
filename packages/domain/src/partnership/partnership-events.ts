/**
 * Events of the partnership stream (`partnership-<id>`): reference data an admin changes through the log, so
 * that who covered which local authority on a given day can be replayed like everything else.
 */
import type { DomainEvent } from '../shared/event';
import type { LocalAuthorityCode, PartnershipId } from '../shared/types';

export type PartnershipRegistered = DomainEvent<
  'PartnershipRegistered',
  {
    partnershipId: PartnershipId;
    name: string;
    localAuthorityCodes: LocalAuthorityCode[];
  }
>;

export type PartnershipChanged = DomainEvent<
  'PartnershipChanged',
  {
    partnershipId: PartnershipId;
    name: string;
    localAuthorityCodes: LocalAuthorityCode[];
  }
>;

/** Who receives the partnership's emails: its shared mailbox (statutory reminders always) or a named person. */
export type ContactKind = 'shared-mailbox' | 'person';

/**
 * Kinds of email a contact may switch off. Statutory reminders and overdue alerts (`deadline-reminders`) cannot be
 * switched off for the shared mailbox; the weekly digest is off until asked for.
 */
export type EmailCategory = 'deadline-reminders' | 'submission-confirmations' | 'panel-updates' | 'weekly-digest';
export const EMAIL_CATEGORIES: readonly EmailCategory[] = [
  'deadline-reminders',
  'submission-confirmations',
  'panel-updates',
  'weekly-digest',
];

/** A professional's work address and name: never a child's data. `userId` ties a person to their sign-in. */
export type PartnershipContactAdded = DomainEvent<
  'PartnershipContactAdded',
  {
    partnershipId: PartnershipId;
    contactId: string;
    kind: ContactKind;
    email: string;
    name?: string;
    userId?: string;
  }
>;

export type PartnershipContactRemoved = DomainEvent<
  'PartnershipContactRemoved',
  { partnershipId: PartnershipId; contactId: string }
>;

/** The whole choice each time: which categories the contact receives. */
export type EmailPreferencesChanged = DomainEvent<
  'EmailPreferencesChanged',
  {
    partnershipId: PartnershipId;
    contactId: string;
    receives: EmailCategory[];
  }
>;

export type PartnershipEvent =
  | PartnershipRegistered
  | PartnershipChanged
  | PartnershipContactAdded
  | PartnershipContactRemoved
  | EmailPreferencesChanged;

export const partnershipStreamId = (partnershipId: PartnershipId) => `partnership-${partnershipId}`;
export const PARTNERSHIP_STREAM_PREFIX = 'partnership-';
