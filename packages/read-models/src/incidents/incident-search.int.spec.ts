import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { migrateReadModels } from '../migrations';
import { givenEvents } from '../projection-spec';
import { incidentNotified } from '../test-events';
import { getIncidentByReference, incidentFigures, listIncidents } from './incidents-query';

// Wednesday 1 October 2025; the week runs to Sunday 5 October.
const today = '2025-10-01';
const partnershipId = 'wakefield';
const recentIds = Array.from({ length: 24 }, (_, i) => `w-recent-${String(i).padStart(2, '0')}`);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
  await givenEvents(db.sql, [
    // The oldest notification: its rapid review was due 25 June 2025 and never came. Newest first, it is on page 2.
    incidentNotified('w-old', { partnershipId, reference: 'INC-2025-00001' }),
    // Notified Friday 12 September: the rapid review is due Friday 3 October, this week.
    incidentNotified('w-due', {
      partnershipId,
      reference: 'INC-2025-00002',
      localAuthorityCode: 'E08000036',
      becameAwareOn: '2025-09-10',
      incidentOn: '2025-09-09',
      notifiedAt: '2025-09-12T09:00:00.000Z',
      notifiedOn: '2025-09-12',
    }),
    // 24 later notifications without an open deadline (no rapid review for these natures; notified on time).
    ...recentIds.map((id, i) =>
      incidentNotified(id, {
        partnershipId,
        reference: `INC-2025-${String(i + 3).padStart(5, '0')}`,
        nature: 'looked-after-child-death',
        becameAwareOn: '2025-09-15',
        incidentOn: '2025-09-14',
        notifiedAt: `2025-09-16T10:${String(i).padStart(2, '0')}:00.000Z`,
        notifiedOn: '2025-09-16',
      }),
    ),
    incidentNotified('other-partnership', { partnershipId: 'leeds', reference: 'INC-2025-00099' }),
  ]);
});
afterAll(async () => db?.drop());

describe('incident search, paging and figures over every record', () => {
  it('newest first: the old overdue incident is on page 2, and the total counts all 26', async () => {
    const first = await listIncidents(db.sql, { partnershipId, today, first: 20, page: 1 });
    const second = await listIncidents(db.sql, { partnershipId, today, first: 20, page: 2 });
    expect(first.totalCount).toBe(26);
    expect(first.items.map((i) => i.id)).not.toContain('w-old');
    expect(second.items.map((i) => i.id)).toContain('w-old');
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(26);
  });

  it('figures count the overdue incident on page 2 and the one due this week', async () => {
    expect(await incidentFigures(db.sql, { partnershipId, today })).toEqual({
      notified: 26,
      open: 26,
      overdue: 1,
      dueThisWeek: 1,
    });
    expect(await incidentFigures(db.sql, { today })).toMatchObject({ notified: 27, overdue: 2 });
  });

  it('most urgent first: the overdue one leads, then the one due this week; cursors walk every row once', async () => {
    const first = await listIncidents(db.sql, { partnershipId, today, first: 20, order: 'most-urgent' });
    expect(first.items.slice(0, 2).map((i) => i.id)).toEqual(['w-old', 'w-due']);
    expect(first.items[0]?.overdue).toBe(true);
    const rest = await listIncidents(db.sql, {
      partnershipId,
      today,
      first: 20,
      order: 'most-urgent',
      after: first.endCursor!,
    });
    expect(rest.hasNextPage).toBe(false);
    expect(new Set([...first.items, ...rest.items].map((i) => i.id)).size).toBe(26);
  });

  it('searches by reference, local authority and notification date range; counts only when asked', async () => {
    expect((await getIncidentByReference(db.sql, 'INC-2025-00002', { today }))?.id).toBe('w-due');
    expect((await listIncidents(db.sql, { reference: 'INC-2025-00099', today })).items.map((i) => i.id)).toEqual([
      'other-partnership',
    ]);
    expect((await listIncidents(db.sql, { localAuthorityCode: 'E08000036', today })).items.map((i) => i.id)).toEqual([
      'w-due',
    ]);
    const range = await listIncidents(db.sql, {
      partnershipId,
      notifiedFrom: '2025-06-01',
      notifiedTo: '2025-09-12',
      today,
      count: false,
    });
    expect(range.items.map((i) => i.id).sort()).toEqual(['w-due', 'w-old']);
    expect(range.totalCount).toBeNull();
  });

  it("a reference allocated later (the start-up backfill) fills an older incident's row", async () => {
    await givenEvents(db.sql, [
      incidentNotified('legacy'),
      {
        type: 'CaseReferenceAllocated',
        data: { kind: 'INC', year: 2025, number: 1, reference: 'INC-2025-00100', subjectId: 'legacy' },
      },
      // A review's number never lands on an incident row.
      {
        type: 'CaseReferenceAllocated',
        data: { kind: 'REV', year: 2025, number: 1, reference: 'REV-2025-00001', subjectId: 'w-old' },
      },
    ]);
    expect((await getIncidentByReference(db.sql, 'INC-2025-00100', { today }))?.id).toBe('legacy');
    expect((await getIncidentByReference(db.sql, 'INC-2025-00001', { today }))?.id).toBe('w-old');
  });
});
