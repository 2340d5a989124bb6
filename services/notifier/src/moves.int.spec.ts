/**
 * A deadline met, withdrawn or moved cancels its pending reminders (with the reason) and the planner records
 * those for the new date; a corrected calendar re-computes open deadlines; re-folding the whole log from the start
 * (the notifier's own rebuild) sends nothing twice. (A rebuild of the read models cannot touch the notifier: it
 * keeps its own fold of the log.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createSmtpChannel } from './channels/smtp-channel';
import { createNotifier } from './notifier';
import {
  createNotifierTestLog,
  seedLeeds,
  startSmtpServer,
  TEST_CONFIG,
  type NotifierTestLog,
  type TestSmtpServer,
} from './test-support';

let log: NotifierTestLog;
let smtp: TestSmtpServer;
let now: Date;
beforeEach(async () => {
  log = await createNotifierTestLog();
  now = new Date('2027-03-22T10:00:00Z');
  smtp = await startSmtpServer(() => now);
});
afterEach(async () => {
  await smtp.close();
  await log.drop();
});

const INCIDENT = '99990001-0000-4000-8000-000000000001';
const REVIEW = '88880001-0000-4000-8000-000000000001';
const outbox = () => log.db.sql<
  { deadline_key: string; kind: string; recipient: string; status: string; last_error: string | null }[]
>`
  select deadline_key, kind, recipient, status, last_error from notifier.outbox where recipient = 'lscp@leeds.example' order by id`;

describe('deadlines met, withdrawn or moved', () => {
  it('cancels pending reminders of a withdrawn notification', async () => {
    const down = createNotifier({
      sql: log.db.sql,
      store: log.store,
      calendar: log.calendar,
      clock: () => now,
      config: TEST_CONFIG,
      channel: createSmtpChannel({ url: 'smtp://127.0.0.1:1?ignoreTLS=true', from: 'x@cspr.test', timeoutMs: 500 }),
    });
    await seedLeeds(log, now);
    await log.append(
      `incident-${INCIDENT}`,
      'IncidentNotified',
      {
        incidentId: INCIDENT,
        partnershipId: 'leeds',
        localAuthorityCode: 'E08000035',
        nature: 'child-death',
        becameAwareOn: '2027-03-01',
        notifiedOn: '2027-03-05',
        notifiedAt: '2027-03-05T10:00:00Z',
        guidanceEdition: 'panel-guidance-2025',
        children: [{}],
      },
      new Date('2027-03-05T10:00:00Z'),
    );
    // Rapid review due 15 working days after Fri 5 Mar, skipping Good Friday and Easter Monday: Tue 30 Mar; its
    // reminder 2 working days before is Wed 24 Mar. The SMTP server is down then: the reminder waits.
    now = new Date('2027-03-24T09:00:00Z');
    await down.tick();
    expect((await outbox()).filter((r) => r.kind === 'reminder-2')).toMatchObject([
      { status: 'pending', deadline_key: `incident-${INCIDENT}/rapid-review@2027-03-30` },
    ]);
    // Sam stops deadline reminders: his waiting reminder is not sent; the shared mailbox's still waits.
    const samStops = { partnershipId: 'leeds', contactId: 'sam', receives: ['weekly-digest'] };
    await log.append('partnership-leeds', 'EmailPreferencesChanged', samStops, now);
    await down.tick();
    const sams = await log.db.sql<{ status: string }[]>`
      select status from notifier.outbox where recipient = 'sam@leeds.example' and kind = 'reminder-2'`;
    expect(sams).toEqual([{ status: 'cancelled' }]);
    expect((await outbox()).filter((r) => r.kind === 'reminder-2')).toMatchObject([{ status: 'pending' }]);
    await log.append(
      `incident-${INCIDENT}`,
      'NotificationWithdrawn',
      { incidentId: INCIDENT, withdrawnAt: now.toISOString(), reason: 'duplicate' },
      now,
    );
    await down.tick();
    await down.stop();
    expect((await outbox()).filter((r) => r.kind === 'reminder-2')).toMatchObject([
      { status: 'cancelled', last_error: 'deadline cancelled on 2027-03-24' },
    ]);
  }, 60_000);

  it('moves the final-report deadline when publication is delayed, and re-folding the log sends nothing twice', async () => {
    const notifier = createNotifier({
      sql: log.db.sql,
      store: log.store,
      calendar: log.calendar,
      clock: () => now,
      config: TEST_CONFIG,
      channel: createSmtpChannel({ url: smtp.url, from: 'x@cspr.test' }),
    });
    await seedLeeds(log, now);
    await log.append(
      `review-${REVIEW}`,
      'LocalReviewCommissioned',
      {
        reviewId: REVIEW,
        partnershipId: 'leeds',
        incidentIds: [],
        commissionedOn: '2026-11-18',
        guidanceEdition: 'working-together-2023',
      },
      now,
    );
    // Publication expected Fri 16 Apr: the final report is due 7 working days before, Wed 7 Apr (after Easter).
    await log.append(
      `review-${REVIEW}`,
      'PublicationDelayed',
      { reviewId: REVIEW, delayedOn: '2027-03-22', reason: 'criminal-trial', expectedPublicationOn: '2027-04-16' },
      now,
    );
    await notifier.tick();
    now = new Date('2027-04-05T08:00:00Z'); // Mon 5 Apr 09:00 BST
    await notifier.tick();
    // Mon 5 Apr is a working day (Easter Monday was 29 Mar): the reminder 2 working days before Wed 7 Apr.
    expect(smtp.arrived.map((e) => e.subject)).toContain(
      'Reminder: final report to the Panel and DfE for the review commissioned Wednesday 18 November 2026 is due Wednesday 7 April 2027',
    );
    const before = smtp.arrived.length;
    await log.append(
      `review-${REVIEW}`,
      'PublicationDelayed',
      { reviewId: REVIEW, delayedOn: '2027-04-05', reason: 'inquest', expectedPublicationOn: '2027-05-14' },
      now,
    );
    now = new Date('2027-04-07T08:00:00Z');
    await notifier.tick();
    // The old due day passes silently: the deadline moved to Wed 5 May (7 working days before Fri 14 May, after 3 May).
    expect(smtp.arrived.length).toBe(before);
    now = new Date('2027-04-30T08:00:00Z');
    await notifier.tick();
    expect(smtp.arrived.slice(before).map((e) => e.subject)).toEqual([
      'Reminder: final report to the Panel and DfE for the review commissioned Wednesday 18 November 2026 is due Wednesday 5 May 2027',
      'Reminder: final report to the Panel and DfE for the review commissioned Wednesday 18 November 2026 is due Wednesday 5 May 2027',
    ]);

    // The notifier's own rebuild: forget everything folded and fold the log again from the start, same day.
    const sent = smtp.arrived.length;
    await log.db.sql`truncate notifier.deadlines, notifier.subjects, notifier.contacts, notifier.partnerships`;
    await log.db.sql`update notifier.checkpoint set commit_position = 0, prepare_position = 0, planned_on = null`;
    await notifier.tick();
    await notifier.stop();
    expect(smtp.arrived.length).toBe(sent);
  }, 60_000);

  it('re-computes open deadlines with a corrected calendar and cancels reminders for the old date', async () => {
    await seedLeeds(log, now);
    await log.append(
      'referral-77770001',
      'ReferralSubmitted',
      {
        referralId: '77770001-0000-4000-8000-000000000001',
        partnershipId: 'leeds',
        localAuthorityCode: 'E08000035',
        nature: 'child-death',
        becameAwareOn: '2027-06-07',
        submittedOn: '2027-06-07',
      },
      now,
    );
    const first = createNotifier({
      sql: log.db.sql,
      store: log.store,
      calendar: log.calendar,
      clock: () => now,
      config: TEST_CONFIG,
      channel: createSmtpChannel({ url: 'smtp://127.0.0.1:1?ignoreTLS=true', from: 'x@cspr.test', timeoutMs: 500 }),
    });
    await first.applyCalendar();
    now = new Date('2027-06-10T08:00:00Z'); // Thu 10 Jun, 2 working days before Mon 14 Jun (5 after Mon 7 Jun)
    await first.tick();
    await first.stop();
    expect((await outbox()).map((r) => [r.kind, r.status, r.deadline_key.split('@')[1]])).toEqual([
      ['reminder-2', 'pending', '2027-06-14'],
    ]);
    // A one-off bank holiday proclaimed for Fri 11 Jun: the deadline moves to Tue 15 Jun.
    const corrected = createEnglandAndWalesCalendar({
      extraHolidays: [{ date: '2027-06-11', name: 'One-off bank holiday' }],
    });
    const second = createNotifier({
      sql: log.db.sql,
      store: log.store,
      calendar: corrected,
      clock: () => now,
      config: TEST_CONFIG,
      channel: createSmtpChannel({ url: smtp.url, from: 'x@cspr.test' }),
    });
    expect(await second.applyCalendar()).toBe(1);
    await second.tick();
    await second.stop();
    expect((await outbox()).map((r) => [r.kind, r.status, r.deadline_key.split('@')[1]])).toEqual([
      ['reminder-2', 'cancelled', '2027-06-14'],
      ['reminder-2', 'sent', '2027-06-15'],
    ]);
  }, 60_000);
});
