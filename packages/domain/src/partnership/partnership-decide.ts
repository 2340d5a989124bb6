/**
 * The partnership decider. Admins only. Whether an LA is also covered by another partnership is not checked
 * here (it would need every partnership's state); the read model of partnerships can flag overlaps.
 */
import type { PartnershipEvent } from './partnership-events';
import type {
  AddPartnershipContact,
  ChangePartnership,
  PartnershipCommand,
  RegisterPartnership,
  RemovePartnershipContact,
  SetEmailPreferences,
} from './partnership-commands';
import { EMAIL_CATEGORIES, type EmailCategory } from './partnership-events';
import { evolvePartnership, initialPartnershipState, type PartnershipState } from './partnership';
import { LOCAL_AUTHORITY_CODE_PATTERN } from '../shared/input-limits';
import { requireContext, requireRole } from '../shared/authorize';
import { forbidden, illegalState, notFound, validationError } from '../shared/domain-error';
import { assertNever, type Decider } from '../shared/event';
import type { LocalAuthorityCode } from '../shared/types';
import {
  optionalString,
  requireArray,
  requireDistinct,
  requireEmail,
  requireOneOf,
  requireString,
} from '../shared/validate';
import type { CommandContext } from '../shared/types';

export const PARTNERSHIP_SCHEMA_VERSION = 1;
/** A lowercase slug such as `leeds` or `north-yorkshire` (shared/types.ts). */
export const PARTNERSHIP_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const parsePartnershipId = (value: unknown): string => {
  const id = requireString(value, 'partnershipId', 100);
  if (!PARTNERSHIP_ID_PATTERN.test(id))
    throw validationError('partnershipId', 'partnershipId must be a lowercase slug such as north-yorkshire');
  return id;
};

/** At least one English LA code (E06–E09 and six digits), each once; England has about 153 LAs. */
const parseCodes = (value: unknown): LocalAuthorityCode[] => {
  const codes = requireArray<string>(value, 'localAuthorityCodes', 1, 200).map((code, i) => {
    const field = `localAuthorityCodes.${i}`;
    if (typeof code !== 'string' || !LOCAL_AUTHORITY_CODE_PATTERN.test(code)) {
      throw validationError(field, `${field} must be an English local authority code such as E08000035`);
    }
    return code;
  });
  requireDistinct(codes, 'localAuthorityCodes');
  return codes;
};

export const registerPartnership = (command: RegisterPartnership, state: PartnershipState): PartnershipEvent[] => {
  const { data, context } = command;
  requireRole(context, ['admin'], 'register a partnership');
  const partnershipId = parsePartnershipId(data.partnershipId);
  if (state.status !== 'none') throw illegalState(`Partnership ${partnershipId} is already registered`);
  return [
    {
      type: 'PartnershipRegistered',
      schemaVersion: PARTNERSHIP_SCHEMA_VERSION,
      data: {
        partnershipId,
        name: requireString(data.name, 'name'),
        localAuthorityCodes: parseCodes(data.localAuthorityCodes),
      },
    },
  ];
};

/** A change that changes nothing (same name, same set of LAs in any order) records nothing. */
export const changePartnership = (command: ChangePartnership, state: PartnershipState): PartnershipEvent[] => {
  const { data, context } = command;
  requireRole(context, ['admin'], 'change a partnership');
  const partnershipId = parsePartnershipId(data.partnershipId);
  if (state.status === 'none') throw notFound(`Partnership ${partnershipId} is not registered`);
  const name = requireString(data.name, 'name');
  const localAuthorityCodes = parseCodes(data.localAuthorityCodes);
  const sameCodes =
    localAuthorityCodes.length === state.localAuthorityCodes.length &&
    localAuthorityCodes.every((c) => state.localAuthorityCodes.includes(c));
  if (name === state.name && sameCodes) return [];
  return [
    {
      type: 'PartnershipChanged',
      schemaVersion: PARTNERSHIP_SCHEMA_VERSION,
      data: { partnershipId, name, localAuthorityCodes },
    },
  ];
};

const CONTACT_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

type Registered = Extract<PartnershipState, { status: 'registered' }>;

/** Admins, or users of this partnership, manage its contacts; nobody else learns or changes who they are. */
const requireContactManager = (
  context: CommandContext,
  state: PartnershipState,
  partnershipId: string,
  action: string,
): Registered => {
  requireRole(context, ['admin', 'partnership'], action);
  if (context.actor.role === 'partnership' && context.actor.partnershipId !== partnershipId) {
    throw forbidden(`Only partnership '${partnershipId}' or an admin may ${action}`);
  }
  if (state.status === 'none') throw notFound(`Partnership ${partnershipId} is not registered`);
  return state;
};

export const addPartnershipContact = (command: AddPartnershipContact, state: PartnershipState): PartnershipEvent[] => {
  const { data, context } = command;
  const partnershipId = parsePartnershipId(data.partnershipId);
  const registered = requireContactManager(context, state, partnershipId, 'add a contact');
  const contactId = requireString(data.contactId, 'contactId', 100);
  if (!CONTACT_ID_PATTERN.test(contactId))
    throw validationError('contactId', 'contactId must be a lowercase slug such as business-unit');
  const kind = requireOneOf(data.kind, 'kind', ['shared-mailbox', 'person'] as const);
  const email = requireEmail(data.email, 'email').toLowerCase();
  const name = optionalString(data.name, 'name', 200);
  const userId = optionalString(data.userId, 'userId', 200);
  if (registered.contacts[contactId]) throw illegalState(`Contact ${contactId} already exists: remove it first`);
  const contacts = Object.values(registered.contacts);
  if (contacts.some((c) => c.email === email))
    throw illegalState('That address is already a contact of this partnership');
  if (kind === 'shared-mailbox' && contacts.some((c) => c.kind === 'shared-mailbox')) {
    throw illegalState('The partnership already has a shared mailbox: remove it before adding another');
  }
  return [
    {
      type: 'PartnershipContactAdded',
      schemaVersion: PARTNERSHIP_SCHEMA_VERSION,
      data: { partnershipId, contactId, kind, email, ...(name ? { name } : {}), ...(userId ? { userId } : {}) },
    },
  ];
};

export const removePartnershipContact = (
  command: RemovePartnershipContact,
  state: PartnershipState,
): PartnershipEvent[] => {
  const { data, context } = command;
  const partnershipId = parsePartnershipId(data.partnershipId);
  const registered = requireContactManager(context, state, partnershipId, 'remove a contact');
  const contactId = requireString(data.contactId, 'contactId', 100);
  if (!registered.contacts[contactId]) throw notFound(`Contact ${contactId} is not a contact of ${partnershipId}`);
  return [
    {
      type: 'PartnershipContactRemoved',
      schemaVersion: PARTNERSHIP_SCHEMA_VERSION,
      data: { partnershipId, contactId },
    },
  ];
};

/**
 * The shared mailbox always receives deadline reminders and overdue alerts (statutory: the partnership cannot stop
 * hearing about its own deadlines). A person's preferences are theirs: another partnership user may not change them.
 */
export const setEmailPreferences = (command: SetEmailPreferences, state: PartnershipState): PartnershipEvent[] => {
  const { data, context } = command;
  const partnershipId = parsePartnershipId(data.partnershipId);
  const registered = requireContactManager(context, state, partnershipId, 'set email preferences');
  const contactId = requireString(data.contactId, 'contactId', 100);
  const contact = registered.contacts[contactId];
  if (!contact) throw notFound(`Contact ${contactId} is not a contact of ${partnershipId}`);
  if (contact.kind === 'person' && context.actor.role !== 'admin' && contact.userId !== context.actor.userId) {
    throw forbidden("Only the person themselves or an admin may change a person's email preferences");
  }
  const receives = requireArray<string>(data.receives, 'receives', 0, EMAIL_CATEGORIES.length).map((c, i) =>
    requireOneOf(c, `receives.${i}`, EMAIL_CATEGORIES),
  ) as EmailCategory[];
  requireDistinct(receives, 'receives');
  if (contact.kind === 'shared-mailbox' && !receives.includes('deadline-reminders')) {
    throw validationError(
      'receives',
      'The shared mailbox always receives statutory deadline reminders: they cannot be switched off',
    );
  }
  const sorted = EMAIL_CATEGORIES.filter((c) => receives.includes(c));
  if (sorted.length === contact.receives.length && sorted.every((c) => contact.receives.includes(c))) return [];
  return [
    {
      type: 'EmailPreferencesChanged',
      schemaVersion: PARTNERSHIP_SCHEMA_VERSION,
      data: { partnershipId, contactId, receives: sorted },
    },
  ];
};

export const decidePartnership = (command: PartnershipCommand, state: PartnershipState): PartnershipEvent[] => {
  requireContext(command.context);
  switch (command.type) {
    case 'RegisterPartnership':
      return registerPartnership(command, state);
    case 'ChangePartnership':
      return changePartnership(command, state);
    case 'AddPartnershipContact':
      return addPartnershipContact(command, state);
    case 'RemovePartnershipContact':
      return removePartnershipContact(command, state);
    case 'SetEmailPreferences':
      return setEmailPreferences(command, state);
    default:
      return assertNever(command, 'partnership command');
  }
};

export const partnershipDecider: Decider<PartnershipCommand, PartnershipEvent, PartnershipState> = {
  initialState: initialPartnershipState,
  evolve: evolvePartnership,
  decide: decidePartnership,
};
