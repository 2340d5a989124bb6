/**
 * A controlled clock walks a referral (awareness) to notification, rapid review and the Panel's response through
 * Easter 2027 (Good Friday 26 March, Easter Monday 29 March, clocks forward on Sunday 28 March) and the Early May
 * bank holiday (3 May), one hour at a time, over real SMTP. Every email that arrived is checked against the list
 * below, worked out by hand from the calendar:
 *
 * - Aware Mon 22 Mar; 5 working days skipping 26 and 29 Mar → notification due Wed 31 Mar. Reminder 2 working days
 *   before = Thu 25 Mar (09:00 GMT); on the day Wed 31 Mar (09:00 BST = 08:00 UTC); overdue Thu 1 Apr.
 * - Notified Thu 1 Apr; rapid review 15 working days from notification → Thu 22 Apr; reminder Tue 20 Apr.
 * - Rapid review in Tue 20 Apr (13:30 BST, sent at once): Panel target 10 working days, skipping Mon 3 May → Wed 5 May; the
 *   Panel hears on Fri 30 Apr (2 working days before). The due-day reminder of 22 Apr is not sent (met).
 * - Sam takes the weekly digest and no confirmations: digests on the first working day of each week — Mon 22 Mar,
 *   Tue 30 Mar (after Easter Monday), Mon 5, 12, 19, 26 Apr, Tue 4 May (after the May bank holiday).
 * - A care leaver's death referred the same day has no statutory clock: no email about it at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpChannel } from './channels/smtp-channel';
import { londonTime, londonToday } from './london-time';
import { createNotifier } from './notifier';
import {
  createNotifierTestLog,
  seedLeeds,
  startSmtpServer,
  TEST_CONFIG,
  type NotifierTestLog,
  type TestSmtpServer,
} from './test-support';

const REFERRAL = 'aaaa1111-0000-4000-8000-000000000001';
const CARE_LEAVER = 'cccc3333-0000-4000-8000-000000000003';
const INCIDENT = 'bbbb2222-0000-4000-8000-000000000002';
const MAILBOX = 'lscp@leeds.example';
const SAM = 'sam@leeds.example';
const PANEL = 'panel@cspr.test';
// Referrals have no reference: the emails name one by the day it was sent, never by any part of its id.
const REF = 'the referral sent Monday 22 March 2027';
const INC = 'INC-2027-00001';
const digest = (on: string, count: string) => [`${on} 09:00`, SAM, `This week: ${count} for Leeds`];

/** [London local time, recipient, subject], in arrival order (recipients of one email sorted). */
const EXPECTED: string[][] = [
  digest('2027-03-22', '0 open deadlines'),
  ['2027-03-25 09:00', MAILBOX, `Reminder: notification to the Panel for ${REF} is due Wednesday 31 March 2027`],
  ['2027-03-25 09:00', SAM, `Reminder: notification to the Panel for ${REF} is due Wednesday 31 March 2027`],
  digest('2027-03-30', '1 open deadline'),
  ['2027-03-31 09:00', MAILBOX, `Reminder: notification to the Panel for ${REF} is due today`],
  ['2027-03-31 09:00', SAM, `Reminder: notification to the Panel for ${REF} is due today`],
  ['2027-04-01 09:00', MAILBOX, `Overdue: notification to the Panel for ${REF} was due Wednesday 31 March 2027`],
  ['2027-04-01 09:00', SAM, `Overdue: notification to the Panel for ${REF} was due Wednesday 31 March 2027`],
  ['2027-04-01 10:30', MAILBOX, `Received: notification to the Panel for ${INC}`],
  digest('2027-04-05', '1 open deadline'),
  digest('2027-04-12', '1 open deadline'),
  digest('2027-04-19', '1 open deadline'),
  ['2027-04-20 09:00', MAILBOX, `Reminder: rapid review to the Panel for ${INC} is due Thursday 22 April 2027`],
  ['2027-04-20 09:00', SAM, `Reminder: rapid review to the Panel for ${INC} is due Thursday 22 April 2027`],
  ['2027-04-20 13:30', MAILBOX, `Received: rapid review to the Panel for ${INC}`],
  ['2027-04-20 13:30', PANEL, `Rapid review received: ${INC} (Leeds)`],
  digest('2027-04-26', '0 open deadlines'),
  ['2027-04-30 09:00', PANEL, `Response target Wednesday 5 May 2027: rapid review ${INC}`],
  digest('2027-05-04', '0 open deadlines'),
  ['2027-05-04 10:30', MAILBOX, `The Panel has responded: ${INC}`],
  ['2027-05-04 10:30', SAM, `The Panel has responded: ${INC}`],
];

let log: NotifierTestLog;
let smtp: TestSmtpServer;
let now = new Date('2027-03-22T00:00:00Z');

beforeAll(async () => {
  log = await createNotifierTestLog();
  smtp = await startSmtpServer(() => now);
});
afterAll(async () => {
  await smtp?.close();
  await log?.drop();
});

describe('a notification walked through a bank-holiday week', () => {
  it('sends exactly the hand-worked emails, at 09:00 in England across the clock change, none on bank holidays', async () => {
    const notifier = createNotifier({
      sql: log.db.sql,
      store: log.store,
      calendar: log.calendar,
      config: TEST_CONFIG,
      clock: () => now,
      channel: createSmtpChannel({ url: smtp.url, from: 'CSPR <no-reply@cspr.test>' }),
    });
    await seedLeeds(log, now, ['deadline-reminders', 'panel-updates', 'weekly-digest']);
    const events: [string, () => Promise<void>][] = [
      [
        '2027-03-22T10:30:00Z',
        async () => {
          const referral = {
            partnershipId: 'leeds',
            localAuthorityCode: 'E08000035',
            becameAwareOn: '2027-03-22',
            submittedOn: '2027-03-22',
          };
          await log.append(
            `referral-${REFERRAL}`,
            'ReferralSubmitted',
            { ...referral, referralId: REFERRAL, nature: 'serious-harm' },
            now,
          );
          await log.append(
            `referral-${CARE_LEAVER}`,
            'ReferralSubmitted',
            { ...referral, referralId: CARE_LEAVER, nature: 'care-leaver-death' },
            now,
          );
        },
      ],
      [
        '2027-04-01T09:30:00Z',
        async () => {
          // The write path allocates the readable reference first (its own counter stream), then notifies.
          await log.append(
            'case-reference-INC-2027',
            'CaseReferenceAllocated',
            { kind: 'INC', year: 2027, number: 1, reference: INC, subjectId: INCIDENT },
            now,
          );
          await log.append(
            `incident-${INCIDENT}`,
            'IncidentNotified',
            {
              incidentId: INCIDENT,
              partnershipId: 'leeds',
              localAuthorityCode: 'E08000035',
              nature: 'serious-harm',
              becameAwareOn: '2027-03-22',
              notifiedOn: '2027-04-01',
              notifiedAt: '2027-04-01T09:30:00Z',
              guidanceEdition: 'panel-guidance-2025',
              children: [{}],
              referralId: REFERRAL,
            },
            now,
          );
        },
      ],
      [
        '2027-04-20T12:30:00Z',
        () =>
          log.append(
            `incident-${INCIDENT}`,
            'RapidReviewCompleted',
            {
              incidentId: INCIDENT,
              submittedOn: '2027-04-20',
              submittedAt: '2027-04-20T12:30:00Z',
              submission: 1,
            },
            now,
          ),
      ],
      [
        '2027-05-04T09:30:00Z',
        () =>
          log.append(
            `incident-${INCIDENT}`,
            'PanelResponded',
            {
              incidentId: INCIDENT,
              respondedOn: '2027-05-04',
              respondedAt: '2027-05-04T09:30:00Z',
              outcome: 'agreed',
            },
            now,
          ),
      ],
    ];
    const end = new Date('2027-05-07T00:00:00Z');
    while (now < end) {
      await notifier.tick();
      const next = new Date(now.getTime() + 30 * 60_000);
      for (const [at, append] of events) if (new Date(at).getTime() === next.getTime()) await append();
      now = next;
    }
    await notifier.stop();

    const arrived = smtp.arrived.map((e) => [`${londonToday(e.at)} ${londonTime(e.at)}`, e.to, e.subject]);
    const sorted = [...arrived].sort((a, b) => (a[0]! + a[1]!).localeCompare(b[0]! + b[1]!));
    expect(sorted).toEqual(EXPECTED);
    // Exactly once: one Message-ID per email, none repeated.
    expect(new Set(smtp.arrived.map((e) => `${e.messageId} ${e.to}`)).size).toBe(smtp.arrived.length);
    // What an email says: reference, local authority, date, link; never case details.
    const overdue = smtp.arrived.find((e) => e.subject.startsWith('Overdue'))!;
    expect(overdue.body).toContain(
      `Leeds: the notification to the Panel for ${REF} was due on Wednesday 31 March 2027`,
    );
    expect(overdue.body).toContain(`https://cspr.test/referrals/${REFERRAL}`);
    expect(overdue.body).toContain(`Open ${REF}: https://cspr.test/referrals/${REFERRAL}`);
    for (const email of smtp.arrived) {
      expect(email.body).not.toMatch(/serious-harm|care-leaver|neglect|born|child's name/i);
      // The id is only inside a link; the words a person reads name the record.
      expect(`${email.subject}\n${email.body}`.replace(/https:\/\/\S+/g, '')).not.toMatch(/[0-9a-f]{8}/i);
    }
    const outbox = await log.db.sql<
      { status: string; n: number }[]
    >`select status, count(*)::int as n from notifier.outbox group by status order by status`;
    // The due-day rapid-review reminder and the Panel's due-day alert were never recorded: their deadlines were met first.
    expect(outbox).toEqual([{ status: 'sent', n: EXPECTED.length }]);
  }, 180_000);
});
