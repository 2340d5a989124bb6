import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber, weekdayOf, yearOf } from './calendar-date';
import { createEnglandAndWalesCalendar } from './working-day-calendar';

const calendar = createEnglandAndWalesCalendar();
const anyDate = fc.integer({ min: toDayNumber('2015-01-01'), max: toDayNumber('2035-12-31') }).map(fromDayNumber);
const anyCount = fc.integer({ min: 0, max: 300 });

describe('working-day calendar: properties', () => {
  it('a deadline of n >= 1 working days is always a working day, never a weekend or bank holiday', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 300 }), (date, n) => {
        const due = calendar.addWorkingDays(date, n);
        const weekday = weekdayOf(toDayNumber(due));
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(weekday).not.toBe(0);
        expect(weekday).not.toBe(6);
        expect(calendar.holidaysBetween(due, due)).toEqual([]);
      }),
    );
  });

  it('adding n then m working days is adding n + m', () => {
    fc.assert(
      fc.property(anyDate, anyCount, anyCount, (date, n, m) => {
        expect(calendar.addWorkingDays(calendar.addWorkingDays(date, n), m)).toBe(calendar.addWorkingDays(date, n + m));
      }),
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) is n', () => {
    fc.assert(
      fc.property(anyDate, anyCount, (date, n) => {
        expect(calendar.workingDaysBetween(date, calendar.addWorkingDays(date, n))).toBe(n);
      }),
    );
  });

  it('is monotonic: more working days never gives an earlier date, and n >= 1 is strictly later', () => {
    fc.assert(
      fc.property(anyDate, anyCount, anyCount, (date, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(calendar.addWorkingDays(date, low) <= calendar.addWorkingDays(date, high)).toBe(true);
        if (high >= 1) expect(calendar.addWorkingDays(date, high) > date).toBe(true);
      }),
    );
  });

  it('workingDaysBetween is antisymmetric and n = 0 returns the anchor', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, a)).toBe(0);
        if (a !== b) expect(Object.is(calendar.workingDaysBetween(a, a), 0)).toBe(true);
        expect(calendar.addWorkingDays(a, 0)).toBe(a);
      }),
    );
  });

  it('n working days before a date is a working day with exactly n working days from it up to the day before the anchor', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 300 }), (date, n) => {
        const earlier = calendar.addWorkingDays(date, -n);
        expect(calendar.isWorkingDay(earlier)).toBe(true);
        expect(calendar.workingDaysBetween(earlier, fromDayNumber(toDayNumber(date) - 1))).toBe(n - 1);
      }),
    );
  });
});

describe('working-day calendar: agrees with a naive day-by-day walk', () => {
  const naiveAdd = (date: string, n: number) => {
    let day = toDayNumber(date);
    for (let left = Math.abs(n); left > 0;) {
      day += n < 0 ? -1 : 1;
      if (calendar.isWorkingDay(fromDayNumber(day))) left -= 1;
    }
    return fromDayNumber(day);
  };
  const naiveBetween = (from: string, to: string) => {
    const [a, b] = [toDayNumber(from), toDayNumber(to)];
    let count = 0;
    for (let day = Math.min(a, b) + 1; day <= Math.max(a, b); day += 1)
      if (calendar.isWorkingDay(fromDayNumber(day))) count += 1;
    return b >= a || count === 0 ? count : -count;
  };

  it('for adding and subtracting working days, across year ends', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -400, max: 400 }), (date, n) => {
        expect(calendar.addWorkingDays(date, n)).toBe(naiveAdd(date, n));
      }),
    );
  });

  it('for counting working days between two dates', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -800, max: 800 }), (date, span) => {
        const other = fromDayNumber(toDayNumber(date) + span);
        expect(calendar.workingDaysBetween(date, other)).toBe(naiveBetween(date, other));
      }),
    );
  });

  it('computes the year of a day number like Date does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 800_000 }), (day) => {
        expect(yearOf(day)).toBe(new Date(day * 86_400_000).getUTCFullYear());
      }),
    );
  });
});

describe('working-day calendar: worked examples', () => {
  it('Christmas 2025: Thu 25 and Fri 26 December and Thu 1 January are holidays', () => {
    // Became aware Mon 22 Dec 2025. Working days: Tue 23 (1), Wed 24 (2), [Thu 25, Fri 26 holidays],
    // [Sat 27, Sun 28], Mon 29 (3), Tue 30 (4), Wed 31 (5).
    expect(calendar.addWorkingDays('2025-12-22', 5)).toBe('2025-12-31');
    // Continue: [Thu 1 Jan holiday], Fri 2 (6), Mon 5 – Fri 9 (7–11), Mon 12 (12), Tue 13 (13), Wed 14 (14), Thu 15 (15).
    expect(calendar.addWorkingDays('2025-12-22', 15)).toBe('2026-01-15');
    // After Wed 24 up to Mon 29: only Mon 29 counts.
    expect(calendar.workingDaysBetween('2025-12-24', '2025-12-29')).toBe(1);
    expect(calendar.holidaysBetween('2025-12-20', '2026-01-02').map((h) => h.date)).toEqual([
      '2025-12-25',
      '2025-12-26',
      '2026-01-01',
    ]);
  });

  it('Christmas 2026: Boxing Day on a Saturday moves to Monday 28 December', () => {
    // Became aware Wed 23 Dec 2026: Thu 24 (1), [Fri 25 Christmas], [Sat 26, Sun 27], [Mon 28 substitute],
    // Tue 29 (2), Wed 30 (3), Thu 31 (4), [Fri 1 Jan holiday], [Sat 2, Sun 3], Mon 4 Jan 2027 (5).
    expect(calendar.addWorkingDays('2026-12-23', 5)).toBe('2027-01-04');
    expect(calendar.isWorkingDay('2026-12-28')).toBe(false);
    expect(calendar.isWorkingDay('2026-12-29')).toBe(true);
  });

  it('Easter 2026: Good Friday 3 April and Easter Monday 6 April', () => {
    // Became aware Wed 1 Apr: Thu 2 (1), [Fri 3 Good Friday], [Sat 4, Sun 5], [Mon 6 Easter Monday],
    // Tue 7 (2), Wed 8 (3), Thu 9 (4), Fri 10 (5).
    expect(calendar.addWorkingDays('2026-04-01', 5)).toBe('2026-04-10');
    // 7 working days before Wed 8 Apr: Tue 7 (1), [Mon 6, Sun 5, Sat 4, Fri 3], Thu 2 (2), Wed 1 (3),
    // Tue 31 Mar (4), Mon 30 (5), Fri 27 (6), Thu 26 (7).
    expect(calendar.addWorkingDays('2026-04-08', -7)).toBe('2026-03-26');
  });

  it('a weekend anchor counts from the next working day', () => {
    // Sat 10 Jan 2026: Mon 12 (1) … Fri 16 (5).
    expect(calendar.addWorkingDays('2026-01-10', 5)).toBe('2026-01-16');
  });

  it('rejects malformed dates and fractional counts', () => {
    expect(() => calendar.addWorkingDays('2026-02-30', 1)).toThrow(/real calendar date/);
    expect(() => calendar.addWorkingDays('26-1-1', 1)).toThrow(/YYYY-MM-DD/);
    expect(() => calendar.addWorkingDays('2026-01-01', 1.5)).toThrow(/whole number/);
  });
});

describe('working-day calendar: overrides and version', () => {
  it('an extra one-off holiday stops being a working day and changes the version', () => {
    const withExtra = createEnglandAndWalesCalendar({
      extraHolidays: [{ date: '2026-06-01', name: 'Hypothetical jubilee' }],
    });
    expect(withExtra.isWorkingDay('2026-06-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-06-01')).toBe(true);
    expect(withExtra.version).not.toBe(calendar.version);
    expect(withExtra.holidaysBetween('2026-06-01', '2026-06-01')).toEqual([
      { date: '2026-06-01', name: 'Hypothetical jubilee' },
    ]);
  });

  it('a removed holiday becomes a working day', () => {
    const withoutBoxingDay = createEnglandAndWalesCalendar({ removedHolidays: ['2025-12-26'] });
    expect(withoutBoxingDay.isWorkingDay('2025-12-26')).toBe(true);
    expect(withoutBoxingDay.addWorkingDays('2025-12-24', 1)).toBe('2025-12-26');
  });

  it('the same overrides give the same version whatever their order', () => {
    const a = createEnglandAndWalesCalendar({ removedHolidays: ['2025-12-26', '2026-01-01'] });
    const b = createEnglandAndWalesCalendar({ removedHolidays: ['2026-01-01', '2025-12-26'] });
    expect(a.version).toBe(b.version);
    expect(calendar.version).toMatch(/^england-and-wales\/date-holidays-\d+\.\d+\.\d+\+overrides-\d{4}-\d{2}$/);
  });
});
