/**
 * Events of the partnership stream (`partnership-<id>`): reference data an admin changes through the log, so
 * that who covered which local authority on a given day can be replayed like everything else.
 */
import type { DomainEvent } from '../shared/event';
import type { LocalAuthorityCode, PartnershipId } from '../shared/types';

export type PartnershipRegistered = DomainEvent<'PartnershipRegistered', {
  partnershipId: PartnershipId;
  name: string;
  localAuthorityCodes: LocalAuthorityCode[];
}>;

export type PartnershipChanged = DomainEvent<'PartnershipChanged', {
  partnershipId: PartnershipId;
  name: string;
  localAuthorityCodes: LocalAuthorityCode[];
}>;

export type PartnershipEvent = PartnershipRegistered | PartnershipChanged;

export const partnershipStreamId = (partnershipId: PartnershipId) => `partnership-${partnershipId}`;
export const PARTNERSHIP_STREAM_PREFIX = 'partnership-';
