/** Commands of the access stream: an admin grants or revokes one role (for one partnership where it needs one). */
import type { CommandContext, Role, PartnershipId } from '../shared/types';

export type GrantAccess = {
  type: 'GrantAccess';
  data: { subject: string; role: Role; partnershipId?: PartnershipId; email?: string };
  context: CommandContext;
};

export type RevokeAccess = {
  type: 'RevokeAccess';
  data: { subject: string; role: Role; partnershipId?: PartnershipId };
  context: CommandContext;
};

export type AccessCommand = GrantAccess | RevokeAccess;
