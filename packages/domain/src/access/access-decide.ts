/**
 * The access decider. Admins only. Granting what is already granted, or revoking what is not, records nothing
 * (idempotent, so start-up grants and retried admin actions stay quiet); an admin may not revoke their own admin
 * grant, so the last admin cannot lock everyone out by accident.
 */
import { PARTNERSHIP_ID_PATTERN } from '../partnership/partnership-decide';
import { requireContext, requireRole } from '../shared/authorize';
import { validationError } from '../shared/domain-error';
import { assertNever, type Decider } from '../shared/event';
import { ROLES } from '../shared/authorize';
import { forbidden, illegalState } from '../shared/domain-error';
import type { Role } from '../shared/types';
import { optionalString, requireEmail, requireOneOf, requireString } from '../shared/validate';
import { evolveAccess, initialAccessState, sameGrant, type AccessGrant, type AccessState } from './access';
import type { AccessCommand, GrantAccess, RevokeAccess } from './access-commands';
import type { AccessEvent } from './access-events';

export const ACCESS_SCHEMA_VERSION = 1;
/** Roles that act for one partnership and so need `partnershipId`. */
export const PARTNERSHIP_BOUND_ROLES: readonly Role[] = ['partnership', 'agency'];
/** Subjects are the provider's opaque ids (UUIDs, Entra object ids, `dev-…`): printable, no spaces. */
const SUBJECT_PATTERN = /^[\x21-\x7e]{1,255}$/;

const parseGrant = (data: {
  subject: unknown;
  role: unknown;
  partnershipId?: unknown;
}): { subject: string } & AccessGrant => {
  const subject = requireString(data.subject, 'subject', 255);
  if (!SUBJECT_PATTERN.test(subject))
    throw validationError('subject', "subject must be the identity provider's id for the person, without spaces");
  const role = requireOneOf(data.role, 'role', ROLES);
  const partnershipId = optionalString(data.partnershipId, 'partnershipId', 100);
  if (PARTNERSHIP_BOUND_ROLES.includes(role)) {
    if (!partnershipId)
      throw validationError('partnershipId', `The ${role} role needs the partnership the person acts for`);
    if (!PARTNERSHIP_ID_PATTERN.test(partnershipId))
      throw validationError('partnershipId', 'partnershipId must be a lowercase slug such as north-yorkshire');
    return { subject, role, partnershipId };
  }
  if (partnershipId) throw validationError('partnershipId', `The ${role} role is not tied to a partnership`);
  return { subject, role };
};

export const grantAccess = (command: GrantAccess, state: AccessState): AccessEvent[] => {
  requireRole(command.context, ['admin'], 'grant access');
  const grant = parseGrant(command.data);
  const email =
    command.data.email === undefined || command.data.email === ''
      ? undefined
      : requireEmail(command.data.email, 'email');
  if (state.grants.some((g) => sameGrant(g, grant))) return [];
  return [
    {
      type: 'AccessGranted',
      schemaVersion: ACCESS_SCHEMA_VERSION,
      data: { ...grant, grantedBy: command.context.actor.userId, ...(email ? { email } : {}) },
    },
  ];
};

export const revokeAccess = (command: RevokeAccess, state: AccessState): AccessEvent[] => {
  requireRole(command.context, ['admin'], 'revoke access');
  const grant = parseGrant(command.data);
  if (grant.role === 'admin' && grant.subject === command.context.actor.userId)
    throw forbidden('An admin may not revoke their own admin access: ask another admin');
  // Nothing to revoke is said, not silently accepted: the admin learns the person never held (or no longer holds) it.
  if (!state.grants.some((g) => sameGrant(g, grant)))
    throw illegalState('That person holds no such grant: nothing was revoked');
  return [
    {
      type: 'AccessRevoked',
      schemaVersion: ACCESS_SCHEMA_VERSION,
      data: { ...grant, revokedBy: command.context.actor.userId },
    },
  ];
};

export const decideAccess = (command: AccessCommand, state: AccessState): AccessEvent[] => {
  requireContext(command.context);
  switch (command.type) {
    case 'GrantAccess':
      return grantAccess(command, state);
    case 'RevokeAccess':
      return revokeAccess(command, state);
    default:
      return assertNever(command, 'access command');
  }
};

export const accessDecider: Decider<AccessCommand, AccessEvent, AccessState> = {
  initialState: initialAccessState,
  evolve: evolveAccess,
  decide: decideAccess,
};
