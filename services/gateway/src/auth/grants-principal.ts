/**
 * Principals from the platform's grants: the identity provider proves who (the token's `sub`); what they may do is
 * what admins granted that subject (read model `access_grants`). Read on every request through a short cache:
 * a grant or revocation takes effect within `cacheMs` (default 5 s) plus the projector's lag.
 *
 * Someone signed in with no grant is the public to the gateway (they read what anyone may); the web shows them
 * the "no access yet" page. Holding several grants, the oldest one acts (a principal has one role). A deployment
 * whose provider says which organisation someone belongs to may map it to a partnership instead (domain
 * `accessFromClaims`, AUTH_ORGANISATION_CLAIM): grants still come first, so an admin can always narrow or widen it.
 */
import type { JWTPayload } from 'jose';
import type { Sql } from 'postgres';
import { grantsForSubject } from '@cspr/read-models';
import type { AccessGrantView } from '@cspr/read-models';
import { accessFromClaims, organisationClaimsOf } from '@cspr/domain';
import type { ClaimMapping, Role } from '@cspr/domain';
import { AuthenticationError } from './verify-token';
import { isRole, PUBLIC } from './principal';
import type { Principal } from './principal';

export const GRANTS_CACHE_MS = 5_000;

export type GrantsLookup = (subject: string) => Promise<AccessGrantView[]>;

/** Grants per subject, remembered for `cacheMs` (a bounded map: the oldest entry goes first). */
export const createGrantsLookup = (sql: Sql, cacheMs = GRANTS_CACHE_MS, size = 5000): GrantsLookup => {
  const entries = new Map<string, { grants: Promise<AccessGrantView[]>; until: number }>();
  return (subject) => {
    const now = Date.now();
    const hit = entries.get(subject);
    if (hit && hit.until > now) return hit.grants;
    if (entries.size >= size) entries.delete(entries.keys().next().value!);
    const grants = grantsForSubject(sql, subject);
    entries.set(subject, { grants, until: now + cacheMs });
    grants.catch(() => entries.delete(subject));
    return grants;
  };
};

export const principalFromGrants = (subject: string, grants: readonly AccessGrantView[]): Principal => {
  const grant = grants.find((g) => isRole(g.role));
  if (!grant) return PUBLIC;
  return {
    kind: 'user',
    userId: subject,
    role: grant.role as Role,
    ...(grant.partnershipId ? { partnershipId: grant.partnershipId } : {}),
  };
};

/**
 * `bootstrapAdmins` (CSPR_ADMIN_USER_IDS) act as admins while they hold no grant, so a new deployment has someone
 * who can grant the first roles; once granted anything, their grants decide.
 */
export const grantsPrincipal =
  (lookup: GrantsLookup, bootstrapAdmins: () => readonly string[] = () => [], claimMapping?: ClaimMapping) =>
  async (payload: JWTPayload): Promise<Principal> => {
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new AuthenticationError('Token has no subject');
    const grants = await lookup(payload.sub);
    if (grants.length === 0 && bootstrapAdmins().includes(payload.sub))
      return { kind: 'user', userId: payload.sub, role: 'admin' };
    const fromClaims =
      grants.length === 0 && claimMapping
        ? accessFromClaims(organisationClaimsOf(payload, claimMapping), claimMapping)
        : undefined;
    if (fromClaims) return { kind: 'user', userId: payload.sub, ...fromClaims };
    return principalFromGrants(payload.sub, grants);
  };
