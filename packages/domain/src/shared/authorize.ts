/**
 * Authorization rules that belong to the domain: which role may issue a command and on whose records. The gateway
 * also checks per record and field, but the decider is the last line: a command that reaches it from any path is
 * still refused. Messages name roles and partnership ids only (not personal data).
 */
import { forbidden } from './domain-error';
import type { CommandContext, PartnershipId, Role } from './types';
import { requireDate, requireInstant, requireOneOf, requireString } from './validate';

const ROLES: readonly Role[] = ['partnership', 'panel', 'ofsted', 'admin'];

/** The context comes from the composition root, not the user; a malformed one is a programming error caught early. */
export const requireContext = (context: CommandContext): void => {
  if (context === null || typeof context !== 'object' || context.actor === null || typeof context.actor !== 'object') {
    throw forbidden('A command needs an authenticated actor');
  }
  requireString(context.actor.userId, 'context.actor.userId', 200);
  requireOneOf(context.actor.role, 'context.actor.role', ROLES);
  requireInstant(context.now, 'context.now');
  requireDate(context.today, 'context.today');
};

const ROLE_LABEL: Record<Role, string> = { partnership: 'a partnership', panel: 'the Panel', ofsted: 'Ofsted', admin: 'an admin' };

/** The actor's role must be one of `roles`; Ofsted and the public (no token, never a command) never write. */
export const requireRole = (context: CommandContext, roles: readonly Role[], action: string): void => {
  if (!roles.includes(context.actor.role)) {
    throw forbidden(`${ROLE_LABEL[context.actor.role] ?? 'this user'} may not ${action}: only ${roles.map((r) => ROLE_LABEL[r]).join(' or ')} may`);
  }
};

/** A partnership acts only on its own records. */
export const requireOwnPartnership = (context: CommandContext, owner: PartnershipId, action: string): void => {
  if (context.actor.role !== 'partnership' || context.actor.partnershipId !== owner) {
    throw forbidden(`Only partnership '${owner}' may ${action}: the record belongs to it`);
  }
};
