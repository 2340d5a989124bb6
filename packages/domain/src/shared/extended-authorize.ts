/**
 * Authorization for commands that accept the extended roles (`agency`, `dfe`): the same rules as authorize.ts, but
 * an agency or DfE user reaching a decider is refused as `forbidden` rather than as a malformed context.
 */
import { forbidden } from './domain-error';
import type { ExtendedCommandContext, ExtendedRole, PartnershipId } from './types';
import { requireDate, requireInstant, requireOneOf, requireString } from './validate';

export const EXTENDED_ROLES: readonly ExtendedRole[] = ['partnership', 'panel', 'ofsted', 'admin', 'agency', 'dfe'];

const ROLE_LABEL: Record<ExtendedRole, string> = {
  partnership: 'a partnership', panel: 'the Panel', ofsted: 'Ofsted', admin: 'an admin', agency: 'an agency referrer', dfe: 'DfE',
};

export const requireExtendedContext = (context: ExtendedCommandContext): void => {
  if (context === null || typeof context !== 'object' || context.actor === null || typeof context.actor !== 'object') {
    throw forbidden('A command needs an authenticated actor');
  }
  requireString(context.actor.userId, 'context.actor.userId', 200);
  requireOneOf(context.actor.role, 'context.actor.role', EXTENDED_ROLES);
  requireInstant(context.now, 'context.now');
  requireDate(context.today, 'context.today');
};

export const requireExtendedRole = (context: ExtendedCommandContext, roles: readonly ExtendedRole[], action: string): void => {
  if (!roles.includes(context.actor.role)) {
    throw forbidden(`${ROLE_LABEL[context.actor.role] ?? 'this user'} may not ${action}: only ${roles.map((r) => ROLE_LABEL[r]).join(' or ')} may`);
  }
};

/** The actor has `role` and acts for partnership `owner` (a partnership user, or an agency referrer tied to it). */
export const requireActingFor = (context: ExtendedCommandContext, role: 'partnership' | 'agency', owner: PartnershipId, action: string): void => {
  requireExtendedRole(context, [role], action);
  if (context.actor.partnershipId !== owner) throw forbidden(`Only users of partnership '${owner}' may ${action}: the record belongs to it`);
};
