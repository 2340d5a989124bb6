/**
 * A sender killed (SIGKILL, its own process) between the channel accepting an email and recording it as sent; a
 * second sender takes over once the dead one's lease expires. No email is lost (every outbox row ends sent) and
 * none is recorded twice. Over SMTP the email in flight is sent again with the same Message-ID (SMTP cannot be
 * asked whether it arrived), so a receiver de-duplicating on Message-ID sees each email once; the development
 * mailbox (like Notify, by reference) can be asked, so there it arrives exactly once.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevMailboxChannel } from './channels/dev-mailbox-channel';
import { createSmtpChannel } from './channels/smtp-channel';
import type { EmailChannel } from './channels/email-channel';
import { createNotifier } from './notifier';
import {
  createNotifierTestLog,
  seedLeeds,
  startSmtpServer,
  TEST_CONFIG,
  type NotifierTestLog,
  type TestSmtpServer,
} from './test-support';

const NOW = new Date('2027-04-01T10:00:00Z');
const LEASE_MS = 400;

let log: NotifierTestLog;
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer(() => NOW);
});
afterAll(async () => {
  await smtp?.close();
});

const notifyThree = async () => {
  await seedLeeds(log, NOW);
  for (const n of [1, 2, 3]) {
    const incidentId = `dddd000${n}-0000-4000-8000-00000000000${n}`;
    await log.append(
      `incident-${incidentId}`,
      'IncidentNotified',
      {
        incidentId,
        partnershipId: 'leeds',
        localAuthorityCode: 'E08000035',
        nature: 'looked-after-child-death',
        becameAwareOn: '2027-03-30',
        notifiedOn: '2027-04-01',
        notifiedAt: NOW.toISOString(),
        guidanceEdition: 'panel-guidance-2025',
        children: [{}],
      },
      NOW,
    );
  }
};

const crashSender = (env: Record<string, string>) =>
  new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./crash-sender-fixture.ts', import.meta.url))],
      {
        env: {
          ...process.env,
          DATABASE_URL: log.db.url,
          NOW: NOW.toISOString(),
          LEASE_MS: String(LEASE_MS),
          CRASH_AFTER: '2',
          ...env,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(null) : reject(new Error(`exit ${code}: ${stderr}`)),
    );
  });

const takeOver = async (channel: EmailChannel) => {
  await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
  const notifier = createNotifier({
    sql: log.db.sql,
    store: log.store,
    calendar: log.calendar,
    channel,
    clock: () => NOW,
    config: { ...TEST_CONFIG, leaseMs: LEASE_MS },
  });
  await notifier.tick();
  await notifier.stop();
};

const outbox = () => log.db.sql<{ message_id: string; status: string; attempts: number }[]>`
  select message_id, status, attempts from notifier.outbox order by id`;

describe('a sender killed between sending and recording', () => {
  it('over SMTP: no gap, every email recorded once; the one in flight resent with the same Message-ID', async () => {
    log = await createNotifierTestLog();
    try {
      await notifyThree();
      expect(await crashSender({ SMTP_URL: smtp.url })).toBeNull();
      const afterCrash = await outbox();
      // One recorded sent; the one in flight and the rest of the dead sender's claimed batch wait for its lease.
      expect(afterCrash.filter((r) => r.status === 'sent')).toHaveLength(1);
      expect(afterCrash.filter((r) => r.status === 'sending')).toHaveLength(5);
      expect(smtp.arrived).toHaveLength(2);
      await takeOver(createSmtpChannel({ url: smtp.url, from: 'no-reply@cspr.test' }));

      const rows = await outbox();
      expect(rows).toHaveLength(6);
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      const ids = smtp.arrived.map((e) => `${e.messageId} ${e.to}`);
      // No gap: every outbox row's Message-ID arrived. De-duplicated on Message-ID, each arrived once.
      expect(new Set(ids)).toEqual(new Set(rows.map((r) => ids.find((id) => id.startsWith(r.message_id))!)));
      expect(new Set(ids).size).toBe(6);
      // The honest part: the email in flight at the kill arrived twice, both times with the same Message-ID.
      expect(ids).toHaveLength(7);
      const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(twice).toHaveLength(1);
      expect(rows.find((r) => twice[0]!.startsWith(r.message_id))!.attempts).toBe(2);
    } finally {
      await log.drop();
    }
  }, 60_000);

  it('to the development mailbox (a channel that can be asked): exactly once, no gap', async () => {
    log = await createNotifierTestLog();
    try {
      await notifyThree();
      expect(await crashSender({})).toBeNull();
      await takeOver(createDevMailboxChannel(log.db.sql));
      const rows = await outbox();
      expect(rows.map((r) => r.status)).toEqual(Array(6).fill('sent'));
      const delivered = await log.db.sql<
        { message_id: string }[]
      >`select message_id from notifier.dev_mailbox order by message_id`;
      expect(delivered.map((d) => d.message_id)).toEqual(rows.map((r) => r.message_id).sort());
    } finally {
      await log.drop();
    }
  }, 60_000);
});
