/**
 * Statistical disclosure control for the published (public) view, after DfE practice: counts of 1 or 2 are shown
 * as "c" (primary suppression). A breakdown's cells add up to a total that is published too, so a single "c" could
 * be recovered by subtraction: when exactly one cell of a breakdown is suppressed, the next smallest cell is
 * suppressed as well (secondary suppression), which leaves two unknowns that one equation cannot separate.
 */
export const SUPPRESSED = 'c';

export type StatCell = { value: number | null; display: string };

/** Primary suppression: counts of 1 or 2 (zero discloses nothing about a child). */
export const isPrimarySuppressed = (value: number): boolean => value > 0 && value <= 2;

export const cellOf = (value: number, publicView: boolean): StatCell =>
  publicView && isPrimarySuppressed(value) ? { value: null, display: SUPPRESSED } : { value, display: String(value) };

const suppressed: StatCell = { value: null, display: SUPPRESSED };

/**
 * The cells of one breakdown, in the given order, with primary and secondary suppression in the public view.
 * Ties for the next smallest are broken by position (the first), so the same data always hides the same cell.
 */
export const suppressBreakdown = (counts: number[], publicView: boolean): StatCell[] => {
  const cells = counts.map((count) => cellOf(count, publicView));
  if (!publicView) return cells;
  const primary = counts.filter(isPrimarySuppressed).length;
  if (primary !== 1) return cells;
  let next = -1;
  counts.forEach((count, index) => {
    if (count > 0 && !isPrimarySuppressed(count) && (next === -1 || count < counts[next]!)) next = index;
  });
  if (next !== -1) cells[next] = suppressed;
  return cells;
};
