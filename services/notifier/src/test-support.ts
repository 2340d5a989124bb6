/**
 * Test support: a real SMTP server (smtp-server) that records what arrives, a fresh database with the event store
 * and the notifier's tables, and raw events appended as the domain writes them.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createEnglandAndWalesCalendar, type WorkingDayCalendar } from '@cspr/domain';
import { comparePositions, type EventStore } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { migrateNotifier } from './notifier-schema';

export type ArrivedEmail = { to: string; messageId: string; subject: string; body: string; at: Date };

const unfold = (headers: string) => headers.replace(/\r\n[ \t]+/g, ' ');
const header = (headers: string, name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
const decodeQuotedPrintable = (text: string) =>
  Buffer.from(
    text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

const parse = (raw: string, to: string, at: Date): ArrivedEmail => {
  const split = raw.indexOf('\r\n\r\n');
  const headers = unfold(raw.slice(0, split));
  let body = raw.slice(split + 4);
  const encoding = header(headers, 'Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'quoted-printable') body = decodeQuotedPrintable(body);
  if (encoding === 'base64') body = Buffer.from(body, 'base64').toString('utf8');
  return {
    to,
    messageId: header(headers, 'Message-ID'),
    subject: header(headers, 'Subject'),
    body: body.replace(/\r\n/g, '\n'),
    at,
  };
};

export type TestSmtpServer = {
  url: string;
  port: number;
  arrived: ArrivedEmail[];
  /** Addresses answered 550 at RCPT TO. */
  refuse: Set<string>;
  close: () => Promise<void>;
};

/** `clock` stamps each arrival with the test's controlled time. */
export const startSmtpServer = async (clock: () => Date, port = 0): Promise<TestSmtpServer> => {
  const arrived: ArrivedEmail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      if (refuse.has(address.address)) {
        const error = new Error('5.1.1 mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      return callback();
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        for (const rcpt of session.envelope.rcptTo) arrived.push(parse(raw, rcpt.address, clock()));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}?ignoreTLS=true`,
    port: actual,
    arrived,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export type NotifierTestLog = {
  db: TestDatabase;
  store: EventStore;
  calendar: WorkingDayCalendar;
  append: (streamId: string, type: string, data: Record<string, unknown>, occurredAt: Date) => Promise<void>;
  drop: () => Promise<void>;
};

export const createNotifierTestLog = async (maxConnections = 5): Promise<NotifierTestLog> => {
  const db = await createTestDatabase({ maxConnections });
  await migrateEventStore(db.sql);
  await migrateNotifier(db.sql);
  const store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  return {
    db,
    store,
    calendar: createEnglandAndWalesCalendar(),
    append: async (streamId, type, data, occurredAt) => {
      const id = randomUUID();
      const { position } = await store.appendToStream(streamId, [
        {
          eventId: id,
          type,
          data: { ...data },
          metadata: {
            actor: { userId: 'test', role: 'admin' },
            correlationId: id,
            causationId: id,
            occurredAt: occurredAt.toISOString(),
          },
        },
      ]);
      // Readers see the log only below the oldest running transaction of the whole server (other tests' too): wait
      // until this event is readable, so a tick right after the append sees it, as a tick a moment later would.
      for (let waited = 0; comparePositions(await store.headPosition(), position) < 0; waited += 20) {
        if (waited > 30_000) throw new Error('the appended event did not become readable within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    drop: async () => {
      await store.close();
      await db.drop();
    },
  };
};

export const TEST_CONFIG = {
  panelMailbox: 'panel@cspr.test',
  baseUrl: 'https://cspr.test',
  reminderDays: [2, 0],
  panelReminderDays: [2],
  sendAt: '09:00',
  sendUntil: '18:00',
  catchUpWorkingDays: 3,
  maxAttempts: 4,
  leaseMs: 60_000,
};

/** A partnership with its shared mailbox and one named person, as the partnership stream records them. */
export const seedLeeds = async (log: NotifierTestLog, at: Date, personReceives?: string[]) => {
  await log.append(
    'partnership-leeds',
    'PartnershipRegistered',
    { partnershipId: 'leeds', name: 'Leeds', localAuthorityCodes: ['E08000035'] },
    at,
  );
  await log.append(
    'partnership-leeds',
    'PartnershipContactAdded',
    {
      partnershipId: 'leeds',
      contactId: 'business-unit',
      kind: 'shared-mailbox',
      email: 'lscp@leeds.example',
    },
    at,
  );
  await log.append(
    'partnership-leeds',
    'PartnershipContactAdded',
    {
      partnershipId: 'leeds',
      contactId: 'sam',
      kind: 'person',
      email: 'sam@leeds.example',
      userId: 'user-sam',
    },
    at,
  );
  if (personReceives) {
    await log.append(
      'partnership-leeds',
      'EmailPreferencesChanged',
      { partnershipId: 'leeds', contactId: 'sam', receives: personReceives },
      at,
    );
  }
};
