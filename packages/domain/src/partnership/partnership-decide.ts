/**
 * The partnership decider. Admins only. Whether an LA is also covered by another partnership is not checked
 * here (it would need every partnership's state); the read model of partnerships can flag overlaps.
 */
import type { PartnershipEvent } from './partnership-events';
import type { ChangePartnership, PartnershipCommand, RegisterPartnership } from './partnership-commands';
import { evolvePartnership, initialPartnershipState, type PartnershipState } from './partnership';
import { LOCAL_AUTHORITY_CODE_PATTERN } from '../shared/input-limits';
import { requireContext, requireRole } from '../shared/authorize';
import { illegalState, notFound, validationError } from '../shared/domain-error';
import { assertNever, type Decider } from '../shared/event';
import type { LocalAuthorityCode } from '../shared/types';
import { requireArray, requireDistinct, requireString } from '../shared/validate';

export const PARTNERSHIP_SCHEMA_VERSION = 1;
/** A lowercase slug such as `leeds` or `north-yorkshire` (shared/types.ts). */
export const PARTNERSHIP_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const parsePartnershipId = (value: unknown): string => {
  const id = requireString(value, 'partnershipId', 100);
  if (!PARTNERSHIP_ID_PATTERN.test(id)) throw validationError('partnershipId', 'partnershipId must be a lowercase slug such as north-yorkshire');
  return id;
};

/** At least one English LA code (E06–E09 and six digits), each once; England has about 153 LAs. */
const parseCodes = (value: unknown): LocalAuthorityCode[] => {
  const codes = requireArray<string>(value, 'localAuthorityCodes', 1, 200).map((code, i) => {
    const field = `localAuthorityCodes.${i}`;
    if (typeof code !== 'string' || !LOCAL_AUTHORITY_CODE_PATTERN.test(code)) {
      throw validationError(field, `${field} must be an English local authority code such as E08000035`);
    }
    return code;
  });
  requireDistinct(codes, 'localAuthorityCodes');
  return codes;
};

export const registerPartnership = (command: RegisterPartnership, state: PartnershipState): PartnershipEvent[] => {
  const { data, context } = command;
  requireRole(context, ['admin'], 'register a partnership');
  const partnershipId = parsePartnershipId(data.partnershipId);
  if (state.status !== 'none') throw illegalState(`Partnership ${partnershipId} is already registered`);
  return [{
    type: 'PartnershipRegistered',
    schemaVersion: PARTNERSHIP_SCHEMA_VERSION,
    data: { partnershipId, name: requireString(data.name, 'name'), localAuthorityCodes: parseCodes(data.localAuthorityCodes) },
  }];
};

/** A change that changes nothing (same name, same set of LAs in any order) records nothing. */
export const changePartnership = (command: ChangePartnership, state: PartnershipState): PartnershipEvent[] => {
  const { data, context } = command;
  requireRole(context, ['admin'], 'change a partnership');
  const partnershipId = parsePartnershipId(data.partnershipId);
  if (state.status === 'none') throw notFound(`Partnership ${partnershipId} is not registered`);
  const name = requireString(data.name, 'name');
  const localAuthorityCodes = parseCodes(data.localAuthorityCodes);
  const sameCodes = localAuthorityCodes.length === state.localAuthorityCodes.length && localAuthorityCodes.every((c) => state.localAuthorityCodes.includes(c));
  if (name === state.name && sameCodes) return [];
  return [{ type: 'PartnershipChanged', schemaVersion: PARTNERSHIP_SCHEMA_VERSION, data: { partnershipId, name, localAuthorityCodes } }];
};

export const decidePartnership = (command: PartnershipCommand, state: PartnershipState): PartnershipEvent[] => {
  requireContext(command.context);
  switch (command.type) {
    case 'RegisterPartnership': return registerPartnership(command, state);
    case 'ChangePartnership': return changePartnership(command, state);
    default: return assertNever(command, 'partnership command');
  }
};

export const partnershipDecider: Decider<PartnershipCommand, PartnershipEvent, PartnershipState> = {
  initialState: initialPartnershipState,
  evolve: evolvePartnership,
  decide: decidePartnership,
};
