/**
 * DfE's reporting periods for serious incident notifications: the reporting year runs April to March and is
 * labelled by the year it ends in ("Reporting year 2025" is April 2024 to March 2025); quarters count from April.
 * A notification belongs to the period of the day it was notified (DfE counts incidents reported in the period).
 */
import type { CalendarDate } from '../shared/types';

export type ReportingQuarter = 'Q1' | 'Q2' | 'Q3' | 'Q4';
export const REPORTING_QUARTERS: readonly ReportingQuarter[] = ['Q1', 'Q2', 'Q3', 'Q4'];

export const reportingPeriodOf = (date: CalendarDate): { reportingYear: number; quarter: ReportingQuarter } => {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const reportingYear = month >= 4 ? year + 1 : year;
  const quarter = REPORTING_QUARTERS[Math.floor(((month + 8) % 12) / 3)]!;
  return { reportingYear, quarter };
};

export const reportingYearLabel = (reportingYear: number): string => `Reporting year ${reportingYear}`;

/** First and last day of a reporting year: 2025 is 2024-04-01 to 2025-03-31. */
export const reportingYearSpan = (reportingYear: number): { from: CalendarDate; to: CalendarDate } => ({
  from: `${reportingYear - 1}-04-01`,
  to: `${reportingYear}-03-31`,
});

/** A reporting year is complete once its last day has passed in England. */
export const isReportingYearComplete = (reportingYear: number, today: CalendarDate): boolean =>
  today > reportingYearSpan(reportingYear).to;
