/**
 * Reference data loaded before a decider runs (docs/architecture.md, rule 4): facts from outside the stream being decided.
 * A partnership's coverage comes from its stream (`partnership-<id>`), so who covered which LA is replayable;
 * a partnership that was never registered through the log falls back to the shipped reference data.
 */
import { decodeEvent, partnershipStreamId } from '@cspr/domain';
import type { LocalAuthorityCode, PartnershipEvent, PartnershipId } from '@cspr/domain';
import type { EventStore } from '@cspr/event-store';
import { readStreamOrEmpty } from './aggregate-stream';

export type PartnershipReference = {
  partnershipId: PartnershipId;
  name: string;
  localAuthorityCodes: LocalAuthorityCode[];
};

export const loadPartnership = async (
  store: EventStore,
  partnershipId: PartnershipId,
  fallback: readonly PartnershipReference[],
): Promise<PartnershipReference | undefined> => {
  const recorded = await readStreamOrEmpty(store, partnershipStreamId(partnershipId));
  let current: PartnershipReference | undefined;
  for (const stored of recorded) {
    const event = decodeEvent(stored) as unknown as PartnershipEvent;
    if (event.type === 'PartnershipRegistered' || event.type === 'PartnershipChanged') {
      current = { partnershipId, name: event.data.name, localAuthorityCodes: [...event.data.localAuthorityCodes] };
    }
  }
  return current ?? fallback.find((p) => p.partnershipId === partnershipId);
};

/** The LAs a partnership covers; none when it is unknown (the decider then refuses every LA code). */
export const loadCoverage = async (
  store: EventStore,
  partnershipId: PartnershipId,
  fallback: readonly PartnershipReference[],
) => ({
  partnershipLocalAuthorities: (await loadPartnership(store, partnershipId, fallback))?.localAuthorityCodes ?? [],
});
