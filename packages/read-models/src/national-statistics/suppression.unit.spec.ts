import { describe, expect, it } from 'vitest';
import { suppressBreakdown } from './suppression';

const shown = (counts: number[]) => suppressBreakdown(counts, true).map((c) => c.display);

describe('public statistics suppression', () => {
  it('given one count of 1 or 2, the next smallest count is suppressed too, so the "c" cannot be found by subtraction', () => {
    // Total 20 is published: with only the 2 hidden, 20 - 5 - 13 would give it away.
    expect(shown([5, 2, 13])).toEqual(['c', 'c', '13']);
    expect(shown([1, 40, 7, 9])).toEqual(['c', '40', 'c', '9']);
  });

  it('ties for the next smallest: the first one is suppressed', () => {
    expect(shown([4, 1, 4])).toEqual(['c', 'c', '4']);
  });

  it('given two or more primary "c" cells, nothing more is suppressed', () => {
    expect(shown([1, 2, 6, 30])).toEqual(['c', 'c', '6', '30']);
  });

  it('given no small counts, nothing is suppressed; zeros are never picked', () => {
    expect(shown([3, 0, 12])).toEqual(['3', '0', '12']);
    expect(shown([2, 0, 7])).toEqual(['c', '0', 'c']);
  });

  it('a lone cell of 1 or 2 has nothing to pair with and stays the only "c"', () => {
    expect(shown([2])).toEqual(['c']);
  });

  it('the exact view suppresses nothing', () => {
    expect(suppressBreakdown([5, 2, 13], false).map((c) => c.value)).toEqual([5, 2, 13]);
  });
});
