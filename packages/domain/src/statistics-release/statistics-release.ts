/**
 * The statistics release aggregate and its decider (one stream per reporting year). Commands come from the Panel
 * or an admin: close a complete period, then publish its release. Why commands and not a schedule: DfE pre-announces
 * a release and a statistician signs it off; a period closed after its end still settles (duplicates merged,
 * withdrawals) before the release is cut, and a command leaves who did it in the log. No scheduler exists here.
 */
import type { OpenDataRow, ReleaseFiles, StatisticsReleaseEvent } from './statistics-release-events';
import { isReportingYearComplete, reportingYearSpan } from './reporting-period';
import { requireContext, requireRole } from '../shared/authorize';
import { illegalState, validationError } from '../shared/domain-error';
import { assertNever, type Decider } from '../shared/event';
import type { CommandContext } from '../shared/types';
import { requireArray, requireInteger, requireString } from '../shared/validate';

export const STATISTICS_RELEASE_SCHEMA_VERSION = 1;
/** A release file is a few thousand rows at most (153 LAs by a handful of cells). */
export const MAX_RELEASE_ROWS = 20_000;
const FIRST_REPORTING_YEAR = 2019;
const LAST_REPORTING_YEAR = 2100;

export type StatisticsReleaseState = {
  reportingYear: number | null;
  closedOn: string | null;
  publishedOn: string | null;
};

export type CloseStatisticsPeriod = {
  type: 'CloseStatisticsPeriod';
  data: { reportingYear: number };
  context: CommandContext;
};
export type PublishStatisticsRelease = {
  type: 'PublishStatisticsRelease';
  data: { reportingYear: number; methodVersion: string; files: ReleaseFiles };
  context: CommandContext;
};
export type StatisticsReleaseCommand = CloseStatisticsPeriod | PublishStatisticsRelease;

export const initialStatisticsReleaseState = (): StatisticsReleaseState => ({
  reportingYear: null,
  closedOn: null,
  publishedOn: null,
});

export const evolveStatisticsRelease = (
  state: StatisticsReleaseState,
  event: StatisticsReleaseEvent,
): StatisticsReleaseState => {
  switch (event.type) {
    case 'StatisticsPeriodClosed':
      return { ...state, reportingYear: event.data.reportingYear, closedOn: event.data.closedOn };
    case 'StatisticsReleasePublished':
      return { ...state, publishedOn: event.data.publishedOn };
    default:
      return state;
  }
};

const requireYear = (value: unknown) =>
  requireInteger(value, 'reportingYear', FIRST_REPORTING_YEAR, LAST_REPORTING_YEAR);

const requireRows = (value: unknown, field: string): OpenDataRow[] =>
  requireArray<unknown>(value, field, 1, MAX_RELEASE_ROWS).map((row, index) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row))
      throw validationError(`${field}.${index}`, `${field}.${index} must be a row of cells`);
    for (const [column, cell] of Object.entries(row)) {
      if (typeof cell !== 'string')
        throw validationError(`${field}.${index}.${column}`, `${field}.${index}.${column} must be text`);
    }
    return row as OpenDataRow;
  });

const closePeriod = (command: CloseStatisticsPeriod, state: StatisticsReleaseState): StatisticsReleaseEvent[] => {
  const { context } = command;
  requireRole(context, ['panel', 'admin'], 'close a statistics period');
  const reportingYear = requireYear(command.data.reportingYear);
  if (state.closedOn !== null) throw illegalState(`Reporting year ${reportingYear} is already closed`);
  if (!isReportingYearComplete(reportingYear, context.today)) {
    throw illegalState(
      `Reporting year ${reportingYear} runs to ${reportingYearSpan(reportingYear).to}: it can close only after that day`,
    );
  }
  return [
    {
      type: 'StatisticsPeriodClosed',
      schemaVersion: STATISTICS_RELEASE_SCHEMA_VERSION,
      data: { reportingYear, closedAt: context.now, closedOn: context.today },
    },
  ];
};

const publishRelease = (command: PublishStatisticsRelease, state: StatisticsReleaseState): StatisticsReleaseEvent[] => {
  const { context, data } = command;
  requireRole(context, ['panel', 'admin'], 'publish a statistics release');
  const reportingYear = requireYear(data.reportingYear);
  if (state.closedOn === null)
    throw illegalState(`Reporting year ${reportingYear} is not closed: close it before publishing its release`);
  if (state.publishedOn !== null)
    throw illegalState(`The release of reporting year ${reportingYear} was published on ${state.publishedOn}`);
  if (data.files === null || typeof data.files !== 'object') throw validationError('files', 'files are required');
  const files: ReleaseFiles = {
    national: requireRows(data.files.national, 'files.national'),
    regional: requireRows(data.files.regional, 'files.regional'),
    localAuthority: requireRows(data.files.localAuthority, 'files.localAuthority'),
  };
  for (const [name, rows] of Object.entries(files)) {
    if (rows.some((row) => row.time_period !== String(reportingYear))) {
      throw validationError(`files.${name}`, `files.${name} holds rows of another period than ${reportingYear}`);
    }
  }
  return [
    {
      type: 'StatisticsReleasePublished',
      schemaVersion: STATISTICS_RELEASE_SCHEMA_VERSION,
      data: {
        reportingYear,
        publishedAt: context.now,
        publishedOn: context.today,
        methodVersion: requireString(data.methodVersion, 'methodVersion', 100),
        files,
      },
    },
  ];
};

export const decideStatisticsRelease = (
  command: StatisticsReleaseCommand,
  state: StatisticsReleaseState,
): StatisticsReleaseEvent[] => {
  requireContext(command.context);
  switch (command.type) {
    case 'CloseStatisticsPeriod':
      return closePeriod(command, state);
    case 'PublishStatisticsRelease':
      return publishRelease(command, state);
    default:
      return assertNever(command, 'statistics release command');
  }
};

export const statisticsReleaseDecider: Decider<
  StatisticsReleaseCommand,
  StatisticsReleaseEvent,
  StatisticsReleaseState
> = {
  initialState: initialStatisticsReleaseState,
  evolve: evolveStatisticsRelease,
  decide: decideStatisticsRelease,
};
