/**
 * A release's open-data files in DfE's tidy layout (one row per cell; filter columns then the indicator), built from
 * the facts of a closed reporting year (pure), and their CSV text (csv-stringify) with a metadata file describing
 * each column, so the files load into the same tools as DfE's own.
 */
import { stringify } from 'csv-stringify/sync';
import { englishRegions, localAuthorities, regionOf } from '@cspr/domain';
import type { OpenDataRow, ReleaseFiles } from '@cspr/domain';
import {
  areaCells,
  ENGLAND,
  NATURES_COMBINED,
  NATURES_TOTALS,
  nationalCells,
  type Cell,
  type NotificationFact,
} from './dfe-tables';
import {
  disclosureKey,
  isNationalTotal,
  releaseEquations,
  shownExact,
  shownRounded,
  suppress,
} from './disclosure-control';

/** The method and frame these files follow; recorded in each release event. */
export const METHOD_VERSION = 'dfe-serious-incident-notifications-2025';
export const TIME_IDENTIFIER = 'Reporting year';

export const NATIONAL_COLUMNS = [
  'time_period',
  'time_identifier',
  'quarter',
  'geographic_level',
  'country_code',
  'country_name',
  'breakdown_topic',
  'breakdown',
  'nature_of_notification',
  'number_notifications',
] as const;
export const REGIONAL_COLUMNS = [
  'time_period',
  'time_identifier',
  'quarter',
  'geographic_level',
  'country_code',
  'country_name',
  'region_code',
  'region_name',
  'breakdown_topic',
  'breakdown',
  'nature_of_notification',
  'number_notifications',
] as const;
export const LOCAL_AUTHORITY_COLUMNS = [
  'time_period',
  'time_identifier',
  'quarter',
  'geographic_level',
  'country_code',
  'country_name',
  'region_code',
  'region_name',
  'old_la_code',
  'new_la_code',
  'la_name',
  'breakdown_topic',
  'breakdown',
  'nature_of_notification',
  'number_notifications',
] as const;

export type ReleaseFileName = keyof ReleaseFiles;
export const RELEASE_FILE_COLUMNS: Record<ReleaseFileName, readonly string[]> = {
  national: NATIONAL_COLUMNS,
  regional: REGIONAL_COLUMNS,
  localAuthority: LOCAL_AUTHORITY_COLUMNS,
};

const base = (reportingYear: number, cell: Cell) => ({
  time_period: String(reportingYear),
  time_identifier: TIME_IDENTIFIER,
  quarter: cell.quarter,
  geographic_level: cell.level,
  country_code: ENGLAND.code,
  country_name: ENGLAND.name,
});
const filters = (cell: Cell) => ({
  breakdown_topic: cell.topic,
  breakdown: cell.breakdown,
  nature_of_notification: cell.nature,
});

/** The three files of a reporting year's release: suppressed national and LA counts, rounded regional counts. */
export const buildReleaseFiles = (facts: readonly NotificationFact[], reportingYear: number): ReleaseFiles => {
  const laCodes = localAuthorities.map((la) => la.code);
  const national = nationalCells(facts, reportingYear);
  const local = areaCells(facts, reportingYear, 'Local authority', laCodes, (code) => code, NATURES_COMBINED);
  const values = new Map([...national, ...local].map((c) => [disclosureKey(c), c.value]));
  const hidden = suppress(values, releaseEquations(laCodes), isNationalTotal);
  const regional = areaCells(
    facts,
    reportingYear,
    'Regional',
    englishRegions.map((r) => r.code),
    (code) => regionOf(code)?.code,
    NATURES_TOTALS,
  );
  const regionName = new Map(englishRegions.map((r) => [r.code, r.name]));
  const laByCode = new Map(localAuthorities.map((la) => [la.code, la]));
  return {
    national: national.map((c) => ({
      ...base(reportingYear, c),
      ...filters(c),
      number_notifications: shownExact(c, hidden),
    })),
    regional: regional.map((c) => ({
      ...base(reportingYear, c),
      region_code: c.area,
      region_name: regionName.get(c.area) ?? '',
      ...filters(c),
      number_notifications: shownRounded(c.value),
    })),
    localAuthority: local.map((c) => {
      const region = regionOf(c.area);
      return {
        ...base(reportingYear, c),
        region_code: region?.code ?? '',
        region_name: region?.name ?? '',
        old_la_code: String(laByCode.get(c.area)?.dfeNumber ?? ''),
        new_la_code: c.area,
        la_name: laByCode.get(c.area)?.name ?? c.area,
        ...filters(c),
        number_notifications: shownExact(c, hidden),
      };
    }),
  };
};

/** A release file as CSV: the documented columns in order, a header row, RFC 4180 quoting. */
export const releaseFileCsv = (rows: readonly OpenDataRow[], file: ReleaseFileName): string =>
  stringify(rows as OpenDataRow[], { header: true, columns: [...RELEASE_FILE_COLUMNS[file]], record_delimiter: '\n' });

const COLUMN_DESCRIPTIONS: Record<string, string> = {
  time_period: 'Reporting year, labelled by the year it ends in: 2025 is April 2024 to March 2025',
  time_identifier: 'Always "Reporting year" (April to March)',
  quarter: 'Total for the whole year, or Q1 (April to June) to Q4 (January to March), by date of notification',
  geographic_level: 'National, Regional or Local authority',
  country_code: 'ONS code of England (E92000001)',
  country_name: 'Name of the country: England',
  region_code: 'ONS code of the English region (E12)',
  region_name: 'Name of the English region',
  old_la_code: 'DfE three-digit number of the local authority that notified',
  new_la_code: 'ONS code of the local authority that notified',
  la_name: 'Name of the local authority that notified',
  breakdown_topic: 'Characteristic the notifications are broken down by (Total for the whole)',
  breakdown: 'Category of the characteristic (Total for every category)',
  nature_of_notification:
    'Child death (with abuse or neglect, and deaths of looked-after children), Serious harm, Other, ' +
    'Serious harm and other (combined in breakdowns), or Care leaver death (reported apart from every other figure)',
  number_notifications:
    'Number of notifications; characteristics of one child per notification as at notification. ' +
    '"c": 1 or 2, or hidden so that another "c" cannot be worked out; regional figures rounded to the nearest 10',
};

/** DfE-style metadata file: one row per column with its label and description. */
export const releaseMetadataCsv = (): string => {
  const columns = [...new Set([...NATIONAL_COLUMNS, ...REGIONAL_COLUMNS, ...LOCAL_AUTHORITY_COLUMNS])];
  const rows = columns.map((column) => ({
    col_name: column,
    col_type: column === 'number_notifications' ? 'Indicator' : 'Filter',
    label: column.replaceAll('_', ' '),
    files: (Object.keys(RELEASE_FILE_COLUMNS) as ReleaseFileName[])
      .filter((f) => RELEASE_FILE_COLUMNS[f].includes(column))
      .join(' '),
    description: COLUMN_DESCRIPTIONS[column] ?? '',
  }));
  return stringify(rows, {
    header: true,
    columns: ['col_name', 'col_type', 'label', 'files', 'description'],
    record_delimiter: '\n',
  });
};
