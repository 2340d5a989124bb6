/**
 * The development channel (`npm start`): emails land in `notifier.dev_mailbox`, shown at /dev/mailbox. Delivery is
 * an insert keyed by Message-ID, so a resend after a crash is a no-op here: exactly once in the full sense.
 */
import type { Sql } from 'postgres';
import type { EmailChannel } from './email-channel';

export const createDevMailboxChannel = (sql: Sql): EmailChannel => ({
  name: 'dev-mailbox',
  send: async (email) => {
    await sql`insert into notifier.dev_mailbox (message_id, recipient, subject, body)
              values (${email.messageId}, ${email.to}, ${email.subject}, ${email.body}) on conflict (message_id) do nothing`;
    return { providerId: email.messageId };
  },
  findDelivered: async (email) => {
    const rows = await sql`select 1 from notifier.dev_mailbox where message_id = ${email.messageId}`;
    return rows.length ? { providerId: email.messageId } : null;
  },
});

export type MailboxEntry = { message_id: string; recipient: string; subject: string; body: string; delivered_at: Date };

export const readDevMailbox = (sql: Sql, limit = 200) =>
  sql<MailboxEntry[]>`select * from notifier.dev_mailbox order by delivered_at desc, message_id limit ${limit}`;
