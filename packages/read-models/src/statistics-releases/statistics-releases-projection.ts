/**
 * Statistics releases: one row per reporting year, from its stream's events. A row exists once the period closes;
 * `files` is what the release published (already suppressed and rounded), null until it is published. Only
 * published rows are ever shown to the public and DfE (statistics-releases-query.ts).
 */
import type { ReleaseFiles } from '@cspr/domain';
import { requireString, ProjectionError, type Projection } from '../projection';

export type StatisticsReleaseRow = {
  reporting_year: string;
  closed_on: string;
  published_on: string | null;
  published_at: string | null;
  method_version: string | null;
  files: ReleaseFiles | null;
};

const yearOf = (data: Record<string, unknown>): string => {
  const year = data.reportingYear;
  if (typeof year !== 'number' || !Number.isInteger(year))
    throw new ProjectionError('reportingYear must be an integer');
  return String(year);
};

export const statisticsReleasesProjection: Projection<StatisticsReleaseRow> = {
  name: 'statistics-releases',
  table: 'read_models.statistics_releases',
  key: 'reporting_year',
  handles: new Set(['StatisticsPeriodClosed', 'StatisticsReleasePublished']),
  keysOf: (event) => [yearOf(event.data)],
  evolve: (rows, event) => {
    const d = event.data;
    const key = yearOf(d);
    if (event.type === 'StatisticsPeriodClosed') {
      rows.set(key, {
        reporting_year: key,
        closed_on: requireString(d, 'closedOn'),
        published_on: null,
        published_at: null,
        method_version: null,
        files: null,
      });
      return;
    }
    const row = rows.get(key);
    if (!row) throw new ProjectionError('StatisticsReleasePublished before its period closed');
    const files = d.files as ReleaseFiles | undefined;
    if (!files || !Array.isArray(files.national)) throw new ProjectionError('StatisticsReleasePublished without files');
    rows.set(key, {
      ...row,
      published_on: requireString(d, 'publishedOn'),
      published_at: requireString(d, 'publishedAt'),
      method_version: requireString(d, 'methodVersion'),
      files,
    });
  },
};

export const STATISTICS_RELEASES_TABLE_SQL = `
create table read_models.statistics_releases (
  reporting_year text primary key,
  closed_on text not null,
  published_on text,
  published_at text,
  method_version text,
  files jsonb
);
`;
