/**
 * Events of a statistics release stream (`statistics-release-<reporting year>`): the period closes, then a release
 * of its figures is published. The release carries the published open-data files themselves (already suppressed
 * and rounded; no personal data, no exact small counts), so what was published never changes when a notification
 * is later withdrawn: a correction would be a new release, as at DfE.
 */
import type { DomainEvent } from '../shared/event';
import type { CalendarDate, Instant } from '../shared/types';

/** One row of a DfE tidy open-data file: column name to cell text (numbers, "c" or "z"). */
export type OpenDataRow = Record<string, string>;

export type ReleaseFiles = {
  national: OpenDataRow[];
  regional: OpenDataRow[];
  localAuthority: OpenDataRow[];
};

export type StatisticsPeriodClosed = DomainEvent<
  'StatisticsPeriodClosed',
  {
    reportingYear: number;
    closedAt: Instant;
    closedOn: CalendarDate;
  }
>;

export type StatisticsReleasePublished = DomainEvent<
  'StatisticsReleasePublished',
  {
    reportingYear: number;
    publishedAt: Instant;
    publishedOn: CalendarDate;
    /** The method and frame the files follow, so a later change of method is visible in the log. */
    methodVersion: string;
    files: ReleaseFiles;
  }
>;

export type StatisticsReleaseEvent = StatisticsPeriodClosed | StatisticsReleasePublished;

export const STATISTICS_RELEASE_STREAM_PREFIX = 'statistics-release-';
export const statisticsReleaseStreamId = (reportingYear: number) =>
  `${STATISTICS_RELEASE_STREAM_PREFIX}${reportingYear}`;
