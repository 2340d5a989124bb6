import { describe, expect, it } from 'vitest';
import { partnershipDecider } from './partnership-decide';
import type { ChangePartnership, RegisterPartnership } from './partnership-commands';
import type { PartnershipEvent } from './partnership-events';
import { deciderSpec, malformed } from '../shared/decider-spec';
import type { CommandContext } from '../shared/types';
import { partnershipContext, roleContext } from '../incident/incident-test-fixtures';

const spec = deciderSpec(partnershipDecider);
const admin = roleContext('admin');
const register = (
  data: Partial<RegisterPartnership['data']> = {},
  context: CommandContext = admin,
): RegisterPartnership => ({
  type: 'RegisterPartnership',
  data: { partnershipId: 'north-yorkshire', name: 'North Yorkshire', localAuthorityCodes: ['E06000065'], ...data },
  context,
});
const change = (data: Partial<ChangePartnership['data']> = {}, context: CommandContext = admin): ChangePartnership => ({
  type: 'ChangePartnership',
  data: {
    partnershipId: 'north-yorkshire',
    name: 'North Yorkshire',
    localAuthorityCodes: ['E06000065', 'E06000014'],
    ...data,
  },
  context,
});
const registered: PartnershipEvent = {
  type: 'PartnershipRegistered',
  schemaVersion: 1,
  data: { partnershipId: 'north-yorkshire', name: 'North Yorkshire', localAuthorityCodes: ['E06000065'] },
};

describe('RegisterPartnership', () => {
  it('registers a partnership with the LAs it covers', () => {
    spec.given([]).when(register()).then([registered]);
    expect(spec.given([registered]).state()).toEqual({
      status: 'registered',
      partnershipId: 'north-yorkshire',
      name: 'North Yorkshire',
      localAuthorityCodes: ['E06000065'],
      contacts: {},
    });
  });

  it('refuses registering twice', () => {
    spec.given([registered]).when(register()).thenThrows({ code: 'illegal_state' });
  });

  it.each([
    ['partnershipId', { partnershipId: 'North Yorkshire' }],
    ['name', { name: '' }],
    ['localAuthorityCodes', { localAuthorityCodes: [] }],
    ['localAuthorityCodes.0', { localAuthorityCodes: ['W06000001'] }],
    ['localAuthorityCodes.0', { localAuthorityCodes: ['E05000001'] }],
    ['localAuthorityCodes.1', { localAuthorityCodes: ['E08000035', 'E0800003'] }],
    ['localAuthorityCodes.1', { localAuthorityCodes: ['E08000035', 'E08000035'] }],
  ])('validates %s', (field, data) => {
    spec
      .given([])
      .when(register(data as Partial<RegisterPartnership['data']>))
      .thenThrows({ code: 'validation', field });
  });

  it('is for admins only', () => {
    for (const context of [partnershipContext('north-yorkshire'), roleContext('panel'), roleContext('ofsted')]) {
      spec.given([]).when(register({}, context)).thenThrows({ code: 'forbidden' });
    }
  });
});

describe('ChangePartnership', () => {
  it('changes the coverage in force', () => {
    const events = spec
      .given([registered])
      .when(change())
      .then([{ type: 'PartnershipChanged', schemaVersion: 1, data: change().data }]);
    expect(spec.given([registered, ...events]).state()).toMatchObject({
      localAuthorityCodes: ['E06000065', 'E06000014'],
    });
  });

  it('records nothing when nothing changes, whatever the order of the codes', () => {
    spec
      .given([registered])
      .when(change({ localAuthorityCodes: ['E06000065'] }))
      .then([]);
    const both: PartnershipEvent = { type: 'PartnershipChanged', schemaVersion: 1, data: change().data };
    spec
      .given([registered, both])
      .when(change({ localAuthorityCodes: ['E06000014', 'E06000065'] }))
      .then([]);
  });

  it('refuses an unregistered partnership, bad codes, an empty coverage and non-admins', () => {
    spec.given([]).when(change()).thenThrows({ code: 'not_found' });
    spec
      .given([registered])
      .when(change({ localAuthorityCodes: [] }))
      .thenThrows({ code: 'validation', field: 'localAuthorityCodes' });
    spec
      .given([registered])
      .when(change({ localAuthorityCodes: ['e06000065'] }))
      .thenThrows({ code: 'validation', field: 'localAuthorityCodes.0' });
    spec
      .given([registered])
      .when(change({ name: ' ' }))
      .thenThrows({ code: 'validation', field: 'name' });
    spec
      .given([registered])
      .when(change({}, partnershipContext('north-yorkshire')))
      .thenThrows({ code: 'forbidden' });
  });

  it('refuses an unknown command type loudly', () => {
    expect(() =>
      partnershipDecider.decide(
        malformed({ type: 'Nope', context: roleContext('admin') }),
        partnershipDecider.initialState(),
      ),
    ).toThrow(/Unhandled partnership command/);
  });
});
