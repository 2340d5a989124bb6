/**
 * National statistics queries. The Panel's live view: exact DfE tables of any reporting year, the current one
 * included, straight from the facts. A release: the files of a closed year, built here for the publish command
 * (the release event then carries them; the public and DfE only ever read published releases).
 */
import type { Sql } from 'postgres';
import { englishRegions, isReportingYearComplete, regionOf, reportingYearLabel, type ReleaseFiles } from '@cspr/domain';
import { resolveToday } from '../deadline-view';
import { areaCells, nationalCells, NATURES_TOTALS, type Cell, type NotificationFact } from './dfe-tables';
import { buildReleaseFiles } from './open-data';
import { factOf, type NotificationFactRow } from './notification-facts-projection';

export type LiveStatistics = {
  reportingYear: number;
  label: string;
  /** False while the year is still running (its figures will move). */
  complete: boolean;
  /** Exact national cells of DfE's frame. */
  national: Cell[];
  /** Exact regional counts (not rounded: this view is not for publication). */
  regional: (Cell & { areaName: string })[];
};

export const loadNotificationFacts = async (sql: Sql, reportingYear: number): Promise<NotificationFact[]> => {
  const rows = await sql<NotificationFactRow[]>`
    select * from read_models.notification_facts where reporting_year = ${reportingYear}`;
  return rows.map(factOf);
};

/** Reporting years that have any notification, newest first. */
export const listReportingYears = async (sql: Sql): Promise<number[]> =>
  (
    await sql<
      { year: number }[]
    >`select distinct reporting_year as year from read_models.notification_facts order by 1 desc`
  ).map((r) => r.year);

export const getLiveStatistics = async (
  sql: Sql,
  reportingYear: number,
  options: { today?: string } = {},
): Promise<LiveStatistics> => {
  const facts = await loadNotificationFacts(sql, reportingYear);
  const names = new Map(englishRegions.map((r) => [r.code, r.name]));
  return {
    reportingYear,
    label: reportingYearLabel(reportingYear),
    complete: isReportingYearComplete(reportingYear, resolveToday(options).today),
    national: nationalCells(facts, reportingYear),
    regional: areaCells(
      facts,
      reportingYear,
      'Regional',
      englishRegions.map((r) => r.code),
      (code) => regionOf(code)?.code,
      NATURES_TOTALS,
    ).map((c) => ({ ...c, areaName: names.get(c.area) ?? c.area })),
  };
};

export const buildRelease = async (sql: Sql, reportingYear: number): Promise<ReleaseFiles> =>
  buildReleaseFiles(await loadNotificationFacts(sql, reportingYear), reportingYear);
