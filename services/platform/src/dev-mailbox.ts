/**
 * The development mailbox page's reader: on the embedded default the notifier's development channel delivers into
 * the database and the web app shows it at /dev/mailbox; in production there is no reader, so no page.
 */
import type { Sql } from 'postgres';
import { readDevMailbox, readDevMailboxEmail, type MailboxEntry } from '@cspr/notifier';
import type { WebAppOptions } from '@cspr/web';

const mailboxEmail = (e: MailboxEntry) => ({
  messageId: e.message_id,
  to: e.recipient,
  subject: e.subject,
  body: e.body,
  sentAt: new Date(e.delivered_at),
});

export const devMailboxOf = (production: boolean, sql: Sql): WebAppOptions['devMailbox'] =>
  production
    ? undefined
    : {
        list: async (page) => {
          const { emails, total } = await readDevMailbox(sql, page);
          return { emails: emails.map(mailboxEmail), total };
        },
        open: async (messageId) => {
          const email = await readDevMailboxEmail(sql, messageId);
          return email ? mailboxEmail(email) : null;
        },
      };
