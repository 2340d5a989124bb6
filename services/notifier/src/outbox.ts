/**
 * The outbox: one row per email, keyed (deadline_key, kind, recipient) so the same email can be recorded only once,
 * whoever records it and however often (two instances, a replay, a restart).
 *
 * Send protocol (sender.ts): claim a ready row with a lease (status `sending`, a fresh claim token, an expiry on the
 * database clock) → send with a Message-ID derived from the key → mark it sent, fenced by the claim token. A sender
 * that dies after sending and before marking leaves the row `sending`; once its lease expires another sender claims
 * it again and, the outcome being unknown, asks the channel first (the development mailbox and Notify can say
 * whether it arrived) or resends with the same Message-ID (SMTP: a receiving system that de-duplicates on
 * Message-ID sees one message). See docs/adr for what "exactly once" can and cannot mean across a mail channel.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Sql, TransactionSql } from 'postgres';
import type { EmailTemplateKind } from '@cspr/config';
import type { Personalisation } from './email-templates';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'superseded' | 'expired';

export type NewEmail = {
  deadlineKey: string;
  kind: string;
  recipient: string;
  deadlineId: string | null;
  template: EmailTemplateKind;
  personalisation: Personalisation;
  /** Reminders and digests wait for the send window; confirmations and alerts go at once. */
  windowed: boolean;
  scheduledOn: string;
  status?: OutboxStatus;
  note?: string;
};

export type OutboxRow = {
  id: string;
  deadline_key: string;
  kind: string;
  recipient: string;
  template: EmailTemplateKind;
  personalisation: Personalisation;
  message_id: string;
  windowed: boolean;
  status: OutboxStatus;
  attempts: number;
  claim_token: string;
  /** The row was `sending` when claimed: a previous sender may have sent it before dying. */
  outcome_unknown: boolean;
};

/** Deterministic, so every attempt at the same email carries the same Message-ID. */
export const messageIdOf = (deadlineKey: string, kind: string, recipient: string): string =>
  `<${createHash('sha256').update(`${deadlineKey}\n${kind}\n${recipient}`).digest('hex').slice(0, 40)}@cspr.notifier>`;

type Db = Sql | TransactionSql;

/** Records emails; a row already recorded under the same key is left as it is. Returns how many were new. */
export const recordEmails = async (sql: Db, emails: NewEmail[]): Promise<number> => {
  if (emails.length === 0) return 0;
  let inserted = 0;
  // 11 parameters a row: 5000 rows stay under PostgreSQL's 65,535 parameters a statement.
  for (let i = 0; i < emails.length; i += 5000) {
    const rows = emails.slice(i, i + 5000).map((e) => ({
      deadline_key: e.deadlineKey,
      kind: e.kind,
      recipient: e.recipient,
      deadline_id: e.deadlineId,
      template: e.template,
      personalisation: (sql as Sql).json(e.personalisation as never),
      message_id: messageIdOf(e.deadlineKey, e.kind, e.recipient),
      windowed: e.windowed,
      scheduled_on: e.scheduledOn,
      status: e.status ?? 'pending',
      last_error: e.note ?? null,
    }));
    const result = await (sql as Sql)`
      insert into notifier.outbox ${(sql as Sql)(rows)}
      on conflict (deadline_key, kind, recipient) do nothing returning 1`;
    inserted += result.length;
  }
  return inserted;
};

/** Pending emails of a deadline no longer open, or whose due date moved, are cancelled with the reason. */
export const cancelPendingFor = async (sql: Db, deadlineId: string, reason: string, keepDeadlineKey?: string) =>
  (sql as Sql)`
    update notifier.outbox set status = 'cancelled', last_error = ${reason}
     where deadline_id = ${deadlineId} and status = 'pending'
       and (${keepDeadlineKey ?? null}::text is null or deadline_key <> ${keepDeadlineKey ?? null})`;

export type ClaimOptions = { owner: string; leaseMs: number; limit: number; now: Date; inWindow: boolean };

/**
 * Claims ready rows: pending and due for an attempt, or `sending` with an expired lease (its sender died). Skips rows
 * another sender holds. Windowed rows (reminders) only inside the send window.
 */
export const claimEmails = async (sql: Sql, o: ClaimOptions): Promise<OutboxRow[]> => {
  const token = randomUUID();
  const lease = `${Math.max(1, Math.round(o.leaseMs))} milliseconds`;
  return sql<OutboxRow[]>`
    with ready as (
      select id, status from notifier.outbox
       where ((status = 'pending' and next_attempt_at <= ${o.now}) or (status = 'sending' and claimed_until < now()))
         and (${o.inWindow}::boolean or not windowed)
       order by id
       limit ${o.limit}
       for update skip locked
    )
    update notifier.outbox o
       set status = 'sending', claim_token = ${token}, claimed_by = ${o.owner},
           claimed_until = now() + ${lease}::interval, attempts = o.attempts + 1
      from ready
     where o.id = ready.id
    returning o.id, o.deadline_key, o.kind, o.recipient, o.template, o.personalisation, o.message_id, o.windowed,
              o.status, o.attempts, o.claim_token, (ready.status = 'sending') as outcome_unknown`;
};

/** Fenced by the claim token: a sender whose lease was taken over cannot overwrite the new holder's record. */
export const markSent = async (sql: Sql, row: OutboxRow, providerId: string | null, now: Date): Promise<boolean> => {
  const done = await sql`
    update notifier.outbox set status = 'sent', sent_at = ${now}, provider_id = ${providerId}, last_error = null,
           claimed_until = null
     where id = ${row.id} and claim_token = ${row.claim_token} and status = 'sending' returning 1`;
  return done.length === 1;
};

export const markRetry = async (sql: Sql, row: OutboxRow, reason: string, retryAt: Date) =>
  sql`update notifier.outbox set status = 'pending', last_error = ${reason}, next_attempt_at = ${retryAt}, claimed_until = null
       where id = ${row.id} and claim_token = ${row.claim_token} and status = 'sending'`;

export const markFailed = async (sql: Sql, row: OutboxRow, reason: string) =>
  sql`update notifier.outbox set status = 'failed', last_error = ${reason}, claimed_until = null
       where id = ${row.id} and claim_token = ${row.claim_token} and status = 'sending'`;

/** An address the channel refused: recorded once, shown against the contact; later emails skip it. */
export const recordRefusedAddress = async (sql: Sql, email: string, reason: string, outboxId: string) =>
  sql`insert into notifier.refused_addresses (email, reason, outbox_id) values (${email}, ${reason}, ${outboxId})
      on conflict (email) do update set reason = excluded.reason, refused_at = now(), outbox_id = excluded.outbox_id`;
