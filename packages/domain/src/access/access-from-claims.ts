/**
 * Access from the organisation's identity provider, for people nobody has granted anything yet. Grants recorded in
 * the platform always come first; this is the fallback a deployment can turn on when its provider says which
 * organisation someone belongs to (DfE Sign-in's `organisation.id`, Entra ID's tenant `tid`) and, optionally, what
 * they do (Entra ID app roles `roles`). Which claims carry that, and which organisation is which partnership, is
 * configuration (AUTH_ORGANISATION_CLAIM, AUTH_ORGANISATION_PARTNERSHIPS, AUTH_ROLE_CLAIM).
 */
import type { Role } from '../shared/types';

/** Which claims to read and what an organisation means here. */
export type ClaimMapping = {
  /** Claim naming the organisation: a name, or a dotted path into an object claim (`organisation.id`). */
  organisationClaim?: string;
  /** Claim carrying a role: a string or a list of strings; the first role it names that claims may give counts. */
  roleClaim?: string;
  /** Organisation id → partnership id. */
  organisationPartnerships: Readonly<Record<string, string>>;
};

/** What the provider says, read out of a token's or ID token's claims by the mapping's names. */
export type OrganisationClaims = { organisation?: string; roles: string[] };

export type AccessFromClaims = { role: Role; partnershipId?: string };

/**
 * Roles a provider's claim may give. Never `admin`: admins grant and revoke access and approve erasures, so who is
 * one is recorded in the platform's log (a grant), not asserted by whichever provider a deployment trusts.
 */
export const ROLES_FROM_CLAIMS = ['partnership', 'agency', 'panel', 'ofsted', 'dfe'] as const satisfies readonly Role[];
const PARTNERSHIP_BOUND: readonly Role[] = ['partnership', 'agency'];

const valueAt = (claims: Readonly<Record<string, unknown>>, path: string): unknown => {
  // A claim whose own name contains dots (a URI-named claim) wins over the path into an object claim.
  if (Object.hasOwn(claims, path)) return claims[path];
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' && Object.hasOwn(value, key)
          ? (value as Record<string, unknown>)[key]
          : undefined,
      claims,
    );
};

const asText = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

export const organisationClaimsOf = (
  claims: Readonly<Record<string, unknown>>,
  mapping: Pick<ClaimMapping, 'organisationClaim' | 'roleClaim'>,
): OrganisationClaims => {
  const organisation = mapping.organisationClaim ? asText(valueAt(claims, mapping.organisationClaim)) : undefined;
  const roleValue = mapping.roleClaim ? valueAt(claims, mapping.roleClaim) : undefined;
  const roles = (Array.isArray(roleValue) ? roleValue : [roleValue]).filter(
    (r): r is string => typeof r === 'string' && r !== '',
  );
  return { ...(organisation ? { organisation } : {}), roles };
};

/**
 * With a role claim configured, its first role claims may give (a partnership-bound role only with a mapped
 * organisation); without one, a mapped organisation's people work for its partnership (`partnership`). Anything
 * else: no access from claims, so the "no access yet" page and an admin's grant.
 */
export const accessFromClaims = (claims: OrganisationClaims, mapping: ClaimMapping): AccessFromClaims | undefined => {
  // Own keys only: an organisation called `constructor` is not a partnership.
  const partnershipId =
    claims.organisation && Object.hasOwn(mapping.organisationPartnerships, claims.organisation)
      ? mapping.organisationPartnerships[claims.organisation]
      : undefined;
  if (!mapping.roleClaim) return partnershipId ? { role: 'partnership', partnershipId } : undefined;
  const role = claims.roles.find((r): r is (typeof ROLES_FROM_CLAIMS)[number] =>
    (ROLES_FROM_CLAIMS as readonly string[]).includes(r),
  );
  if (!role) return undefined;
  if (!PARTNERSHIP_BOUND.includes(role)) return { role };
  return partnershipId ? { role, partnershipId } : undefined;
};
