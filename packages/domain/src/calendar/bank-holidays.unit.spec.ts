import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DATE_HOLIDAYS_VERSION, englandAndWalesOneOffHolidays, libraryHolidaysOf } from './bank-holidays';
import { createEnglandAndWalesCalendar } from './working-day-calendar';

const calendar = createEnglandAndWalesCalendar();
const holidayDates = (year: number) => calendar.holidaysBetween(`${year}-01-01`, `${year}-12-31`).map((h) => h.date);

describe('England and Wales bank holidays', () => {
  it('match gov.uk for 2025, 2026 and 2027, substitute days included', () => {
    expect(holidayDates(2025)).toEqual([
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-05-05',
      '2025-05-26',
      '2025-08-25',
      '2025-12-25',
      '2025-12-26',
    ]);
    expect(holidayDates(2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
    // Christmas and Boxing Day 2027 fall on a weekend: substitutes Monday 27 and Tuesday 28.
    expect(holidayDates(2027)).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-08-30',
      '2027-12-25',
      '2027-12-26',
      '2027-12-27',
      '2027-12-28',
    ]);
  });

  it('include the one-offs and moved holidays of 2020, 2022 and 2023', () => {
    expect(holidayDates(2022)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
    expect(holidayDates(2022)).not.toContain('2022-05-30'); // Spring bank holiday moved to 2 June for the jubilee
    expect(holidayDates(2023)).toContain('2023-05-08');
    expect(holidayDates(2020)).toContain('2020-05-08'); // Early May moved to VE Day
    expect(holidayDates(2020)).not.toContain('2020-05-04');
  });

  it('the one-off list fills what date-holidays lacks: the 2011 royal wedding and the 2012 jubilee weekend', () => {
    expect(libraryHolidaysOf(2011).map((h) => h.date)).not.toContain('2011-04-29');
    expect(holidayDates(2011)).toContain('2011-04-29');
    // 2012: Spring bank holiday moved from Mon 28 May to Mon 4 June, with the jubilee on Tue 5 June.
    expect(holidayDates(2012)).toEqual(expect.arrayContaining(['2012-06-04', '2012-06-05']));
    expect(holidayDates(2012)).not.toContain('2012-05-28');
    expect(calendar.isWorkingDay('2012-05-28')).toBe(true);
    for (const oneOff of englandAndWalesOneOffHolidays) expect(calendar.isWorkingDay(oneOff.date)).toBe(false);
  });

  it('keeps only public holidays, not observances such as Mother’s Day', () => {
    expect(libraryHolidaysOf(2026).map((h) => h.name)).not.toContain("Mother's Day");
    expect(holidayDates(2026)).not.toContain('2026-03-15');
  });

  it('the calendar version names the installed date-holidays release (bump it when upgrading)', () => {
    const require = createRequire(import.meta.url);
    const packageJson = JSON.parse(readFileSync(require.resolve('date-holidays/package.json'), 'utf8')) as {
      version: string;
    };
    expect(DATE_HOLIDAYS_VERSION).toBe(packageJson.version);
    expect(calendar.version).toContain(`date-holidays-${packageJson.version}`);
  });
});
