/**
 * Queries of statistics releases: the published ones (public and DfE) and the state of every period (Panel).
 * The live, exact figures of any year are `getLiveStatistics` (national-statistics-query.ts), for the Panel only.
 */
import type { Sql } from 'postgres';
import type { ReleaseFiles } from '@cspr/domain';
import { reportingYearLabel } from '@cspr/domain';

export type StatisticsReleaseView = {
  reportingYear: number;
  label: string;
  closedOn: string;
  publishedOn: string | null;
  methodVersion: string | null;
  files: ReleaseFiles | null;
};

type Row = {
  reporting_year: string;
  closed_on: string;
  published_on: string | null;
  method_version: string | null;
  files: ReleaseFiles | null;
};

const view = (row: Row): StatisticsReleaseView => ({
  reportingYear: Number(row.reporting_year),
  label: reportingYearLabel(Number(row.reporting_year)),
  closedOn: row.closed_on,
  publishedOn: row.published_on,
  methodVersion: row.method_version,
  files: row.files,
});

/** Published releases, newest first; with `includeUnpublished`, closed periods awaiting their release too. */
export const listStatisticsReleases = async (
  sql: Sql,
  options: { includeUnpublished?: boolean } = {},
): Promise<StatisticsReleaseView[]> => {
  const rows = await sql<Row[]>`
    select reporting_year, closed_on, published_on, method_version, files from read_models.statistics_releases
    where ${options.includeUnpublished === true} or published_on is not null
    order by reporting_year::int desc`;
  return rows.map(view);
};

/** One published release, or undefined when that year has none (yet). */
export const getPublishedRelease = async (
  sql: Sql,
  reportingYear: number,
): Promise<StatisticsReleaseView | undefined> => {
  const [row] = await sql<Row[]>`
    select reporting_year, closed_on, published_on, method_version, files from read_models.statistics_releases
    where reporting_year = ${String(reportingYear)} and published_on is not null`;
  return row ? view(row) : undefined;
};
