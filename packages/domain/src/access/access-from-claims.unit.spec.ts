import { describe, expect, it } from 'vitest';
import { accessFromClaims, organisationClaimsOf, type ClaimMapping } from './access-from-claims';

const byOrganisation: ClaimMapping = {
  organisationClaim: 'organisation.id',
  organisationPartnerships: { 'org-leeds': 'leeds', 'org-kent': 'kent' },
};
const withRoles: ClaimMapping = { ...byOrganisation, roleClaim: 'roles' };

describe('organisationClaimsOf', () => {
  it('reads a dotted path into an object claim (DfE Sign-in) and a flat claim (Entra ID tid)', () => {
    expect(organisationClaimsOf({ organisation: { id: 'org-leeds', name: 'Leeds' } }, byOrganisation)).toEqual({
      organisation: 'org-leeds',
      roles: [],
    });
    expect(
      organisationClaimsOf({ tid: '9188040d', roles: ['panel'] }, { organisationClaim: 'tid', roleClaim: 'roles' }),
    ).toEqual({ organisation: '9188040d', roles: ['panel'] });
  });

  it('prefers a claim named with dots over a path, takes a single role as a list, and ignores what is not text', () => {
    expect(
      organisationClaimsOf({ 'organisation.id': 'flat', organisation: { id: 'nested' }, roles: 'agency' }, withRoles),
    ).toEqual({ organisation: 'flat', roles: ['agency'] });
    expect(organisationClaimsOf({ organisation: { id: { x: 1 } }, roles: [7, '', null] }, withRoles)).toEqual({
      roles: [],
    });
  });

  it('reads nothing when no claim names are configured', () => {
    expect(organisationClaimsOf({ organisation: 'org-leeds', roles: ['panel'] }, {})).toEqual({ roles: [] });
  });
});

describe('accessFromClaims', () => {
  it("without a role claim, a mapped organisation's people work for its partnership", () => {
    expect(accessFromClaims({ organisation: 'org-leeds', roles: [] }, byOrganisation)).toEqual({
      role: 'partnership',
      partnershipId: 'leeds',
    });
    expect(accessFromClaims({ organisation: 'org-elsewhere', roles: [] }, byOrganisation)).toBeUndefined();
    expect(accessFromClaims({ roles: [] }, byOrganisation)).toBeUndefined();
  });

  it('never maps an inherited property name to a partnership', () => {
    expect(accessFromClaims({ organisation: 'constructor', roles: [] }, byOrganisation)).toBeUndefined();
    expect(accessFromClaims({ organisation: '__proto__', roles: [] }, byOrganisation)).toBeUndefined();
  });

  it("with a role claim, the claim's role: partnership-bound roles only for a mapped organisation", () => {
    expect(accessFromClaims({ organisation: 'org-kent', roles: ['agency'] }, withRoles)).toEqual({
      role: 'agency',
      partnershipId: 'kent',
    });
    expect(accessFromClaims({ organisation: 'org-unknown', roles: ['agency'] }, withRoles)).toBeUndefined();
    expect(accessFromClaims({ roles: ['something-else', 'ofsted'] }, withRoles)).toEqual({ role: 'ofsted' });
    expect(accessFromClaims({ organisation: 'org-leeds', roles: [] }, withRoles)).toBeUndefined();
  });

  it('never gives admin from a claim: admins are granted in the platform', () => {
    expect(accessFromClaims({ organisation: 'org-leeds', roles: ['admin'] }, withRoles)).toBeUndefined();
    expect(accessFromClaims({ roles: ['admin', 'dfe'] }, withRoles)).toEqual({ role: 'dfe' });
  });
});
