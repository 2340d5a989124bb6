import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { migrateReadModels } from '../migrations';
import { givenEvents } from '../projection-spec';
import { countReferrals, getReferral, listReferrals } from './referrals-query';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
});
afterAll(async () => db?.drop());

const submitted = (referralId: string, referredBy: string, submittedAt: string) => ({
  type: 'ReferralSubmitted',
  streamId: `referral-${referralId}`,
  actorRole: 'agency',
  data: {
    referralId,
    partnershipId: 'leeds',
    localAuthorityCode: 'E08000035',
    agency: 'police',
    referredBy,
    submittedAt,
    submittedOn: submittedAt.slice(0, 10),
    nature: 'serious-harm',
    incidentOn: '2026-03-02',
    becameAwareOn: '2026-03-03',
    criteriaView: 'met',
    dslConsulted: true,
    children: [{ childRef: 'child-1', ageBand: '6-10', sex: 'female' }],
  },
  personal: { sealed: 'opaque' },
});

describe('referrals', () => {
  it('given a submission and a decision to notify: the outcome with the incident, no personal part', async () => {
    await givenEvents(db.sql, [
      submitted('r1', 'officer-1', '2026-03-10T09:00:00.000Z'),
      submitted('r2', 'officer-2', '2026-03-11T09:00:00.000Z'),
      {
        type: 'ReferralDecided',
        streamId: 'referral-r1',
        data: {
          referralId: 'r1',
          partnershipId: 'leeds',
          decidedAt: '2026-03-12T09:00:00Z',
          decidedOn: '2026-03-12',
          outcome: 'notify',
          incidentId: 'i1',
        },
      },
      {
        type: 'ReferralWithdrawn',
        streamId: 'referral-r2',
        actorRole: 'agency',
        data: {
          referralId: 'r2',
          partnershipId: 'leeds',
          withdrawnAt: '2026-03-12T10:00:00Z',
          withdrawnOn: '2026-03-12',
        },
        personal: { sealed: 'x' },
      },
    ]);
    expect(await getReferral(db.sql, 'r1')).toMatchObject({
      status: 'decided',
      becameAwareOn: '2026-03-03',
      referredBy: 'officer-1',
      decision: { outcome: 'notify', decidedOn: '2026-03-12', incidentId: 'i1', reviewId: null },
      version: 2,
    });
    expect(JSON.stringify(await db.sql`select * from read_models.referrals`)).not.toContain('opaque');
    const all = await listReferrals(db.sql, { partnershipId: 'leeds' });
    expect(all.items.map((r) => [r.id, r.status])).toEqual([
      ['r2', 'withdrawn'],
      ['r1', 'decided'],
    ]);
    expect(
      (await listReferrals(db.sql, { partnershipId: 'leeds', referredBy: 'officer-1' })).items.map((r) => r.id),
    ).toEqual(['r1']);
    expect((await listReferrals(db.sql, { partnershipId: 'bradford' })).totalCount).toBe(0);
  });

  it('pages by number with the count over every match, and counts only when asked', async () => {
    await givenEvents(
      db.sql,
      Array.from({ length: 5 }, (_, i) => submitted(`p${i}`, 'officer-3', `2026-04-0${i + 1}T09:00:00.000Z`)),
    );
    const mine = { partnershipId: 'leeds', referredBy: 'officer-3' };
    const second = await listReferrals(db.sql, { ...mine, first: 2, page: 2 });
    expect(second.items.map((r) => r.id)).toEqual(['p2', 'p1']);
    expect(second.hasNextPage).toBe(true);
    expect(second.totalCount).toBe(5);
    const last = await listReferrals(db.sql, { ...mine, first: 2, page: 3, count: false });
    expect(last).toMatchObject({ hasNextPage: false, totalCount: null });
    expect(last.items.map((r) => r.id)).toEqual(['p0']);
    expect(await countReferrals(db.sql, mine)).toBe(5);
    expect(await countReferrals(db.sql, { ...mine, status: 'decided' })).toBe(0);
  });

  it('a decision on a referral never submitted is dead-lettered', async () => {
    await givenEvents(db.sql, [
      {
        type: 'ReferralDecided',
        streamId: 'referral-ghost',
        data: {
          referralId: 'ghost',
          partnershipId: 'leeds',
          decidedAt: '2026-03-12T09:00:00Z',
          decidedOn: '2026-03-12',
          outcome: 'no-further-action',
        },
      },
    ]);
    expect(
      await db.sql`select projection, reason from read_models.dead_letters where event_type = 'ReferralDecided'`,
    ).toEqual([{ projection: 'referrals', reason: 'ReferralDecided for a referral never submitted' }]);
  });
});
