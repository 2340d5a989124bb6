/**
 * Who may read what, per record and field (design.md "Security"). Deciders check every command again; these rules
 * cover reads, and refuse writes early with the same answers.
 *
 * Decision: a partnership asking for another partnership's incident or review gets NOT FOUND, exactly as for an id
 * that does not exist, so ids cannot be probed for existence or owner. Role denials (Ofsted writing, the public
 * reading incidents) are FORBIDDEN and say which roles may.
 */
import type { Role, PartnershipId } from '@cspr/domain';
import type { Principal } from './auth/principal';
import { ForbiddenError, NotFoundError } from './client-errors';

const LABEL: Record<Role | 'public', string> = {
  partnership: 'a partnership', panel: 'the Panel', ofsted: 'Ofsted', admin: 'an admin', agency: 'an agency referrer', dfe: 'DfE', public: 'the public',
};

export const roleOf = (principal: Principal): Role | 'public' => (principal.kind === 'user' ? principal.role : 'public');

/** Throws ForbiddenError unless the principal holds one of `roles`. */
export const requireRole = (principal: Principal, roles: readonly Role[], action: string): Extract<Principal, { kind: 'user' }> => {
  if (principal.kind !== 'user' || !roles.includes(principal.role)) {
    const who = LABEL[roleOf(principal)];
    throw new ForbiddenError(`${who[0]!.toUpperCase()}${who.slice(1)} may not ${action}: only ${roles.map((r) => LABEL[r]).join(' or ')} may${principal.kind === 'public' ? ' (sign in with a bearer token)' : ''}`);
  }
  return principal;
};

/**
 * Minimised incident and review data: the owning partnership, the Panel, Ofsted and admins. Never the public, and
 * never an agency referrer or DfE (their reads go through ACCESS_POLICY: own referrals, reports sent to them).
 */
export const canSeeRecord = (principal: Principal, owners: readonly PartnershipId[]): boolean => {
  if (principal.kind !== 'user') return false;
  if (principal.role === 'partnership') return principal.partnershipId !== undefined && owners.includes(principal.partnershipId);
  return principal.role === 'panel' || principal.role === 'ofsted' || principal.role === 'admin';
};

/** Children's personal data: only the owning partnership and the Panel. Never Ofsted, admins or the public. */
export const canReadPersonal = (principal: Principal, owners: readonly PartnershipId[]): boolean => {
  if (principal.kind !== 'user') return false;
  if (principal.role === 'panel') return true;
  return principal.role === 'partnership' && principal.partnershipId !== undefined && owners.includes(principal.partnershipId);
};

/** The record-level gate for reads and writes: forbidden by role first, then not found for others' records. */
export const requireRecordAccess = (principal: Principal, owners: readonly PartnershipId[] | undefined, what: string): void => {
  if (principal.kind !== 'user') throw new ForbiddenError(`The public may not read ${what}: sign in with a bearer token`);
  if (!owners || !canSeeRecord(principal, owners)) throw new NotFoundError(`${what} not found`);
};
