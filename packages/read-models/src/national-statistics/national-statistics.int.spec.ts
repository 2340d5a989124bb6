import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { buildReleaseFiles } from './open-data';
import { migrateReadModels } from '../migrations';
import { givenEvents } from '../projection-spec';
import { child, incidentNotified, rapidReviewCompleted } from '../test-events';
import {
  buildRelease,
  getLiveStatistics,
  listReportingYears,
  loadNotificationFacts,
} from './national-statistics-query';
import { getPublishedRelease, listStatisticsReleases } from '../statistics-releases/statistics-releases-query';
import { statisticsYearOf } from './notification-facts-projection';

let db: TestDatabase;
const value = (
  cells: { quarter: string; topic: string; breakdown: string; nature: string; value: number }[],
  topic: string,
  breakdown: string,
  nature: string,
  quarter = 'Total',
) =>
  cells.find((c) => c.quarter === quarter && c.topic === topic && c.breakdown === breakdown && c.nature === nature)
    ?.value;

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
  await givenEvents(db.sql, [
    // Aware Monday 2 June 2025, notified Wednesday 4 June: within 5 working days (due 9 June).
    incidentNotified('a'),
    // A death notified late with two children: counted once, with the second child's characteristics (harmChildRef).
    incidentNotified('b', {
      nature: 'child-death',
      notifiedAt: '2025-06-12T09:00:00.000Z',
      notifiedOn: '2025-06-12',
      harmChildRef: 'child-2',
      children: [child('child-1', '11-15'), { ...child('child-2', 'under-1'), sex: 'male' }],
    }),
    incidentNotified('c', {
      becameAwareOn: '2025-06-30',
      notifiedAt: '2025-07-01T09:00:00.000Z',
      notifiedOn: '2025-07-01',
      children: [child('child-1', '11-15')],
    }),
    incidentNotified('d', { notifiedAt: '2025-06-05T09:00:00.000Z', notifiedOn: '2025-06-05' }),
    {
      type: 'NotificationWithdrawn',
      data: {
        incidentId: 'd',
        withdrawnAt: '2025-06-06T09:00:00.000Z',
        reason: 'duplicate',
        duplicateOfIncidentId: 'a',
      },
    },
    incidentNotified('e', {
      nature: 'care-leaver-death',
      becameAwareOn: '2025-06-02',
      notifiedAt: '2025-07-01T09:00:00.000Z',
      notifiedOn: '2025-07-01',
      children: [{ ...child('child-1', '16-plus'), careLeaverAgeBand: '22-24' }],
    }),
    incidentNotified('f', {
      becameAwareOn: '2025-03-27',
      notifiedAt: '2025-03-31T09:00:00.000Z',
      notifiedOn: '2025-03-31',
      guidanceEdition: 'working-together-2023',
    }),
    rapidReviewCompleted('a', '2025-06-20'),
    // Amending the nature (a serious-harm child who later died) does not move the statistics: as at notification.
    {
      type: 'NotificationAmended',
      data: {
        incidentId: 'c',
        amendedAt: '2025-07-02T09:00:00.000Z',
        changes: { nature: 'child-death' },
        changedFields: ['nature'],
      },
    },
    // Declared aware 30 June, notified 1 July (on time); corrected to 20 June: the clock counts from the earlier date.
    {
      type: 'NotificationAmended',
      data: {
        incidentId: 'c',
        amendedAt: '2025-07-03T09:00:00.000Z',
        changes: { becameAwareOn: '2025-06-20' },
        changedFields: ['becameAwareOn'],
      },
    },
    // A correction to a later date never makes a late notification on time.
    {
      type: 'NotificationAmended',
      data: {
        incidentId: 'b',
        amendedAt: '2025-06-13T09:00:00.000Z',
        changes: { becameAwareOn: '2025-06-09' },
        changedFields: ['becameAwareOn'],
      },
    },
  ]);
});
afterAll(async () => db?.drop());

describe('notification facts (DfE method)', () => {
  it('legacy year labels still run April to March', () => {
    expect(statisticsYearOf('2025-04-01')).toEqual({ year: '2025-26', quarter: 'Q1' });
    expect(statisticsYearOf('2026-03-31')).toEqual({ year: '2025-26', quarter: 'Q4' });
  });

  it('counts notifications in DfE reporting years, as at notification; care leavers apart; withdrawn left out', async () => {
    expect(await listReportingYears(db.sql)).toEqual([2026, 2025]);
    const live = await getLiveStatistics(db.sql, 2026, { today: '2025-12-01' });
    expect(live).toMatchObject({ reportingYear: 2026, label: 'Reporting year 2026', complete: false });
    // a (harm), b (death), c (harm as notified, though amended to a death): 3 notifications, not 4 children.
    expect(
      ['Total', 'Child death', 'Serious harm', 'Other'].map((n) => value(live.national, 'Total', 'Total', n)),
    ).toEqual([3, 1, 2, 0]);
    expect(value(live.national, 'Total', 'Total', 'Total', 'Q1')).toBe(2);
    expect(value(live.national, 'Total', 'Total', 'Total', 'Q2')).toBe(1);
    // b is counted with child-2's characteristics (under 1, male), not child-1's.
    expect(value(live.national, 'Age', 'Under 1', 'Child death')).toBe(1);
    expect(value(live.national, 'Age', '11 to 15', 'Child death')).toBe(0);
    expect(value(live.national, 'Sex', 'Male', 'Total')).toBe(1);
    expect(value(live.national, 'Care leaver deaths', '22 to 24', 'Care leaver death')).toBe(1);
    expect(live.regional.find((r) => r.areaName === 'Yorkshire and The Humber' && r.nature === 'Total')?.value).toBe(3);
  });

  it('notified within 5 working days counts from the earliest became-aware date; care leavers have no clock', async () => {
    const live = await getLiveStatistics(db.sql, 2026, { today: '2025-12-01' });
    // a on time; b late (the later correction does not help); c late once corrected to 20 June (due 27 June).
    expect(value(live.national, 'Notified within 5 working days', 'Within 5 working days', 'Total')).toBe(1);
    expect(value(live.national, 'Notified within 5 working days', 'More than 5 working days', 'Total')).toBe(2);
    const facts = await loadNotificationFacts(db.sql, 2026);
    expect(facts.find((f) => f.nature === 'care-leaver-death')?.notifiedWithin5WorkingDays).toBeNull();
  });

  it('a release is built from the facts of the year, the same files as the pure function', async () => {
    const files = await buildRelease(db.sql, 2025);
    expect(files).toEqual(buildReleaseFiles(await loadNotificationFacts(db.sql, 2025), 2025));
    expect(
      files.national.find(
        (r) => r.breakdown_topic === 'Total' && r.quarter === 'Total' && r.nature_of_notification === 'Total',
      )?.number_notifications,
    ).toBe('c');
  });
});

describe('statistics releases read model', () => {
  it('shows only published releases to everyone; the Panel also sees closed periods awaiting release', async () => {
    const files = { national: [{ time_period: '2025', number_notifications: 'c' }], regional: [], localAuthority: [] };
    await givenEvents(db.sql, [
      {
        type: 'StatisticsPeriodClosed',
        data: { reportingYear: 2025, closedAt: '2025-04-02T09:00:00Z', closedOn: '2025-04-02' },
        streamId: 'statistics-release-2025',
      },
      {
        type: 'StatisticsPeriodClosed',
        data: { reportingYear: 2024, closedAt: '2025-04-02T09:00:00Z', closedOn: '2025-04-02' },
        streamId: 'statistics-release-2024',
      },
      {
        type: 'StatisticsReleasePublished',
        data: {
          reportingYear: 2025,
          publishedAt: '2025-05-01T09:30:00Z',
          publishedOn: '2025-05-01',
          methodVersion: 'm1',
          files,
        },
        streamId: 'statistics-release-2025',
      },
    ]);
    expect((await listStatisticsReleases(db.sql)).map((r) => [r.label, r.publishedOn])).toEqual([
      ['Reporting year 2025', '2025-05-01'],
    ]);
    expect((await listStatisticsReleases(db.sql, { includeUnpublished: true })).map((r) => r.reportingYear)).toEqual([
      2025, 2024,
    ]);
    expect((await getPublishedRelease(db.sql, 2025))?.files).toEqual(files);
    expect(await getPublishedRelease(db.sql, 2024)).toBeUndefined();
  });
});
