/**
 * Sends what the outbox holds: claim (lease) → send → mark sent, one row at a time within a claimed batch.
 * Failures: a refused address is recorded against the contact and the row failed at once; a temporary failure is
 * retried with exponential backoff (30 s, 1 min, 2 min … at most 1 h) until `maxAttempts`, then the row is failed
 * with the last reason, which ops:status and /health show. Nothing leaves the outbox unrecorded.
 */
import type { Sql } from 'postgres';
import { renderEmail } from './email-templates';
import { claimEmails, markFailed, markRetry, markSent, recordRefusedAddress, type OutboxRow } from './outbox';
import { ChannelError, type EmailChannel, type OutgoingEmail } from './channels/email-channel';

export type SenderOptions = {
  sql: Sql;
  channel: EmailChannel;
  owner: string;
  leaseMs: number;
  maxAttempts: number;
  clock: () => Date;
  /** Whether reminders may go now (a working day, inside the send window). */
  inWindow: (now: Date) => boolean;
  batchSize?: number;
  /** Test hook: runs after the channel accepted an email and before it is recorded (a crash goes here). */
  afterSend?: (row: OutboxRow) => Promise<void> | void;
  logger?: { warn: (details: object, message: string) => void; error: (details: object, message: string) => void };
};

export const backoffMs = (attempt: number) => Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));

const outgoing = (row: OutboxRow): OutgoingEmail => ({
  to: row.recipient,
  messageId: row.message_id,
  template: row.template,
  personalisation: row.personalisation,
  ...renderEmail(row.template, row.personalisation),
});

/** Sends one claimed batch; returns how many were sent. */
export const sendBatch = async (
  o: SenderOptions,
): Promise<{ claimed: number; sent: number; failed: number; retried: number }> => {
  const now = o.clock();
  const rows = await claimEmails(o.sql, {
    owner: o.owner,
    leaseMs: o.leaseMs,
    limit: o.batchSize ?? 50,
    now,
    inWindow: o.inWindow(now),
  });
  let sent = 0;
  let failed = 0;
  let retried = 0;
  for (const row of rows) {
    const email = outgoing(row);
    try {
      // A previous sender may have sent it and died before recording: ask the channel first when it can tell.
      const earlier = row.outcome_unknown && o.channel.findDelivered ? await o.channel.findDelivered(email) : null;
      const result = earlier ?? (await o.channel.send(email));
      await o.afterSend?.(row);
      if (await markSent(o.sql, row, result.providerId, o.clock())) sent += 1;
      else
        o.logger?.warn(
          { outboxId: row.id },
          'sent, but another sender had taken the row over (lease expired): it records it',
        );
    } catch (error) {
      const failure =
        error instanceof ChannelError
          ? error
          : new ChannelError(error instanceof Error ? error.message : String(error), false);
      if (failure.addressRefused) {
        await recordRefusedAddress(o.sql, row.recipient, failure.message, row.id);
        await markFailed(o.sql, row, `address refused: ${failure.message}`);
        failed += 1;
      } else if (failure.permanent || row.attempts >= o.maxAttempts) {
        await markFailed(
          o.sql,
          row,
          `${failure.permanent ? 'refused' : `gave up after ${row.attempts} attempts`}: ${failure.message}`,
        );
        failed += 1;
      } else {
        await markRetry(o.sql, row, failure.message, new Date(o.clock().getTime() + backoffMs(row.attempts)));
        retried += 1;
      }
      o.logger?.warn(
        { outboxId: row.id, attempts: row.attempts, channel: o.channel.name, reason: failure.message },
        'email not sent',
      );
    }
  }
  return { claimed: rows.length, sent, failed, retried };
};
