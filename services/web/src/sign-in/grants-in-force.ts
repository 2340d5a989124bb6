/**
 * What a signed-in person may do, as the pages see it: the grants an admin recorded (read model access_grants),
 * or, for someone with none, what the organisation's claims map to (domain `accessFromClaims`) — the same rule the
 * gateway applies to their access token, so the pages and the gateway agree.
 */
import type { Sql } from 'postgres';
import { accessFromClaims } from '@cspr/domain';
import type { ClaimMapping } from '@cspr/domain';
import { getPartnership, grantsForSubject } from '@cspr/read-models';
import type { GrantsFor } from './signed-in-user';

export const grantsInForce =
  (sql: Sql, claimMapping?: ClaimMapping): GrantsFor =>
  async ({ subject, organisationClaims }) => {
    const grants = (await grantsForSubject(sql, subject)).map((g) => ({
      role: g.role,
      ...(g.partnershipId ? { partnershipId: g.partnershipId } : {}),
      ...(g.partnershipName ? { partnershipName: g.partnershipName } : {}),
    }));
    if (grants.length || !claimMapping || !organisationClaims) return grants;
    const access = accessFromClaims(organisationClaims, claimMapping);
    if (!access) return [];
    const partnership = access.partnershipId ? await getPartnership(sql, access.partnershipId) : null;
    return [{ ...access, ...(partnership ? { partnershipName: partnership.name } : {}) }];
  };
