import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { migrateReadModels } from '../migrations';
import { givenEvents } from '../projection-spec';
import { getPartnership, listPartnerships } from './partnerships-query';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
});
afterAll(async () => db?.drop());

describe('partnerships', () => {
  it('given PartnershipRegistered then PartnershipChanged: name and local authorities as last changed', async () => {
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
        type: 'PartnershipRegistered',
        data: { partnershipId: 'berkshire-west', name: 'Berkshire West', localAuthorityCodes: ['E06000038'] },
        actorRole: 'admin',
      },
      {
        type: 'PartnershipChanged',
        data: {
          partnershipId: 'berkshire-west',
          name: 'Berkshire West Safeguarding Children Partnership',
          localAuthorityCodes: ['E06000038', 'E06000037', 'E06000041'],
        },
        actorRole: 'admin',
      },
    ]);
    expect(await getPartnership(db.sql, 'berkshire-west')).toMatchObject({
      name: 'Berkshire West Safeguarding Children Partnership',
      localAuthorityCodes: ['E06000038', 'E06000037', 'E06000041'],
      version: 2,
    });
    expect((await listPartnerships(db.sql)).map((p) => p.id)).toEqual(['berkshire-west', 'leeds']);
    expect(await getPartnership(db.sql, 'nowhere')).toBeNull();
  });

  it('a change to a partnership never registered is dead-lettered', async () => {
    await givenEvents(db.sql, [
      { type: 'PartnershipChanged', data: { partnershipId: 'ghost', name: 'Ghost', localAuthorityCodes: [] } },
    ]);
    expect(await db.sql`select projection, reason from read_models.dead_letters`).toEqual([
      { projection: 'partnerships', reason: 'PartnershipChanged for a partnership never registered' },
    ]);
  });
});
