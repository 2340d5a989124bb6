/** Who is signed in, as the pages see it (`res.locals.user`): identity from the provider, access from the grants. */

/** One grant as the platform records it (packages/domain access): a role, for a partnership where it needs one. */
export type AccessGrant = { role: string; partnershipId?: string; partnershipName?: string };

import type { OrganisationClaims } from '@cspr/domain';

/**
 * Who signed in: the subject the grants are recorded for, and what the provider said about their organisation
 * (read by the configured claim names at sign-in) for people nobody has granted anything yet.
 */
export type Identity = { subject: string; email: string; organisationClaims?: OrganisationClaims };

/** Reads the grants in force for someone; the platform answers from the access grants read model. */
export type GrantsFor = (identity: Identity) => Promise<readonly AccessGrant[]>;

export type SignedInUser = {
  subject: string;
  displayName: string;
  email: string;
  /** Every role granted; empty when nothing is granted yet (the "no access yet" page). */
  roles: string[];
  partnershipId?: string;
  partnershipName?: string;
  /** For the server's calls to the gateway only; never rendered into a page. */
  accessToken: string;
};

export const toSignedInUser = (
  user: { subject: string; displayName: string; email: string; accessToken: string },
  grants: readonly AccessGrant[],
): SignedInUser => {
  const withPartnership = grants.find((g) => g.partnershipId);
  return {
    subject: user.subject,
    displayName: user.displayName,
    email: user.email,
    roles: [...new Set(grants.map((g) => g.role))],
    ...(withPartnership?.partnershipId ? { partnershipId: withPartnership.partnershipId } : {}),
    ...(withPartnership?.partnershipName ? { partnershipName: withPartnership.partnershipName } : {}),
    accessToken: user.accessToken,
  };
};
