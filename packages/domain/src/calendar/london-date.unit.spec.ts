import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { londonDate } from './london-date';

describe('londonDate', () => {
  it('00:30 BST on Monday 30 March 2026 (23:30 UTC Sunday) is Monday', () => {
    expect(londonDate('2026-03-29T23:30:00Z')).toBe('2026-03-30');
    expect(londonDate('2026-03-30T00:30:00+01:00')).toBe('2026-03-30');
  });

  it('before the clocks go forward on 29 March 2026, London is on GMT', () => {
    expect(londonDate('2026-03-29T00:30:00Z')).toBe('2026-03-29');
    expect(londonDate('2026-03-28T23:30:00Z')).toBe('2026-03-28');
  });

  it('around the clocks going back on Sunday 25 October 2026', () => {
    expect(londonDate('2026-10-24T23:30:00Z')).toBe('2026-10-25'); // 00:30 BST
    expect(londonDate('2026-10-25T00:30:00Z')).toBe('2026-10-25'); // 01:30 BST, the hour that repeats
    expect(londonDate('2026-10-25T23:30:00Z')).toBe('2026-10-25'); // 23:30 GMT
  });

  it('23:30 UTC on a summer day is the next day in London; in winter it is the same day', () => {
    expect(londonDate('2026-07-15T23:30:00Z')).toBe('2026-07-16');
    expect(londonDate('2026-01-15T23:30:00Z')).toBe('2026-01-15');
  });

  it('is the UTC date or the day after, never earlier', () => {
    const instants = fc
      .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(instants, (instant) => {
        const utcDate = instant.slice(0, 10);
        const london = londonDate(instant);
        const nextDay = new Date(Date.parse(`${utcDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        expect([utcDate, nextDay]).toContain(london);
      }),
    );
  });

  it('rejects something that is not an instant', () => {
    expect(() => londonDate('yesterday')).toThrow(/ISO-8601/);
  });
});
