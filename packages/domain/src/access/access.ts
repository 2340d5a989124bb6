/** The access aggregate's state: the grants in force for one subject (its history is the stream). */
import type { AccessEvent, AccessGrantData } from './access-events';

export type AccessGrant = Pick<AccessGrantData, 'role' | 'partnershipId'>;
export type AccessState = { grants: AccessGrant[] };

export const initialAccessState = (): AccessState => ({ grants: [] });

export const sameGrant = (a: AccessGrant, b: AccessGrant) =>
  a.role === b.role && (a.partnershipId ?? null) === (b.partnershipId ?? null);

export const evolveAccess = (state: AccessState, event: AccessEvent): AccessState => {
  const grant: AccessGrant = {
    role: event.data.role,
    ...(event.data.partnershipId ? { partnershipId: event.data.partnershipId } : {}),
  };
  switch (event.type) {
    case 'AccessGranted':
      return state.grants.some((g) => sameGrant(g, grant)) ? state : { grants: [...state.grants, grant] };
    case 'AccessRevoked':
      return { grants: state.grants.filter((g) => !sameGrant(g, grant)) };
    default:
      return state;
  }
};
