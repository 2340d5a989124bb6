/**
 * What ops:status and /health show of the notifier: emails by status, the oldest still waiting, and each failed
 * email with its reason (an address refused, the SMTP server down past the last attempt). No email content.
 */
import type { Sql } from 'postgres';

export type NotifierStatus = {
  counts: Record<string, number>;
  oldestWaitingSince: string | null;
  failed: { id: string; kind: string; recipient: string; attempts: number; reason: string | null }[];
  retrying: {
    id: string;
    kind: string;
    recipient: string;
    attempts: number;
    reason: string | null;
    nextAttemptAt: string;
  }[];
  refusedAddresses: { email: string; reason: string }[];
  eventProblems: number;
  healthy: boolean;
};

export const notifierStatus = async (sql: Sql): Promise<NotifierStatus> => {
  const counts = await sql<
    { status: string; n: number }[]
  >`select status, count(*)::int as n from notifier.outbox group by status`;
  const oldest = await sql<
    { t: Date | null }[]
  >`select min(created_at) as t from notifier.outbox where status in ('pending', 'sending')`;
  const failed = await sql<
    { id: string; kind: string; recipient: string; attempts: number; last_error: string | null }[]
  >`
    select id::text, kind, recipient, attempts, last_error from notifier.outbox where status = 'failed' order by id desc limit 50`;
  const retrying = await sql<
    {
      id: string;
      kind: string;
      recipient: string;
      attempts: number;
      last_error: string | null;
      next_attempt_at: Date;
    }[]
  >`
    select id::text, kind, recipient, attempts, last_error, next_attempt_at from notifier.outbox
     where status = 'pending' and attempts > 0 order by id limit 50`;
  const refused = await sql<
    { email: string; reason: string }[]
  >`select email, reason from notifier.refused_addresses order by email`;
  const problems = await sql<{ n: number }[]>`select count(*)::int as n from notifier.event_problems`;
  return {
    counts: Object.fromEntries(counts.map((c) => [c.status, c.n])),
    oldestWaitingSince: oldest[0]?.t ? new Date(oldest[0].t).toISOString() : null,
    failed: failed.map((f) => ({
      id: f.id,
      kind: f.kind,
      recipient: f.recipient,
      attempts: f.attempts,
      reason: f.last_error,
    })),
    retrying: retrying.map((r) => ({
      id: r.id,
      kind: r.kind,
      recipient: r.recipient,
      attempts: r.attempts,
      reason: r.last_error,
      nextAttemptAt: new Date(r.next_attempt_at).toISOString(),
    })),
    refusedAddresses: refused,
    eventProblems: problems[0]?.n ?? 0,
    healthy: failed.length === 0 && retrying.length === 0,
  };
};
