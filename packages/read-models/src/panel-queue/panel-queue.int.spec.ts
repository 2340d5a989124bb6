import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { migrateReadModels } from '../migrations';
import { givenEvents } from '../projection-spec';
import { incidentNotified, panelResponded, rapidReviewCompleted } from '../test-events';
import { getPanelQueue } from './panel-queue-query';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
});
afterAll(async () => db?.drop());

describe('panel queue', () => {
  it('given notifications only: the queue is empty (nothing submitted to the Panel yet)', async () => {
    await givenEvents(db.sql, [incidentNotified('q-1'), incidentNotified('q-2'), incidentNotified('q-3')]);
    expect(await getPanelQueue(db.sql, { first: 10 })).toMatchObject({ items: [], totalCount: 0, hasNextPage: false });
  });

  it('given rapid reviews submitted: oldest submission first, with the 10-working-day target and the national flag', async () => {
    await givenEvents(db.sql, [
      rapidReviewCompleted('q-2', '2025-06-24', { nationalCriteriaMayBeMet: true }),
      rapidReviewCompleted('q-1', '2025-06-20'),
      rapidReviewCompleted('q-3', '2025-06-25'),
    ]);
    const queue = await getPanelQueue(db.sql, { first: 10, today: '2025-07-04' });
    expect(queue.items.map((i) => i.incidentId)).toEqual(['q-1', 'q-2', 'q-3']);
    // Friday 20 June + 10 working days = Friday 4 July: due today, not overdue.
    expect(queue.items[0]).toMatchObject({
      submittedOn: '2025-06-20',
      targetOn: '2025-07-04',
      workingDaysLeft: 0,
      overdue: false,
      nationalCriteriaMayBeMet: false,
    });
    expect(queue.items[1]).toMatchObject({
      targetOn: '2025-07-08',
      nationalCriteriaMayBeMet: true,
      localReviewDecision: 'local-review',
    });
    const later = await getPanelQueue(db.sql, { first: 10, today: '2025-07-07' });
    expect(later.items[0]).toMatchObject({ overdue: true, workingDaysLeft: -1 });
  });

  it('pages with an opaque cursor', async () => {
    const first = await getPanelQueue(db.sql, { first: 2 });
    expect(first).toMatchObject({ totalCount: 3, hasNextPage: true });
    const second = await getPanelQueue(db.sql, { first: 2, after: first.endCursor! });
    expect(second.items.map((i) => i.incidentId)).toEqual(['q-3']);
    expect(second.hasNextPage).toBe(false);
  });

  it('given a Panel response: leaves the queue; asked to reconsider and resubmitted: back with a new target', async () => {
    await givenEvents(db.sql, [panelResponded('q-1', '2025-07-01'), panelResponded('q-2', '2025-07-01', 'reconsider')]);
    expect((await getPanelQueue(db.sql, { first: 10 })).items.map((i) => i.incidentId)).toEqual(['q-3']);
    await givenEvents(db.sql, [rapidReviewCompleted('q-2', '2025-07-15', { submission: 2 })]);
    const queue = await getPanelQueue(db.sql, { first: 10 });
    expect(queue.items.map((i) => i.incidentId)).toEqual(['q-3', 'q-2']);
    expect(queue.items[1]).toMatchObject({ submission: 2, targetOn: '2025-07-29' });
  });

  it('given an amendment and a withdrawal: nature corrected; a withdrawn incident leaves the queue for good', async () => {
    await givenEvents(db.sql, [
      {
        type: 'NotificationAmended',
        data: {
          incidentId: 'q-3',
          amendedAt: '2025-06-26T09:00:00.000Z',
          changes: { nature: 'child-death' },
          changedFields: ['nature'],
        },
      },
      {
        type: 'NotificationWithdrawn',
        data: { incidentId: 'q-2', withdrawnAt: '2025-07-16T09:00:00.000Z', reason: 'notified-in-error' },
      },
      {
        type: 'NotificationAmended',
        data: { incidentId: 'q-2', amendedAt: '2025-07-17T09:00:00.000Z', changes: {}, changedFields: [] },
      },
    ]);
    const queue = await getPanelQueue(db.sql, { first: 10 });
    expect(queue.items.map((i) => [i.incidentId, i.nature])).toEqual([['q-3', 'child-death']]);
    expect(await db.sql`select count(*)::int as n from read_models.dead_letters`).toEqual([{ n: 0 }]);
  });
});
