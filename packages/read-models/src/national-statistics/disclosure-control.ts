/**
 * Statistical disclosure control for a release, after DfE's policy for these statistics:
 * - national and local-authority counts are exact, except that counts of 1 or 2 are shown as "c" (primary);
 * - secondary suppression: every published total is an equation over its parts (a row of natures, a column of
 *   breakdown values, the quarters of a year, the LAs of England). Whenever exactly one member of an equation is
 *   hidden it could be worked out by subtraction, so the smallest other non-zero member is hidden too, and the
 *   equations are checked again until none has exactly one hidden member;
 * - regional counts are rounded to the nearest 10 (half up); a non-zero count that would show as 0 is "c", so a 0
 *   always means none (DfE: "where any number is shown as zero, the original figure submitted was zero").
 * Limits: single equations only; an attacker solving several equations at once is not modelled (DfE's practice too).
 */
import {
  CARE_LEAVER_BANDS,
  CARE_LEAVER_NATURE,
  CARE_LEAVER_TOPIC,
  cellKey,
  ENGLAND,
  NATURES_COMBINED,
  NATURES_LOOKED_AFTER,
  NATURES_TOTALS,
  TOPICS,
  TOTAL,
  type Cell,
} from './dfe-tables';
import { REPORTING_QUARTERS } from '@cspr/domain';

export const SUPPRESSED = 'c';
export const REGIONAL_ROUNDING_BASE = 10;

/** `total` equals the sum of `parts` (one part: the two cells are equal). Keys of cells; missing keys are skipped. */
export type Equation = { total: string; parts: string[] };

export const isPrimarySuppressed = (value: number): boolean => value > 0 && value <= 2;

/**
 * The keys hidden after primary and repeated secondary suppression. The secondary cell of an equation is the
 * smallest non-zero visible member, except that a member whose hiding would leave some other equation with only a
 * protected cell (a national total) to hide next is passed over while another will do: hiding a national total
 * to protect a small cell is the last resort. Deterministic: ties go to the first listed.
 */
export const suppress = (
  values: ReadonlyMap<string, number>,
  equations: readonly Equation[],
  isProtected: (key: string) => boolean = () => false,
): Set<string> => {
  const hidden = new Set([...values].filter(([, v]) => isPrimarySuppressed(v)).map(([k]) => k));
  const eqs = equations.map((eq) => [eq.total, ...eq.parts].filter((k) => values.has(k)));
  const byKey = new Map<string, string[][]>();
  for (const members of eqs) for (const k of members) byKey.set(k, [...(byKey.get(k) ?? []), members]);
  const visible = (k: string) => !hidden.has(k) && values.get(k)! > 0;
  const forcesProtected = (k: string) =>
    (byKey.get(k) ?? []).some((members) => {
      if (members.filter((m) => hidden.has(m)).length !== 0) return false;
      const rest = members.filter((m) => m !== k && visible(m));
      return rest.length > 0 && rest.every(isProtected);
    });
  let changed = true;
  while (changed) {
    changed = false;
    for (const members of eqs) {
      if (members.filter((k) => hidden.has(k)).length !== 1) continue;
      const candidates = members.filter(visible);
      if (candidates.length === 0) continue;
      const rank = (k: string) => [isProtected(k) ? 1 : 0, forcesProtected(k) ? 1 : 0, values.get(k)!] as const;
      const pick = candidates.reduce((best, k) => {
        const [a, b] = [rank(k), rank(best)];
        return a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]))) ? k : best;
      });
      hidden.add(pick);
      changed = true;
    }
  }
  return hidden;
};

const SHARED_TOTALS: ReadonlySet<string> = new Set([TOTAL, 'Child death', 'Serious harm and other']);

/**
 * The key a cell is suppressed under. Every topic repeats the national totals in its Total row: those repeats are
 * one cell, hidden everywhere or nowhere (else a total hidden in one topic could be read in another).
 */
export const disclosureKey = (
  cell: Pick<Cell, 'quarter' | 'level' | 'area' | 'topic' | 'breakdown' | 'nature'>,
): string =>
  cell.level === 'National' &&
  cell.quarter === TOTAL &&
  cell.breakdown === TOTAL &&
  cell.topic !== CARE_LEAVER_TOPIC &&
  SHARED_TOTALS.has(cell.nature)
    ? cellKey({ ...cell, topic: TOTAL })
    : cellKey(cell);

const nat = (quarter: string, topic: string, breakdown: string, nature: string) =>
  disclosureKey({ quarter, level: 'National', area: ENGLAND.code, topic, breakdown, nature });

/** Every equation among national cells and between them and the local-authority cells. */
export const releaseEquations = (localAuthorities: readonly string[]): Equation[] => {
  const eqs: Equation[] = [];
  const [, death, harm, other] = NATURES_TOTALS;
  for (const q of [TOTAL, ...REPORTING_QUARTERS])
    eqs.push({ total: nat(q, TOTAL, TOTAL, TOTAL), parts: [death, harm, other].map((n) => nat(q, TOTAL, TOTAL, n)) });
  for (const n of NATURES_TOTALS)
    eqs.push({ total: nat(TOTAL, TOTAL, TOTAL, n), parts: REPORTING_QUARTERS.map((q) => nat(q, TOTAL, TOTAL, n)) });
  const shared = (n: string) => nat(TOTAL, TOTAL, TOTAL, n);
  eqs.push({ total: shared('Serious harm and other'), parts: [harm, other].map(shared) });
  for (const t of TOPICS) {
    if (t.natures === NATURES_LOOKED_AFTER) {
      eqs.push({
        total: shared(death),
        parts: NATURES_LOOKED_AFTER.slice(1, 3).map((n) => nat(TOTAL, t.topic, TOTAL, n)),
      });
    }
    for (const b of [TOTAL, ...t.values])
      eqs.push({
        total: nat(TOTAL, t.topic, b, TOTAL),
        parts: t.natures.slice(1).map((n) => nat(TOTAL, t.topic, b, n)),
      });
    for (const n of t.natures)
      eqs.push({ total: nat(TOTAL, t.topic, TOTAL, n), parts: t.values.map((b) => nat(TOTAL, t.topic, b, n)) });
  }
  eqs.push({
    total: nat(TOTAL, CARE_LEAVER_TOPIC, TOTAL, CARE_LEAVER_NATURE),
    parts: CARE_LEAVER_BANDS.map((b) => nat(TOTAL, CARE_LEAVER_TOPIC, b, CARE_LEAVER_NATURE)),
  });
  const la = (area: string, nature: string) =>
    cellKey({ quarter: TOTAL, level: 'Local authority', area, topic: TOTAL, breakdown: TOTAL, nature });
  for (const area of localAuthorities)
    eqs.push({ total: la(area, TOTAL), parts: NATURES_COMBINED.slice(1).map((n) => la(area, n)) });
  if (localAuthorities.length > 0)
    for (const n of NATURES_COMBINED)
      eqs.push({ total: shared(n), parts: localAuthorities.map((area) => la(area, n)) });
  return eqs;
};

/** National totals by nature (a topic's Total row): hidden only when nothing else can protect a small cell. */
export const isNationalTotal = (key: string): boolean => key.startsWith(`${TOTAL}|National|${ENGLAND.code}|${TOTAL}|`);

/** Published text of an exact cell after suppression. */
export const shownExact = (cell: Cell, hidden: ReadonlySet<string>): string =>
  hidden.has(disclosureKey(cell)) ? SUPPRESSED : String(cell.value);

/** Published text of a regional cell: rounded to the nearest 10, "c" when non-zero but it would show as 0. */
export const shownRounded = (value: number): string => {
  if (value === 0) return '0';
  const rounded = Math.floor(value / REGIONAL_ROUNDING_BASE + 0.5) * REGIONAL_ROUNDING_BASE;
  return rounded === 0 ? SUPPRESSED : String(rounded);
};
