/** Commands of the partnership stream: reference data an admin maintains through the log. */
import type { CommandContext, LocalAuthorityCode, PartnershipId } from '../shared/types';

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

export type PartnershipCommand = RegisterPartnership | ChangePartnership;
export type PartnershipCommandType = PartnershipCommand['type'];
