/**
 * The development channel (`npm start`): emails land in `notifier.dev_mailbox`, shown at /dev/mailbox. Delivery is
 * an insert keyed by Message-ID, so a resend after a crash is a no-op here: exactly once in the full sense.
 * Addresses on the reserved `.invalid` domain (RFC 6761: it never resolves) are refused as a mail server would
 * refuse them, so a newcomer sees a refused address shown against the partnership's contact.
 */
import type { Sql } from 'postgres';
import { ChannelError, type EmailChannel } from './email-channel';

export const createDevMailboxChannel = (sql: Sql): EmailChannel => ({
  name: 'dev-mailbox',
  send: async (email) => {
    const domain = email.to.split('@')[1] ?? '';
    if (/\.invalid$/i.test(domain))
      throw new ChannelError(`550 5.1.2 Host unknown: the domain ${domain} does not exist`, true, true);
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

/** One page of the mailbox, newest first, and how many emails it holds in all. */
export const readDevMailbox = async (sql: Sql, o: { first: number; offset: number }) => {
  const [count] = await sql<{ total: number }[]>`select count(*)::int as total from notifier.dev_mailbox`;
  const emails = await sql<MailboxEntry[]>`select * from notifier.dev_mailbox
    order by delivered_at desc, message_id limit ${o.first} offset ${o.offset}`;
  return { emails, total: count?.total ?? 0 };
};

export const readDevMailboxEmail = async (sql: Sql, messageId: string): Promise<MailboxEntry | null> =>
  (await sql<MailboxEntry[]>`select * from notifier.dev_mailbox where message_id = ${messageId}`)[0] ?? null;
