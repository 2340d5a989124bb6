/**
 * Two notifier instances at once on one database (each its own connection pool), both folding the same log,
 * planning the same day and sending the same outbox: every email arrives once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@cspr/database';
import { createPostgresEventStore } from '@cspr/event-store/postgres';
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
// Wed 31 Mar 2027, 09:00 BST: the due-day reminders of referrals made on Mon 22 Mar go now.
const NOW = new Date('2027-03-31T08:00:00Z');

beforeAll(async () => {
  log = await createNotifierTestLog();
  smtp = await startSmtpServer(() => NOW);
});
afterAll(async () => {
  await smtp?.close();
  await log?.drop();
});

describe('two senders at once', () => {
  it('fold, plan and send the same work; each email arrives once', async () => {
    const before = new Date('2027-03-22T10:00:00Z');
    await seedLeeds(log, before);
    for (let n = 0; n < 25; n += 1) {
      const referralId = `eeee${String(n).padStart(4, '0')}-0000-4000-8000-000000000000`;
      await log.append(
        `referral-${referralId}`,
        'ReferralSubmitted',
        {
          referralId,
          partnershipId: 'leeds',
          localAuthorityCode: 'E08000035',
          nature: 'child-death',
          becameAwareOn: '2027-03-22',
          submittedOn: '2027-03-22',
        },
        before,
      );
      const incidentId = `ffff${String(n).padStart(4, '0')}-0000-4000-8000-000000000000`;
      await log.append(
        `incident-${incidentId}`,
        'IncidentNotified',
        {
          incidentId,
          partnershipId: 'leeds',
          localAuthorityCode: 'E08000035',
          nature: 'looked-after-child-death',
          becameAwareOn: '2027-03-30',
          notifiedOn: '2027-03-31',
          notifiedAt: NOW.toISOString(),
          guidanceEdition: 'panel-guidance-2025',
          children: [{}],
        },
        NOW,
      );
    }
    const second = await openDatabase({ databaseUrl: log.db.url, maxConnections: 3 });
    const make = (sql: typeof log.db.sql, store: typeof log.store) =>
      createNotifier({
        sql,
        store,
        calendar: log.calendar,
        clock: () => NOW,
        config: TEST_CONFIG,
        channel: createSmtpChannel({ url: smtp.url, from: 'no-reply@cspr.test' }),
      });
    const a = make(log.db.sql, log.store);
    const b = make(second.sql, createPostgresEventStore({ sql: second.sql, wakeups: second.wakeups }));
    try {
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      await Promise.all([a.tick(), b.tick()]);
      // 25 reminders "due today" and 25 confirmations, to the shared mailbox and Sam.
      expect(smtp.arrived).toHaveLength(100);
      expect(new Set(smtp.arrived.map((e) => `${e.messageId} ${e.to}`)).size).toBe(100);
      expect(smtp.arrived.filter((e) => e.subject.endsWith('is due today'))).toHaveLength(50);
      // Both did work: the claims spread over the two (skip locked), and the fold happened once (compare-and-set).
      expect(ra.sent + rb.sent).toBe(100);
      expect(ra.folded + rb.folded).toBe(53);
      // The reminders 2 working days before (Thu 25 Mar) never ran: recorded superseded by today's, not sent late.
      const rows = await log.db.sql<
        { status: string; n: number }[]
      >`select status, count(*)::int as n from notifier.outbox group by status order by status`;
      expect(rows).toEqual([
        { status: 'sent', n: 100 },
        { status: 'superseded', n: 50 },
      ]);
    } finally {
      await a.stop();
      await b.stop();
      await second.close();
    }
  }, 60_000);
});
