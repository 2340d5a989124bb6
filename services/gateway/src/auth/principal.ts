/**
 * Who is calling. No token means the public; a verified token names a user and one role. The gateway turns a
 * principal into the domain's Actor for commands, so deciders check the same roles again.
 */
import type { Actor, PartnershipId, Role } from '@cspr/domain';

export const ROLES = ['partnership', 'panel', 'ofsted', 'admin'] as const satisfies readonly Role[];

export type Principal =
  | { kind: 'public' }
  | { kind: 'user'; userId: string; role: Role; partnershipId?: PartnershipId };

export const PUBLIC: Principal = { kind: 'public' };

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export const toActor = (principal: Principal): Actor | undefined =>
  principal.kind === 'user'
    ? { userId: principal.userId, role: principal.role, ...(principal.partnershipId ? { partnershipId: principal.partnershipId } : {}) }
    : undefined;

/** `user:<id>` / `public`: how a principal is named in the read audit and logs (never a child's data). */
export const describePrincipal = (principal: Principal): string =>
  principal.kind === 'user' ? `${principal.role}:${principal.userId}` : 'public';
