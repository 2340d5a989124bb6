/**
 * Who is calling. No token means the public; a verified token names a user and one role. The gateway turns a
 * principal into the domain's Actor for commands, so deciders check the same roles again.
 */
import type { Actor, Role, PartnershipId } from '@cspr/domain';

/** `agency` (a partner agency's referrer, tied to a partnership) and `dfe` (a recipient of final reports): issue 9. */
export const ROLES = ['partnership', 'panel', 'ofsted', 'admin', 'agency', 'dfe'] as const satisfies readonly Role[];

/** Roles whose tokens must carry the `partnership` claim. */
export const PARTNERSHIP_BOUND_ROLES: readonly Role[] = ['partnership', 'agency'];

export type Principal =
  { kind: 'public' } | { kind: 'user'; userId: string; role: Role; partnershipId?: PartnershipId };

export const PUBLIC: Principal = { kind: 'public' };

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export const toActor = (principal: Principal): Actor | undefined =>
  principal.kind === 'user'
    ? {
        userId: principal.userId,
        role: principal.role,
        ...(principal.partnershipId ? { partnershipId: principal.partnershipId } : {}),
      }
    : undefined;

/** `user:<id>` / `public`: how a principal is named in the read audit and logs (never a child's data). */
export const describePrincipal = (principal: Principal): string =>
  principal.kind === 'user' ? `${principal.role}:${principal.userId}` : 'public';
