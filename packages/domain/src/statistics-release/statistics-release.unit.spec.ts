import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../shared/decider-spec';
import type { CommandContext, Role } from '../shared/types';
import { reportingPeriodOf, reportingYearLabel } from './reporting-period';
import { statisticsReleaseDecider, type StatisticsReleaseCommand } from './statistics-release';
import type { StatisticsReleaseEvent } from './statistics-release-events';

const spec = deciderSpec(statisticsReleaseDecider);
const context = (role: Role = 'panel', today = '2025-04-01'): CommandContext => ({
  actor: { userId: `u-${role}`, role },
  now: `${today}T09:00:00Z`,
  today,
});
const close = (ctx = context()): StatisticsReleaseCommand => ({
  type: 'CloseStatisticsPeriod',
  data: { reportingYear: 2025 },
  context: ctx,
});
const row = { time_period: '2025', time_identifier: 'Reporting year', number_notifications: '12' };
const publish = (
  files = { national: [row], regional: [row], localAuthority: [row] },
  ctx = context(),
): StatisticsReleaseCommand => ({
  type: 'PublishStatisticsRelease',
  data: { reportingYear: 2025, methodVersion: 'dfe-2025', files },
  context: ctx,
});
const closed: StatisticsReleaseEvent = {
  type: 'StatisticsPeriodClosed',
  schemaVersion: 1,
  data: { reportingYear: 2025, closedAt: '2025-04-01T09:00:00Z', closedOn: '2025-04-01' },
};

describe('reporting periods', () => {
  it('run April to March, labelled by the year they end in; quarters from April', () => {
    expect(reportingPeriodOf('2024-04-01')).toEqual({ reportingYear: 2025, quarter: 'Q1' });
    expect(reportingPeriodOf('2024-10-31')).toEqual({ reportingYear: 2025, quarter: 'Q3' });
    expect(reportingPeriodOf('2025-01-01')).toEqual({ reportingYear: 2025, quarter: 'Q4' });
    expect(reportingPeriodOf('2025-03-31')).toEqual({ reportingYear: 2025, quarter: 'Q4' });
    expect(reportingPeriodOf('2025-04-01')).toEqual({ reportingYear: 2026, quarter: 'Q1' });
    expect(reportingYearLabel(2025)).toBe('Reporting year 2025');
  });
});

describe('statistics release', () => {
  it('given nothing, when the Panel closes a year after 31 March, then the period is closed', () => {
    spec.given([]).when(close()).then([closed]);
  });

  it('refuses to close a year before its last day has passed, or twice', () => {
    spec
      .given([])
      .when(close(context('panel', '2025-03-31')))
      .thenThrows({ code: 'illegal_state', messageIncludes: '2025-03-31' });
    spec.given([closed]).when(close()).thenThrows({ code: 'illegal_state', messageIncludes: 'already closed' });
  });

  it('publishes a closed period once, carrying the published files', () => {
    const [event] = spec.given([closed]).when(publish()).events();
    expect(event).toMatchObject({
      type: 'StatisticsReleasePublished',
      data: { reportingYear: 2025, publishedOn: '2025-04-01', files: { national: [row] } },
    });
    spec
      .given([closed, event!])
      .when(publish())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'was published' });
  });

  it('refuses to publish an open period, rows of another period, and anyone but the Panel or an admin', () => {
    spec.given([]).when(publish()).thenThrows({ code: 'illegal_state', messageIncludes: 'not closed' });
    spec
      .given([closed])
      .when(publish({ national: [{ ...row, time_period: '2024' }], regional: [row], localAuthority: [row] }))
      .thenThrows({ code: 'validation', field: 'files.national' });
    for (const role of ['partnership', 'ofsted'] as const)
      spec
        .given([closed])
        .when(publish(undefined, context(role)))
        .thenThrows({ code: 'forbidden' });
    spec
      .given([closed])
      .when(publish(undefined, context('admin')))
      .events();
  });
});
