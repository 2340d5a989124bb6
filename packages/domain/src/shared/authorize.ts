/**
 * The deciders' last line of authorization: which role may issue a command and on whose records. Who may do what is
 * stated once, in access-policy.ts; the deciders enforce the write rows again so a command that reaches them from
 * any path is still refused (the domain matrix specs check decider and table agree). Messages name roles and
 * partnership ids only (not personal data).
 */
import { forbidden } from './domain-error';
import type { CommandContext, PartnershipId, Role } from './types';
import { requireDate, requireInstant, requireOneOf, requireString } from './validate';

export const ROLES: readonly Role[] = ['partnership', 'panel', 'ofsted', 'admin', 'agency', 'dfe'];

export const ROLE_LABEL: Record<Role | 'public', string> = {
  partnership: 'a partnership',
  panel: 'the Panel',
  ofsted: 'Ofsted',
  admin: 'an admin',
  agency: 'an agency referrer',
  dfe: 'DfE',
  public: 'the public',
};

/** The context comes from the composition root, not the user; a malformed one is refused. */
export const requireContext = (context: CommandContext): void => {
  if (context === null || typeof context !== 'object' || context.actor === null || typeof context.actor !== 'object') {
    throw forbidden('A command needs an authenticated actor');
  }
  requireString(context.actor.userId, 'context.actor.userId', 200);
  requireOneOf(context.actor.role, 'context.actor.role', ROLES);
  requireInstant(context.now, 'context.now');
  requireDate(context.today, 'context.today');
};

/** The actor's role must be one of `roles`; Ofsted, DfE and the public (no token, never a command) never write. */
export const requireRole = (context: CommandContext, roles: readonly Role[], action: string): void => {
  if (!roles.includes(context.actor.role)) {
    throw forbidden(
      `${ROLE_LABEL[context.actor.role] ?? 'this user'} may not ${action}: only ${roles.map((r) => ROLE_LABEL[r]).join(' or ')} may`,
    );
  }
};

/** A partnership acts only on its own records. */
export const requireOwnPartnership = (context: CommandContext, owner: PartnershipId, action: string): void => {
  if (context.actor.role !== 'partnership' || context.actor.partnershipId !== owner) {
    throw forbidden(`Only partnership '${owner}' may ${action}: the record belongs to it`);
  }
};

/** The actor has `role` and acts for partnership `owner` (a partnership user, or an agency referrer tied to it). */
export const requireActingFor = (
  context: CommandContext,
  role: 'partnership' | 'agency',
  owner: PartnershipId,
  action: string,
): void => {
  requireRole(context, [role], action);
  if (context.actor.partnershipId !== owner)
    throw forbidden(`Only users of partnership '${owner}' may ${action}: the record belongs to it`);
};
