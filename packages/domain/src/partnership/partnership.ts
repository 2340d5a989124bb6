/**
 * The partnership aggregate: its events (partnership-events.ts), state, `initialState` and `evolve`.
 * The state is the coverage in force: the LAs a partnership covers now (its history is the stream).
 */
import type { ContactKind, EmailCategory, PartnershipEvent } from './partnership-events';
import type { LocalAuthorityCode, PartnershipId } from '../shared/types';

export type PartnershipContact = {
  contactId: string;
  kind: ContactKind;
  email: string;
  name?: string;
  userId?: string;
  receives: EmailCategory[];
};

/** What a new contact receives until it says otherwise: everything but the weekly digest. */
export const DEFAULT_EMAIL_CATEGORIES: readonly EmailCategory[] = [
  'deadline-reminders',
  'submission-confirmations',
  'panel-updates',
];

export type PartnershipState =
  | { status: 'none' }
  | {
      status: 'registered';
      partnershipId: PartnershipId;
      name: string;
      localAuthorityCodes: LocalAuthorityCode[];
      /** Its email contacts by id (the shared mailbox and named people). */
      contacts: Record<string, PartnershipContact>;
    };

export const initialPartnershipState = (): PartnershipState => ({ status: 'none' });

export const evolvePartnership = (state: PartnershipState, event: PartnershipEvent): PartnershipState => {
  switch (event.type) {
    case 'PartnershipRegistered':
    case 'PartnershipChanged':
      return {
        status: 'registered',
        partnershipId: event.data.partnershipId,
        name: event.data.name,
        localAuthorityCodes: [...event.data.localAuthorityCodes],
        contacts: state.status === 'registered' ? state.contacts : {},
      };
    case 'PartnershipContactAdded': {
      if (state.status !== 'registered') return state;
      const { contactId, kind, email, name, userId } = event.data;
      const contact: PartnershipContact = {
        contactId,
        kind,
        email,
        ...(name ? { name } : {}),
        ...(userId ? { userId } : {}),
        receives: [...DEFAULT_EMAIL_CATEGORIES],
      };
      return { ...state, contacts: { ...state.contacts, [contactId]: contact } };
    }
    case 'PartnershipContactRemoved': {
      if (state.status !== 'registered') return state;
      const { [event.data.contactId]: _removed, ...contacts } = state.contacts;
      return { ...state, contacts };
    }
    case 'EmailPreferencesChanged': {
      if (state.status !== 'registered') return state;
      const contact = state.contacts[event.data.contactId];
      if (!contact) return state;
      return {
        ...state,
        contacts: { ...state.contacts, [contact.contactId]: { ...contact, receives: [...event.data.receives] } },
      };
    }
    default:
      return state;
  }
};
