/**
 * A sender that dies the hard way (SIGKILL) after the channel accepted its CRASH_AFTER-th email and before it
 * recorded it: run by crash.int.spec.ts as its own process, so nothing in the test's process can tidy up after it.
 */
import { openDatabase } from '@cspr/database';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createPostgresEventStore } from '@cspr/event-store/postgres';
import { createDevMailboxChannel } from './channels/dev-mailbox-channel';
import { createSmtpChannel } from './channels/smtp-channel';
import { createNotifier } from './notifier';
import { TEST_CONFIG } from './test-support';

const env = process.env;
const database = await openDatabase({ databaseUrl: env.DATABASE_URL!, maxConnections: 2 });
const store = createPostgresEventStore({ sql: database.sql, wakeups: database.wakeups });
const channel = env.SMTP_URL
  ? createSmtpChannel({ url: env.SMTP_URL, from: 'no-reply@cspr.test' })
  : createDevMailboxChannel(database.sql);
let sent = 0;
const notifier = createNotifier({
  sql: database.sql,
  store,
  calendar: createEnglandAndWalesCalendar(),
  channel,
  clock: () => new Date(env.NOW!),
  config: { ...TEST_CONFIG, leaseMs: Number(env.LEASE_MS) },
  afterSend: () => {
    sent += 1;
    if (sent === Number(env.CRASH_AFTER)) process.kill(process.pid, 'SIGKILL');
  },
});
await notifier.tick();
// Reaching here means the crash did not happen: the test fails on this exit code.
process.exit(3);
