import { describe, expect, it } from 'vitest';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { dueOnDay, remindersFor } from './reminder-plan';
import { londonInstant, londonTime, londonToday } from './london-time';

const calendar = createEnglandAndWalesCalendar();
const options = { reminderDays: [2, 0], panelReminderDays: [2], catchUpWorkingDays: 3 };

describe('remindersFor', () => {
  it('counts working days back over Easter and forward to the first working day after', () => {
    // Due Wed 31 Mar 2027: 2 working days before skips Easter Monday 29 and Good Friday 26 → Thu 25 Mar; overdue Thu 1 Apr.
    expect(remindersFor('partnership', '2027-03-31', calendar, options)).toEqual([
      { kind: 'reminder-2', scheduledOn: '2027-03-25' },
      { kind: 'reminder-0', scheduledOn: '2027-03-31' },
      { kind: 'overdue', scheduledOn: '2027-04-01' },
    ]);
  });

  it('moves the due-day reminder of a deadline falling on a weekend to the Friday before; the Panel gets no overdue alert', () => {
    expect(remindersFor('partnership', '2027-05-02', calendar, options).map((r) => r.scheduledOn)).toEqual([
      '2027-04-28',
      '2027-04-30',
      '2027-05-04',
    ]);
    expect(remindersFor('panel', '2027-05-05', calendar, options)).toEqual([
      { kind: 'reminder-2', scheduledOn: '2027-04-30' },
    ]);
  });
});

describe('dueOnDay', () => {
  it('sends the latest reminder whose day has come, records the missed earlier one superseded, and one too late expired', () => {
    expect(dueOnDay('partnership', '2027-03-31', '2027-03-24', calendar, options)).toEqual([]);
    expect(
      dueOnDay('partnership', '2027-03-31', '2027-03-31', calendar, options).map((r) => [r.kind, r.status]),
    ).toEqual([
      ['reminder-2', 'superseded'],
      ['reminder-0', 'pending'],
    ]);
    expect(dueOnDay('partnership', '2027-03-31', '2027-04-09', calendar, options).at(-1)).toMatchObject({
      kind: 'overdue',
      status: 'expired',
    });
  });
});

describe('london time', () => {
  it('puts 09:00 in England at 09:00 UTC in winter and 08:00 UTC in summer, either side of the clock change', () => {
    expect(londonInstant('2027-03-26', '09:00').toISOString()).toBe('2027-03-26T09:00:00.000Z');
    expect(londonInstant('2027-03-29', '09:00').toISOString()).toBe('2027-03-29T08:00:00.000Z');
    expect(londonInstant('2027-11-01', '09:00').toISOString()).toBe('2027-11-01T09:00:00.000Z');
    const lateSunday = new Date('2027-03-28T23:30:00Z');
    expect([londonToday(lateSunday), londonTime(lateSunday)]).toEqual(['2027-03-29', '00:30']);
  });
});
