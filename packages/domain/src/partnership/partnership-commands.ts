/** Commands of the partnership stream: reference data an admin maintains through the log. */
import type { CommandContext, LocalAuthorityCode, PartnershipId } from '../shared/types';
import type { ContactKind, EmailCategory } from './partnership-events';

export type RegisterPartnership = {
  type: 'RegisterPartnership';
  data: { partnershipId: PartnershipId; name: string; localAuthorityCodes: LocalAuthorityCode[] };
  context: CommandContext;
};

/** Renames a partnership or changes the LAs it covers (e.g. after a merger); the whole coverage is given. */
export type ChangePartnership = {
  type: 'ChangePartnership';
  data: { partnershipId: PartnershipId; name: string; localAuthorityCodes: LocalAuthorityCode[] };
  context: CommandContext;
};

/** Admins, or the partnership's own users, name who receives its emails. */
export type AddPartnershipContact = {
  type: 'AddPartnershipContact';
  data: {
    partnershipId: PartnershipId;
    contactId: string;
    kind: ContactKind;
    email: string;
    name?: string;
    userId?: string;
  };
  context: CommandContext;
};

export type RemovePartnershipContact = {
  type: 'RemovePartnershipContact';
  data: { partnershipId: PartnershipId; contactId: string };
  context: CommandContext;
};

/** A person sets their own; admins and the partnership's users set the shared mailbox's. */
export type SetEmailPreferences = {
  type: 'SetEmailPreferences';
  data: { partnershipId: PartnershipId; contactId: string; receives: EmailCategory[] };
  context: CommandContext;
};

export type PartnershipCommand =
  RegisterPartnership | ChangePartnership | AddPartnershipContact | RemovePartnershipContact | SetEmailPreferences;
export type PartnershipCommandType = PartnershipCommand['type'];
