import { describe, expect, it } from 'vitest';
import { dateInWords, monthInWords } from './calendar-words';

describe('dates in words', () => {
  it('words a calendar date or an instant as GOV.UK does, and leaves what is not a date alone', () => {
    expect(dateInWords('2026-12-04')).toBe('4 December 2026');
    expect(dateInWords('2026-01-31T23:00:00Z')).toBe('31 January 2026');
    expect(dateInWords('not a date')).toBe('not a date');
    expect(dateInWords('2026-13-01')).toBe('2026-13-01');
  });

  it('words the month of a date or a year-month, and keeps a bare year', () => {
    expect(monthInWords('2019-09')).toBe('September 2019');
    expect(monthInWords('2019-09-12')).toBe('September 2019');
    expect(monthInWords('2015')).toBe('2015');
  });
});
