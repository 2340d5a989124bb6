import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GuidanceEdition } from '../incident/incident-events';
import { fromDayNumber, toDayNumber } from './calendar-date';
import { deadlineRuleSets } from './deadline-rules';
import { computeDeadlines, deadlineStatus, type Deadline } from './deadlines';
import { createEnglandAndWalesCalendar } from './working-day-calendar';

const calendar = createEnglandAndWalesCalendar();
const editions = Object.keys(deadlineRuleSets) as GuidanceEdition[];
const dueOf = (deadlines: Deadline[], kind: Deadline['kind']) => deadlines.find((d) => d.kind === kind)?.dueOn;

describe('computeDeadlines', () => {
  it('Easter 2026 under Panel guidance 2025: the rapid review counts from the notification', () => {
    const deadlines = computeDeadlines(
      { 'became-aware': '2026-04-01', notified: '2026-04-10' },
      'panel-guidance-2025',
      calendar,
    );
    // Became aware Wed 1 Apr: Thu 2 (1), [Good Friday 3, weekend, Easter Monday 6], Tue 7 – Fri 10 (2–5).
    expect(dueOf(deadlines, 'notification')).toBe('2026-04-10');
    // Notified Fri 10 Apr: 13–17 Apr (1–5), 20–24 (6–10), 27 Apr – Fri 1 May (11–15).
    expect(dueOf(deadlines, 'rapid-review')).toBe('2026-05-01');
    expect(deadlines.map((d) => d.kind)).toEqual(['notification', 'rapid-review']);
  });

  it('Easter 2026 under Working Together 2018 and 2023: the rapid review counts from becoming aware', () => {
    for (const edition of ['working-together-2018', 'working-together-2023'] as const) {
      const deadlines = computeDeadlines({ 'became-aware': '2026-04-01', notified: '2026-04-10' }, edition, calendar);
      // From Wed 1 Apr: Thu 2 (1), Tue 7 – Fri 10 (2–5), 13–17 (6–10), 20–24 (11–15).
      expect(dueOf(deadlines, 'rapid-review')).toBe('2026-04-24');
      expect(deadlines.find((d) => d.kind === 'rapid-review')?.anchor).toBe('became-aware');
    }
  });

  it('Christmas 2026: the Panel response target is 10 working days, configurable, and not statutory', () => {
    // Rapid review submitted Fri 18 Dec: Mon 21 – Thu 24 (1–4), [25, 26/27, Mon 28 substitute],
    // Tue 29 – Thu 31 (5–7), [Fri 1 Jan], Mon 4 – Wed 6 Jan 2027 (8–10).
    const [response] = computeDeadlines({ 'rapid-review-submitted': '2026-12-18' }, 'panel-guidance-2025', calendar);
    expect(response).toMatchObject({
      kind: 'panel-response',
      dueOn: '2027-01-06',
      statutory: false,
      anchorDate: '2026-12-18',
    });
    // A 5-day target: Mon 21 – Thu 24 (1–4), Tue 29 (5).
    const [faster] = computeDeadlines({ 'rapid-review-submitted': '2026-12-18' }, 'panel-guidance-2025', calendar, {
      panelResponseTargetWorkingDays: 5,
    });
    expect(faster?.dueOn).toBe('2026-12-29');
    expect(faster?.rule.amount).toBe(5);
  });

  it('publication clocks: 6 calendar months clamped to month end, 7 working days before, at least 1 year after', () => {
    const deadlines = computeDeadlines(
      { 'review-commissioned': '2026-08-31', 'planned-publication': '2026-04-08', published: '2024-02-29' },
      'working-together-2023',
      calendar,
    );
    expect(dueOf(deadlines, 'local-review-publication')).toBe('2027-02-28'); // no 31 February
    // 7 working days before Wed 8 Apr 2026: Tue 7 (1), [Easter], Thu 2 (2), Wed 1 (3), Tue 31 Mar (4),
    // Mon 30 (5), Fri 27 (6), Thu 26 (7).
    expect(dueOf(deadlines, 'final-report-before-publication')).toBe('2026-03-26');
    expect(dueOf(deadlines, 'publication-availability')).toBe('2025-02-28');
  });

  it('gives one deadline per rule whose anchor is known, for every edition', () => {
    const allAnchors = {
      'became-aware': '2026-01-05',
      notified: '2026-01-06',
      'rapid-review-submitted': '2026-01-20',
      'review-commissioned': '2026-02-02',
      'planned-publication': '2026-09-01',
      published: '2026-09-01',
    };
    for (const edition of editions) {
      expect(computeDeadlines(allAnchors, edition, calendar)).toHaveLength(deadlineRuleSets[edition].rules.length);
      expect(computeDeadlines({}, edition, calendar)).toEqual([]);
    }
  });

  it('every working-day deadline after its anchor falls on a working day after it', () => {
    const anyDate = fc.integer({ min: toDayNumber('2018-06-29'), max: toDayNumber('2035-12-31') }).map(fromDayNumber);
    fc.assert(
      fc.property(anyDate, fc.constantFrom(...editions), (date, edition) => {
        const anchors = {
          'became-aware': date,
          notified: date,
          'rapid-review-submitted': date,
          'planned-publication': date,
        };
        for (const deadline of computeDeadlines(anchors, edition, calendar)) {
          expect(calendar.isWorkingDay(deadline.dueOn)).toBe(true);
          const expectedOrder = deadline.rule.direction === 'after' ? deadline.dueOn > date : deadline.dueOn < date;
          expect(expectedOrder).toBe(true);
        }
      }),
    );
  });
});

describe('deadlineStatus', () => {
  // Became aware Mon 22 Dec 2025: the notification is due Wed 31 Dec (see the calendar worked examples).
  const [notification] = computeDeadlines({ 'became-aware': '2025-12-22' }, 'panel-guidance-2025', calendar) as [
    Deadline,
  ];

  it('counts working days left and flags the week it is due in', () => {
    // Wed 24 Dec: after it, Mon 29, Tue 30, Wed 31 count; the week Mon 22 – Sun 28 does not hold the 31st.
    expect(deadlineStatus(notification, '2025-12-24', calendar)).toEqual({
      dueOn: '2025-12-31',
      workingDaysLeft: 3,
      overdue: false,
      dueThisWeek: false,
    });
    expect(deadlineStatus(notification, '2025-12-29', calendar)).toEqual({
      dueOn: '2025-12-31',
      workingDaysLeft: 2,
      overdue: false,
      dueThisWeek: true,
    });
    expect(deadlineStatus(notification, '2025-12-31', calendar)).toMatchObject({
      workingDaysLeft: 0,
      overdue: false,
      dueThisWeek: true,
    });
  });

  it('is overdue the day after, with negative working days left', () => {
    // Fri 2 Jan 2026: Thu 1 Jan is a holiday, so only Fri 2 counts after the 31st.
    expect(deadlineStatus(notification, '2026-01-02', calendar)).toEqual({
      dueOn: '2025-12-31',
      workingDaysLeft: -1,
      overdue: true,
      dueThisWeek: false,
    });
  });

  it('reports met and on time, or met late, and a met deadline is never overdue', () => {
    expect(deadlineStatus(notification, '2026-01-05', calendar, '2025-12-31')).toMatchObject({
      met: true,
      metOnTime: true,
      overdue: false,
    });
    expect(deadlineStatus(notification, '2026-01-05', calendar, '2026-01-02')).toMatchObject({
      met: true,
      metOnTime: false,
      overdue: false,
    });
  });

  it('treats publication availability as a minimum period: never overdue, taken down early is not on time', () => {
    const [availability] = computeDeadlines({ published: '2026-03-02' }, 'panel-guidance-2025', calendar) as [Deadline];
    expect(availability.dueOn).toBe('2027-03-02');
    expect(deadlineStatus(availability, '2027-06-01', calendar).overdue).toBe(false);
    expect(deadlineStatus(availability, '2027-06-01', calendar, '2026-12-01')).toMatchObject({
      met: true,
      metOnTime: false,
    });
    expect(deadlineStatus(availability, '2027-06-01', calendar, '2027-03-02')).toMatchObject({
      met: true,
      metOnTime: true,
    });
  });
});
