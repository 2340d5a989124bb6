import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { migrateReadModels } from '../migrations';
import { givenEvents } from '../projection-spec';
import { grantsForSubject, listAccessGrants } from './access-grants-query';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
});
afterAll(async () => db?.drop());

describe('access grants', () => {
  it('given grants and a revocation: the grants in force per subject, with partnership names and who granted them', async () => {
    await givenEvents(db.sql, [
      {
        type: 'PartnershipRegistered',
        data: {
          partnershipId: 'leeds',
          name: 'Leeds Safeguarding Children Partnership',
          localAuthorityCodes: ['E08000035'],
        },
        actorRole: 'admin',
      },
      {
        type: 'AccessGranted',
        data: {
          subject: 'kc-1',
          role: 'partnership',
          partnershipId: 'leeds',
          email: 'a@leeds.example.gov.uk',
          grantedBy: 'admin-olu',
        },
        actorRole: 'admin',
      },
      { type: 'AccessGranted', data: { subject: 'kc-1', role: 'panel', grantedBy: 'admin-olu' }, actorRole: 'admin' },
      {
        type: 'AccessGranted',
        data: { subject: 'kc-2', role: 'agency', partnershipId: 'leeds', grantedBy: 'admin-ruth' },
        actorRole: 'admin',
      },
      { type: 'AccessRevoked', data: { subject: 'kc-1', role: 'panel', revokedBy: 'admin-ruth' }, actorRole: 'admin' },
    ]);
    expect(await grantsForSubject(db.sql, 'kc-1')).toEqual([
      expect.objectContaining({
        subject: 'kc-1',
        role: 'partnership',
        partnershipId: 'leeds',
        partnershipName: 'Leeds Safeguarding Children Partnership',
        email: 'a@leeds.example.gov.uk',
        grantedBy: 'admin-olu',
      }),
    ]);
    expect((await listAccessGrants(db.sql, { partnershipId: 'leeds' })).map((g) => [g.subject, g.role])).toEqual([
      ['kc-2', 'agency'],
      ['kc-1', 'partnership'],
    ]);
    expect(await grantsForSubject(db.sql, 'nobody')).toEqual([]);
  });
});
