/**
 * Bad input and failure: the SMTP server down (retried with backoff, shown with its reason, sent once it is back,
 * nothing lost), an address the server refuses (recorded against the contact, not retried, later emails skip it),
 * and a server down past the last attempt (failed, shown with the reason).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSmtpChannel } from './channels/smtp-channel';
import { createNotifier } from './notifier';
import { notifierStatus } from './notifier-status';
import { createNotifierTestLog, seedLeeds, startSmtpServer, TEST_CONFIG, type NotifierTestLog } from './test-support';

let log: NotifierTestLog;
let now = new Date('2027-04-01T10:00:00Z');
beforeEach(async () => {
  log = await createNotifierTestLog();
  now = new Date('2027-04-01T10:00:00Z');
});
afterEach(async () => {
  await log?.drop();
});

const notify = (n: number) => {
  const incidentId = `abcd000${n}-0000-4000-8000-00000000000${n}`;
  return log.append(
    `incident-${incidentId}`,
    'IncidentNotified',
    {
      incidentId,
      partnershipId: 'leeds',
      localAuthorityCode: 'E08000035',
      nature: 'looked-after-child-death',
      becameAwareOn: '2027-03-30',
      notifiedOn: '2027-04-01',
      notifiedAt: now.toISOString(),
      guidanceEdition: 'panel-guidance-2025',
      children: [{}],
    },
    now,
  );
};

describe('failure', () => {
  it('retries while the SMTP server is down, shows why, and sends everything once it is back', async () => {
    const server = await startSmtpServer(() => now);
    const port = server.port;
    await server.close();
    const notifier = createNotifier({
      sql: log.db.sql,
      store: log.store,
      calendar: log.calendar,
      clock: () => now,
      config: TEST_CONFIG,
      channel: createSmtpChannel({
        url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
        from: 'no-reply@cspr.test',
        timeoutMs: 2000,
      }),
    });
    await seedLeeds(log, now);
    await notify(1);
    await notifier.tick();
    let status = await notifierStatus(log.db.sql);
    expect(status.healthy).toBe(false);
    expect(status.retrying).toHaveLength(2);
    expect(status.retrying[0]!.reason).toMatch(/ECONNREFUSED/);
    expect(status.retrying[0]!.nextAttemptAt).toBe(new Date(now.getTime() + 30_000).toISOString());
    // Before the backoff is over nothing is tried; after it, the second attempt waits twice as long.
    await notifier.tick();
    expect((await notifierStatus(log.db.sql)).retrying[0]!.attempts).toBe(1);
    now = new Date(now.getTime() + 31_000);
    await notifier.tick();
    status = await notifierStatus(log.db.sql);
    expect(status.retrying[0]!.attempts).toBe(2);
    expect(status.retrying[0]!.nextAttemptAt).toBe(new Date(now.getTime() + 60_000).toISOString());

    const back = await startSmtpServer(() => now, port);
    try {
      now = new Date(now.getTime() + 61_000);
      await notifier.tick();
      expect(back.arrived.map((e) => e.to).sort()).toEqual(['lscp@leeds.example', 'sam@leeds.example']);
      status = await notifierStatus(log.db.sql);
      expect(status).toMatchObject({ healthy: true, counts: { sent: 2 }, retrying: [], failed: [] });
    } finally {
      await notifier.stop();
      await back.close();
    }
  }, 60_000);

  it('records an address the server refuses against the contact, does not retry it, and skips it afterwards', async () => {
    const server = await startSmtpServer(() => now);
    server.refuse.add('sam@leeds.example');
    const notifier = createNotifier({
      sql: log.db.sql,
      store: log.store,
      calendar: log.calendar,
      clock: () => now,
      config: TEST_CONFIG,
      channel: createSmtpChannel({ url: server.url, from: 'no-reply@cspr.test' }),
    });
    try {
      await seedLeeds(log, now);
      await notify(1);
      await notifier.tick();
      const status = await notifierStatus(log.db.sql);
      expect(status.failed).toMatchObject([
        { recipient: 'sam@leeds.example', attempts: 1, reason: expect.stringMatching(/^address refused: .*550/) },
      ]);
      expect(status.refusedAddresses).toMatchObject([{ email: 'sam@leeds.example' }]);
      await notify(2);
      await notifier.tick();
      const rows = await log.db.sql<
        { recipient: string; status: string }[]
      >`select recipient, status from notifier.outbox order by id`;
      expect(rows).toEqual([
        { recipient: 'lscp@leeds.example', status: 'sent' },
        { recipient: 'sam@leeds.example', status: 'failed' },
        { recipient: 'lscp@leeds.example', status: 'sent' },
      ]);
      expect(server.arrived.map((e) => e.to)).toEqual(['lscp@leeds.example', 'lscp@leeds.example']);
    } finally {
      await notifier.stop();
      await server.close();
    }
  }, 60_000);

  it('records an email failed, with the reason, after the last attempt', async () => {
    const notifier = createNotifier({
      sql: log.db.sql,
      store: log.store,
      calendar: log.calendar,
      clock: () => now,
      config: { ...TEST_CONFIG, maxAttempts: 2 },
      channel: createSmtpChannel({
        url: 'smtp://127.0.0.1:1?ignoreTLS=true',
        from: 'no-reply@cspr.test',
        timeoutMs: 1000,
      }),
    });
    await seedLeeds(log, now);
    await notify(1);
    await notifier.tick();
    now = new Date(now.getTime() + 31_000);
    await notifier.tick();
    await notifier.stop();
    const status = await notifierStatus(log.db.sql);
    expect(status.failed).toHaveLength(2);
    expect(status.failed[0]!.reason).toMatch(/^gave up after 2 attempts: .*ECONNREFUSED/);
    expect(status.healthy).toBe(false);
  }, 60_000);
});
