/**
 * Who receives a partnership's email of a category: its contacts who receive it (the shared mailbox always receives
 * deadline reminders: the decider refuses switching them off), minus addresses the channel has refused.
 */
import type { Sql, TransactionSql } from 'postgres';

export const partnershipRecipients = async (
  sql: Sql | TransactionSql,
  partnershipId: string,
  category: string,
): Promise<string[]> => {
  const rows = await (sql as Sql)<{ email: string }[]>`
    select c.email from notifier.contacts c
     where c.partnership_id = ${partnershipId}
       and (${category} = any(c.receives) or (c.kind = 'shared-mailbox' and ${category} = 'deadline-reminders'))
       and not exists (select 1 from notifier.refused_addresses r where r.email = c.email)
     order by c.email`;
  return rows.map((r) => r.email);
};

/** Every partnership's recipients of a category at once (the day's planner). */
export const recipientsByPartnership = async (sql: Sql, category: string): Promise<Map<string, string[]>> => {
  const rows = await sql<{ partnership_id: string; email: string }[]>`
    select c.partnership_id, c.email from notifier.contacts c
     where (${category} = any(c.receives) or (c.kind = 'shared-mailbox' and ${category} = 'deadline-reminders'))
       and not exists (select 1 from notifier.refused_addresses r where r.email = c.email)
     order by c.partnership_id, c.email`;
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.partnership_id, [...(map.get(r.partnership_id) ?? []), r.email]);
  return map;
};
