import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { migrateReadModels } from '../migrations';
import { givenEvents } from '../projection-spec';
import { child, incidentNotified, rapidReviewCompleted } from '../test-events';
import { getNationalStatistics, type Breakdown } from './national-statistics-query';
import { statisticsYearOf } from './notification-facts-projection';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
  await givenEvents(db.sql, [
    // Aware Monday 2 June 2025, notified Wednesday 4 June: within 5 working days (due 9 June).
    incidentNotified('a'),
    // Aware 2 June, notified 12 June: late. Two children.
    incidentNotified('b', { nature: 'child-death', notifiedAt: '2025-06-12T09:00:00.000Z', notifiedOn: '2025-06-12', children: [child('child-1', 'under-1'), child('child-2', '1-5')] }),
    incidentNotified('c', { becameAwareOn: '2025-06-30', notifiedAt: '2025-07-01T09:00:00.000Z', notifiedOn: '2025-07-01', children: [child('child-1', '11-15')] }),
    incidentNotified('d', { notifiedAt: '2025-06-05T09:00:00.000Z', notifiedOn: '2025-06-05' }),
    { type: 'NotificationWithdrawn', data: { incidentId: 'd', withdrawnAt: '2025-06-06T09:00:00.000Z', reason: 'duplicate', duplicateOfIncidentId: 'a' } },
    incidentNotified('e', { partnershipId: 'york', localAuthorityCode: 'E06000014', nature: 'other-harm-caused-by-child', becameAwareOn: '2026-02-09', notifiedAt: '2026-02-10T09:00:00.000Z', notifiedOn: '2026-02-10', children: [child('child-1', '16-plus')] }),
    incidentNotified('f', { becameAwareOn: '2025-03-27', notifiedAt: '2025-03-31T09:00:00.000Z', notifiedOn: '2025-03-31', guidanceEdition: 'working-together-2023' }),
    // 15 working days from notification (2025 guidance): a due 25 June, sent 20 June; b due 3 July, sent 10 July.
    rapidReviewCompleted('a', '2025-06-20'),
    rapidReviewCompleted('b', '2025-07-10'),
    { type: 'NotificationAmended', data: { incidentId: 'c', amendedAt: '2025-07-02T09:00:00.000Z', changes: { nature: 'child-death' }, changedFields: ['nature'] } },
    // b was notified late; moving its became-aware date to 9 June would make it look on time: it must stay late.
    { type: 'NotificationAmended', data: { incidentId: 'b', amendedAt: '2025-06-13T09:00:00.000Z', changes: { becameAwareOn: '2025-06-09' }, changedFields: ['becameAwareOn'] } },
  ]);
});
afterAll(async () => db?.drop());

const counts = (breakdown: Breakdown) => Object.fromEntries(breakdown.map((b) => [b.key, b.count.display]));

describe('national statistics', () => {
  it('statistics years run April to March, quarters from April', () => {
    expect(statisticsYearOf('2025-04-01')).toEqual({ year: '2025-26', quarter: 'Q1' });
    expect(statisticsYearOf('2025-10-31')).toEqual({ year: '2025-26', quarter: 'Q3' });
    expect(statisticsYearOf('2026-03-31')).toEqual({ year: '2025-26', quarter: 'Q4' });
    expect(statisticsYearOf('1999-12-31')).toEqual({ year: '1999-00', quarter: 'Q3' });
  });

  it('full view: counts by year, quarter, nature (as amended), region, LA and age band; withdrawn left out; both clocks', async () => {
    const stats = await getNationalStatistics(db.sql, { publicView: false });
    expect(stats.years.map((y) => [y.year, y.notifications.value])).toEqual([['2024-25', 1], ['2025-26', 4]]);
    const year = stats.years[1]!;
    expect(year.children.value).toBe(5);
    expect(counts(year.byQuarter)).toEqual({ Q1: '2', Q2: '1', Q4: '1' });
    expect(counts(year.byNature)).toEqual({ 'child-death': '2', 'serious-harm': '1', 'other-harm-caused-by-child': '1' });
    expect(counts(year.byRegion)).toEqual({ 'Yorkshire and The Humber': '4' });
    expect(year.byLocalAuthority.map((b) => [b.label, b.count.value])).toEqual([['York', 1], ['Leeds', 3]]);
    expect(counts(year.childrenByAgeBand)).toEqual({ '1-5': '2', 'under-1': '1', '11-15': '1', '16-plus': '1' });
    expect(year.notifiedWithin5WorkingDays).toMatchObject({ numerator: { value: 3 }, denominator: { value: 4 }, percent: 75, display: '75%' });
    expect(year.rapidReviewsWithin15WorkingDays).toMatchObject({ numerator: { value: 1 }, denominator: { value: 2 }, percent: 50 });
  });

  it('public view: counts of 1 or 2 shown as "c", larger ones and shares built on them kept', async () => {
    const stats = await getNationalStatistics(db.sql, { publicView: true, year: '2025-26', today: '2026-06-01' });
    expect(stats.years).toHaveLength(1);
    const year = stats.years[0]!;
    expect(year.notifications).toEqual({ value: 4, display: '4' });
    expect(counts(year.byQuarter)).toEqual({ Q1: 'c', Q2: 'c', Q4: 'c' });
    // York's lone "c" would be 4 - 3: Leeds, the next smallest, is suppressed as well.
    expect(year.byLocalAuthority.map((b) => [b.label, b.count])).toEqual([['York', { value: null, display: 'c' }], ['Leeds', { value: null, display: 'c' }]]);
    expect(year.notifiedWithin5WorkingDays).toMatchObject({ display: '75%', percent: 75 });
    expect(year.rapidReviewsWithin15WorkingDays).toEqual({ numerator: { value: null, display: 'c' }, denominator: { value: null, display: 'c' }, percent: null, display: 'c' });
  });

  it('public view leaves out the current, incomplete statistics year by LA and quarter; the exact view keeps them', async () => {
    // 1 November 2025 is in 2025-26 (April 2025 to March 2026).
    const [current] = (await getNationalStatistics(db.sql, { publicView: true, year: '2025-26', today: '2025-11-01' })).years;
    expect(current).toMatchObject({ year: '2025-26', byLocalAuthority: [], byQuarter: [], notifications: { value: 4 } });
    expect(counts(current!.byNature)).toEqual({ 'child-death': 'c', 'serious-harm': 'c', 'other-harm-caused-by-child': 'c' });
    const [past] = (await getNationalStatistics(db.sql, { publicView: true, year: '2024-25', today: '2025-11-01' })).years;
    expect(counts(past!.byQuarter)).toEqual({ Q4: 'c' });
    const [exact] = (await getNationalStatistics(db.sql, { publicView: false, year: '2025-26', today: '2025-11-01' })).years;
    expect(exact!.byLocalAuthority.map((b) => [b.label, b.count.value])).toEqual([['York', 1], ['Leeds', 3]]);
    expect(counts(exact!.byQuarter)).toEqual({ Q1: '2', Q2: '1', Q4: '1' });
  });

  it('a year with no notifications has no row', async () => {
    expect((await getNationalStatistics(db.sql, { publicView: true, year: '2019-20' })).years).toEqual([]);
  });
});
