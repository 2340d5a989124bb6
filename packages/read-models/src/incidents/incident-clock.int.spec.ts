import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { migrateReadModels } from '../migrations';
import { givenEvents } from '../projection-spec';
import { child, incidentNotified } from '../test-events';
import { getIncident, listIncidents } from './incidents-query';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
});
afterAll(async () => db?.drop());

const notification = (incident: Awaited<ReturnType<typeof getIncident>>) =>
  incident?.deadlines.find((d) => d.kind === 'notification');
const amendAware = (incidentId: string, becameAwareOn: string, amendedAt: string) => ({
  type: 'NotificationAmended',
  data: { incidentId, amendedAt, changes: { becameAwareOn }, changedFields: ['becameAwareOn'] },
  occurredAt: amendedAt,
});

describe('the notification clock', () => {
  it('given declared 5 March, notified 10 March, when corrected to 20 February, then it counts from 20 February: late', async () => {
    await givenEvents(db.sql, [
      incidentNotified('clock-1', {
        becameAwareOn: '2026-03-05',
        incidentOn: '2026-02-19',
        notifiedAt: '2026-03-10T09:00:00.000Z',
        notifiedOn: '2026-03-10',
      }),
      amendAware('clock-1', '2026-02-20', '2026-03-11T09:00:00.000Z'),
    ]);
    const incident = await getIncident(db.sql, 'clock-1', { today: '2026-03-12' });
    expect(incident).toMatchObject({
      becameAwareOn: '2026-02-20',
      becameAwareDeclaredOn: '2026-03-05',
      becameAwareClockOn: '2026-02-20',
    });
    // 20 February 2026 (Friday) + 5 working days = Friday 27 February; notified 10 March: late.
    expect(notification(incident)).toMatchObject({ anchorDate: '2026-02-20', dueOn: '2026-02-27', metOnTime: false });
    // The history shows both dates and who changed them.
    expect(incident?.history.at(-1)).toMatchObject({
      type: 'NotificationAmended',
      actorRole: 'partnership',
      actorId: 'user-1',
      changes: [{ field: 'becameAwareOn', from: '2026-03-05', to: '2026-02-20' }],
    });
  });

  it('a second correction back to a later date does not restore the later anchor', async () => {
    await givenEvents(db.sql, [amendAware('clock-1', '2026-03-06', '2026-03-12T09:00:00.000Z')]);
    const incident = await getIncident(db.sql, 'clock-1', { today: '2026-03-12' });
    expect(incident).toMatchObject({ becameAwareOn: '2026-03-06', becameAwareClockOn: '2026-02-20' });
    expect(notification(incident)).toMatchObject({ dueOn: '2026-02-27', metOnTime: false });
  });

  it("a care leaver's death has the 5 working days as guidance, never overdue", async () => {
    await givenEvents(db.sql, [
      incidentNotified('clock-2', {
        nature: 'care-leaver-death',
        becameAwareOn: '2026-03-02',
        notifiedAt: '2026-03-20T09:00:00.000Z',
        notifiedOn: '2026-03-20',
        children: [{ ...child('child-1', '16-plus'), careLeaverAgeBand: '16-21' }],
      }),
    ]);
    const incident = await getIncident(db.sql, 'clock-2', { today: '2026-03-20' });
    expect(notification(incident)).toMatchObject({
      statutory: false,
      guidance: true,
      dueOn: '2026-03-09',
      overdue: false,
    });
    expect(notification(incident)?.description).toMatch(/^Guidance, not a statutory deadline/);
    expect(incident?.overdue).toBe(false);
    expect(
      (await listIncidents(db.sql, { first: 10, overdue: true, today: '2026-03-20' })).items.map((i) => i.id),
    ).not.toContain('clock-2');
  });

  it('a duplicate withdrawn into another incident is listed on the survivor, which keeps its own clock', async () => {
    await givenEvents(db.sql, [
      incidentNotified('survivor', {
        becameAwareOn: '2026-03-02',
        notifiedAt: '2026-03-03T09:00:00.000Z',
        notifiedOn: '2026-03-03',
      }),
      incidentNotified('duplicate', {
        becameAwareOn: '2026-02-23',
        notifiedAt: '2026-03-04T09:00:00.000Z',
        notifiedOn: '2026-03-04',
        children: [child('child-1', '11-15')],
      }),
      {
        type: 'NotificationWithdrawn',
        data: {
          incidentId: 'duplicate',
          withdrawnAt: '2026-03-05T09:00:00.000Z',
          reason: 'duplicate',
          duplicateOfIncidentId: 'survivor',
          duplicateOfPartnershipId: 'leeds',
          linkedBy: 'partnership',
        },
      },
    ]);
    const survivor = await getIncident(db.sql, 'survivor', { today: '2026-03-05' });
    expect(survivor?.mergedDuplicates).toEqual([
      {
        incidentId: 'duplicate',
        partnershipId: 'leeds',
        linkedBy: 'partnership',
        mergedAt: '2025-06-02T09:00:00.000Z',
        children: [expect.objectContaining({ childRef: 'child-1', ageBand: '11-15' })],
      },
    ]);
    expect(notification(survivor)).toMatchObject({ anchorDate: '2026-03-02', metOnTime: true });
  });
});
