import { describe, expect, it } from 'vitest';
import { accessDecider } from './access-decide';
import type { GrantAccess, RevokeAccess } from './access-commands';
import type { AccessEvent } from './access-events';
import { deciderSpec } from '../shared/decider-spec';
import type { CommandContext } from '../shared/types';
import { partnershipContext, roleContext } from '../incident/incident-test-fixtures';

const spec = deciderSpec(accessDecider);
const admin = roleContext('admin', 'admin-olu');
const grant = (data: Partial<GrantAccess['data']> = {}, context: CommandContext = admin): GrantAccess => ({
  type: 'GrantAccess',
  data: { subject: 'kc-7f3a', role: 'partnership', partnershipId: 'leeds', ...data },
  context,
});
const revoke = (data: Partial<RevokeAccess['data']> = {}, context: CommandContext = admin): RevokeAccess => ({
  type: 'RevokeAccess',
  data: { subject: 'kc-7f3a', role: 'partnership', partnershipId: 'leeds', ...data },
  context,
});
const granted: AccessEvent = {
  type: 'AccessGranted',
  schemaVersion: 1,
  data: { subject: 'kc-7f3a', role: 'partnership', partnershipId: 'leeds', grantedBy: 'admin-olu' },
};

describe('GrantAccess', () => {
  it('records who granted which role for which partnership to whom', () => {
    spec
      .given([])
      .when(grant({ email: 'priya@leeds.example.gov.uk' }))
      .then([{ ...granted, data: { ...granted.data, email: 'priya@leeds.example.gov.uk' } }]);
    expect(spec.given([granted]).state()).toEqual({ grants: [{ role: 'partnership', partnershipId: 'leeds' }] });
  });

  it('grants a second role or partnership beside the first, and nothing for a grant already held', () => {
    spec.given([granted]).when(grant()).then([]);
    spec
      .given([granted])
      .when(grant({ partnershipId: 'kent' }))
      .then([{ ...granted, data: { ...granted.data, partnershipId: 'kent' } }]);
    spec
      .given([granted])
      .when(grant({ role: 'panel', partnershipId: undefined }))
      .then([
        {
          type: 'AccessGranted',
          schemaVersion: 1,
          data: { subject: 'kc-7f3a', role: 'panel', grantedBy: 'admin-olu' },
        },
      ]);
  });

  it.each([
    ['subject', { subject: '' }],
    ['subject', { subject: 'has space' }],
    ['role', { role: 'superuser' as never }],
    ['partnershipId', { partnershipId: undefined }],
    ['partnershipId', { partnershipId: 'Leeds City' }],
    ['partnershipId', { role: 'panel' as const }],
    ['email', { email: 'not-an-email' }],
  ])('validates %s', (field, data) => {
    spec
      .given([])
      .when(grant(data as Partial<GrantAccess['data']>))
      .thenThrows({ code: 'validation', field });
  });

  it('is for admins only', () => {
    for (const context of [partnershipContext('leeds'), roleContext('panel'), roleContext('ofsted')]) {
      spec.given([]).when(grant({}, context)).thenThrows({ code: 'forbidden' });
    }
  });
});

describe('RevokeAccess', () => {
  it('records the revocation and who made it; the grant is no longer in force', () => {
    const events = spec
      .given([granted])
      .when(revoke())
      .then([
        {
          type: 'AccessRevoked',
          schemaVersion: 1,
          data: { subject: 'kc-7f3a', role: 'partnership', partnershipId: 'leeds', revokedBy: 'admin-olu' },
        },
      ]);
    expect(spec.given([granted, ...events]).state()).toEqual({ grants: [] });
  });

  it('refuses to revoke a grant not held, saying nothing was revoked', () => {
    spec.given([]).when(revoke()).thenThrows({ code: 'illegal_state' });
    spec
      .given([granted])
      .when(revoke({ partnershipId: 'kent' }))
      .thenThrows({ code: 'illegal_state' });
  });

  it("an admin may not revoke their own admin access, but may revoke another admin's", () => {
    const adminGrant: AccessEvent = {
      type: 'AccessGranted',
      schemaVersion: 1,
      data: { subject: 'admin-olu', role: 'admin', grantedBy: 'system' },
    };
    spec
      .given([adminGrant])
      .when(revoke({ subject: 'admin-olu', role: 'admin', partnershipId: undefined }))
      .thenThrows({ code: 'forbidden' });
    const other = roleContext('admin', 'admin-ruth');
    spec
      .given([adminGrant])
      .when(revoke({ subject: 'admin-olu', role: 'admin', partnershipId: undefined }, other))
      .then([
        {
          type: 'AccessRevoked',
          schemaVersion: 1,
          data: { subject: 'admin-olu', role: 'admin', revokedBy: 'admin-ruth' },
        },
      ]);
  });

  it('is for admins only', () => {
    spec
      .given([granted])
      .when(revoke({}, partnershipContext('leeds')))
      .thenThrows({ code: 'forbidden' });
  });
});
