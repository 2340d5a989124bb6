/**
 * National statistics by year (April–March): notifications by quarter, nature, region and LA; children by age band,
 * sex and ethnicity; the share notified within 5 working days and of rapid reviews sent within 15. With
 * `publicView`, counts of 1 or 2 are shown as "c" (DfE practice: counts of 2 or fewer, zero being no disclosure),
 * with secondary suppression in breakdowns (suppression.ts), a share whose numerator or denominator is suppressed is
 * suppressed too, and the current statistical year, still incomplete, is not broken down by LA or quarter (a
 * part-year count per LA points at very few, recent cases).
 */
import type { Sql } from 'postgres';
import { findLocalAuthority } from '@cspr/domain';
import { resolveToday } from '../deadline-view';
import { statisticsYearOf } from './notification-facts-projection';
import { cellOf, suppressBreakdown, SUPPRESSED, type StatCell } from './suppression';

export { SUPPRESSED } from './suppression';
export type { StatCell } from './suppression';
export type Breakdown = { key: string; label: string; count: StatCell }[];
export type Share = { numerator: StatCell; denominator: StatCell; percent: number | null; display: string };

export type YearStatistics = {
  /** "2024-25": April 2024 to March 2025. */
  year: string;
  notifications: StatCell;
  children: StatCell;
  byQuarter: Breakdown;
  byNature: Breakdown;
  byRegion: Breakdown;
  byLocalAuthority: Breakdown;
  childrenByAgeBand: Breakdown;
  childrenBySex: Breakdown;
  childrenByEthnicity: Breakdown;
  notifiedWithin5WorkingDays: Share;
  rapidReviewsWithin15WorkingDays: Share;
};

export type NationalStatistics = { publicView: boolean; suppressed: boolean; years: YearStatistics[] };

const shareOf = (numerator: number, denominator: number, publicView: boolean): Share => {
  const n = cellOf(numerator, publicView);
  const d = cellOf(denominator, publicView);
  if (n.value === null || d.value === null) return { numerator: n, denominator: d, percent: null, display: SUPPRESSED };
  if (denominator === 0) return { numerator: n, denominator: d, percent: null, display: 'n/a' };
  const percent = Math.round((numerator / denominator) * 1000) / 10;
  return { numerator: n, denominator: d, percent, display: `${percent}%` };
};

type Grouped = { year: string; key: string | null; count: number }[];

/** Column names are constants of this module, never input. */
const NOTIFICATION_DIMENSIONS = { byQuarter: 'quarter', byNature: 'nature', byRegion: 'region', byLocalAuthority: 'local_authority_code' } as const;
const CHILD_DIMENSIONS = { childrenByAgeBand: 'ageBand', childrenBySex: 'sex', childrenByEthnicity: 'ethnicity' } as const;

export type NationalStatisticsOptions = {
  publicView: boolean;
  /** Only this statistics year ("2024-25"). Default: every year. */
  year?: string;
  /** The day in England that decides the current, incomplete statistics year. Default: today in England. */
  today?: string;
};

/** Breakdowns left out of the public view for the current, incomplete statistics year (and any later one). */
const WITHHELD_IN_CURRENT_YEAR: ReadonlySet<string> = new Set(['byLocalAuthority', 'byQuarter']);

export const getNationalStatistics = async (sql: Sql, options: NationalStatisticsOptions): Promise<NationalStatistics> => {
  const { publicView } = options;
  const currentYear = statisticsYearOf(resolveToday(options).today).year;
  const yearFilter = options.year !== undefined ? sql`and statistics_year = ${options.year}` : sql``;
  const totals = await sql<{ year: string; notifications: number; notified_on_time: number; rapid_due: number; rapid_on_time: number; children: number }[]>`
    select statistics_year as year, count(*)::int as notifications,
      count(*) filter (where notified_within_deadline)::int as notified_on_time,
      count(*) filter (where rapid_review_within_deadline is not null)::int as rapid_due,
      count(*) filter (where rapid_review_within_deadline)::int as rapid_on_time,
      coalesce(sum(jsonb_array_length(children)), 0)::int as children
    from read_models.notification_facts where not withdrawn ${yearFilter}
    group by statistics_year order by statistics_year`;
  const breakdowns = new Map<string, Grouped>();
  for (const [name, column] of Object.entries(NOTIFICATION_DIMENSIONS)) {
    breakdowns.set(name, await sql<Grouped>`
      select statistics_year as year, ${sql(column)} as key, count(*)::int as count
      from read_models.notification_facts where not withdrawn ${yearFilter}
      group by 1, 2 order by 1, 2`);
  }
  for (const [name, field] of Object.entries(CHILD_DIMENSIONS)) {
    breakdowns.set(name, await sql<Grouped>`
      select f.statistics_year as year, coalesce(c ->> ${field}, 'unknown') as key, count(*)::int as count
      from read_models.notification_facts f cross join lateral jsonb_array_elements(f.children) c
      where not f.withdrawn ${yearFilter}
      group by 1, 2 order by 1, 2`);
  }
  const breakdown = (name: string, year: string): Breakdown => {
    // Year labels "2024-25" sort as years, so a later label is a later year.
    if (publicView && WITHHELD_IN_CURRENT_YEAR.has(name) && year >= currentYear) return [];
    const groups = (breakdowns.get(name) ?? []).filter((g) => g.year === year);
    const cells = suppressBreakdown(groups.map((g) => g.count), publicView);
    return groups.map((g, index) => {
      const key = g.key ?? 'unknown';
      const label = name === 'byLocalAuthority' ? (findLocalAuthority(key)?.name ?? key) : key;
      return { key, label, count: cells[index]! };
    });
  };
  const years = totals.map((t): YearStatistics => ({
    year: t.year,
    notifications: cellOf(t.notifications, publicView),
    children: cellOf(t.children, publicView),
    byQuarter: breakdown('byQuarter', t.year),
    byNature: breakdown('byNature', t.year),
    byRegion: breakdown('byRegion', t.year),
    byLocalAuthority: breakdown('byLocalAuthority', t.year),
    childrenByAgeBand: breakdown('childrenByAgeBand', t.year),
    childrenBySex: breakdown('childrenBySex', t.year),
    childrenByEthnicity: breakdown('childrenByEthnicity', t.year),
    notifiedWithin5WorkingDays: shareOf(t.notified_on_time, t.notifications, publicView),
    rapidReviewsWithin15WorkingDays: shareOf(t.rapid_on_time, t.rapid_due, publicView),
  }));
  return { publicView, suppressed: publicView, years };
};
