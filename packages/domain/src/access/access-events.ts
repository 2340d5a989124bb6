/**
 * Events of a person's access stream (`access-<subject>`): who may do what in the platform. The identity provider
 * proves who someone is (the subject); an admin grants and revokes roles here, and the log keeps who did it, when.
 */
import type { DomainEvent } from '../shared/event';
import type { Role, PartnershipId } from '../shared/types';

export type AccessGrantData = {
  /** The identity provider's subject (`sub`) of the person or API client. */
  subject: string;
  role: Role;
  /** Set exactly for the partnership-bound roles (`partnership`, `agency`). */
  partnershipId?: PartnershipId;
};

export type AccessGranted = DomainEvent<
  'AccessGranted',
  AccessGrantData & {
    /** The admin who granted it (or `system-development-accounts` for the development accounts at start). */
    grantedBy: string;
    /** Email the admin knew the person by, to find them in the grants list; not used for any decision. */
    email?: string;
  }
>;

export type AccessRevoked = DomainEvent<'AccessRevoked', AccessGrantData & { revokedBy: string }>;

export type AccessEvent = AccessGranted | AccessRevoked;

export const ACCESS_STREAM_PREFIX = 'access-';
export const accessStreamId = (subject: string) => `${ACCESS_STREAM_PREFIX}${subject}`;
