/**
 * The partnership aggregate: its events (partnership-events.ts), state, `initialState` and `evolve`.
 * The state is the coverage in force: the LAs a partnership covers now (its history is the stream).
 */
import type { PartnershipEvent } from './partnership-events';
import type { LocalAuthorityCode, PartnershipId } from '../shared/types';

export type PartnershipState =
  | { status: 'none' }
  | { status: 'registered'; partnershipId: PartnershipId; name: string; localAuthorityCodes: LocalAuthorityCode[] };

export const initialPartnershipState = (): PartnershipState => ({ status: 'none' });

export const evolvePartnership = (state: PartnershipState, event: PartnershipEvent): PartnershipState => {
  switch (event.type) {
    case 'PartnershipRegistered':
    case 'PartnershipChanged':
      return { status: 'registered', partnershipId: event.data.partnershipId, name: event.data.name, localAuthorityCodes: [...event.data.localAuthorityCodes] };
    default:
      return state;
  }
};
