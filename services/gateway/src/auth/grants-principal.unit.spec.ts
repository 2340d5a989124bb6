import { describe, expect, it } from 'vitest';
import type { AccessGrantView } from '@cspr/read-models';
import { grantsPrincipal } from './grants-principal';

const grant = (role: string, partnershipId: string | null = null): AccessGrantView => ({
  subject: 'kc-1',
  role,
  partnershipId,
  partnershipName: null,
  email: null,
  grantedBy: 'admin',
  grantedAt: '2026-01-01T00:00:00.000Z',
});

describe('principals from grants', () => {
  it('the oldest grant acts; a partnership grant carries its partnership', async () => {
    const principal = grantsPrincipal(async () => [grant('partnership', 'leeds'), grant('panel')]);
    await expect(principal({ sub: 'kc-1' })).resolves.toEqual({
      kind: 'user',
      userId: 'kc-1',
      role: 'partnership',
      partnershipId: 'leeds',
    });
  });

  it("ignores the token's own role claims: no grant is the public", async () => {
    await expect(grantsPrincipal(async () => [])({ sub: 'kc-1', role: 'admin' })).resolves.toEqual({ kind: 'public' });
  });

  it('a configured bootstrap admin is admin only while holding no grant', async () => {
    await expect(
      grantsPrincipal(
        async () => [],
        () => ['kc-1'],
      )({ sub: 'kc-1' }),
    ).resolves.toMatchObject({ role: 'admin' });
    await expect(
      grantsPrincipal(
        async () => [grant('dfe')],
        () => ['kc-1'],
      )({ sub: 'kc-1' }),
    ).resolves.toMatchObject({ role: 'dfe' });
  });

  it('maps a configured organisation claim to a partnership for someone with no grant; a grant still wins', async () => {
    const mapping = { organisationClaim: 'organisation.id', organisationPartnerships: { 'org-leeds': 'leeds' } };
    const token = { sub: 'kc-1', organisation: { id: 'org-leeds' } };
    await expect(grantsPrincipal(async () => [], undefined, mapping)(token)).resolves.toEqual({
      kind: 'user',
      userId: 'kc-1',
      role: 'partnership',
      partnershipId: 'leeds',
    });
    await expect(grantsPrincipal(async () => [grant('panel')], undefined, mapping)(token)).resolves.toMatchObject({
      role: 'panel',
    });
    await expect(
      grantsPrincipal(async () => [], undefined, mapping)({ sub: 'kc-1', organisation: { id: 'org-other' } }),
    ).resolves.toEqual({ kind: 'public' });
  });

  it('refuses a token without a subject', async () => {
    await expect(grantsPrincipal(async () => [])({})).rejects.toThrow(/no subject/);
  });
});
