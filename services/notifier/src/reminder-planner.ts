/**
 * Records the day's reminders: for each open deadline, what dueOnDay says for today, to each recipient, with
 * ON CONFLICT DO NOTHING on the outbox key, so planning again (a restart, a second instance, a re-plan after new
 * events) never records a reminder twice. On the first working day of a week it also records the weekly digests.
 */
import type { Sql } from 'postgres';
import { addCalendarDays, type WorkingDayCalendar } from '@cspr/domain';
import { DEADLINE_WORDS, longDate } from './email-templates';
import { recordEmails, type NewEmail } from './outbox';
import { recipientsByPartnership } from './recipients';
import { dueOnDay, type PlanOptions } from './reminder-plan';

export type OpenDeadline = {
  deadline_id: string;
  partnership_id: string;
  local_authority_code: string | null;
  reference: string;
  link: string;
  kind: string;
  owner: 'partnership' | 'panel';
  due_on: string;
};

export type PlannerContext = PlanOptions & { calendar: WorkingDayCalendar; panelMailbox: string; baseUrl: string };

export const loadOpenDeadlines = (sql: Sql) => sql<OpenDeadline[]>`
  select deadline_id, partnership_id, local_authority_code, reference, link, kind, owner,
         to_char(due_on, 'YYYY-MM-DD') as due_on
    from notifier.deadlines where state = 'open' order by deadline_id`;

const whenWords = (calendar: WorkingDayCalendar, today: string, dueOn: string) => {
  const left = calendar.workingDaysBetween(today, dueOn);
  return left <= 0 ? 'today' : left === 1 ? 'tomorrow (1 working day)' : `in ${left} working days`;
};

/** Pure: the emails a day calls for (the benchmark times this over 10,000 deadlines). */
export const remindersForDay = (
  deadlines: OpenDeadline[],
  recipients: Map<string, string[]>,
  today: string,
  ctx: PlannerContext,
  laName: (code: string | null) => string,
): NewEmail[] => {
  const emails: NewEmail[] = [];
  for (const d of deadlines) {
    const due = dueOnDay(d.owner, d.due_on, today, ctx.calendar, ctx);
    if (due.length === 0) continue;
    const to = d.owner === 'panel' ? [ctx.panelMailbox] : (recipients.get(d.partnership_id) ?? []);
    for (const r of due) {
      const overdue = r.kind === 'overdue';
      const template =
        d.owner === 'panel' ? 'panel-response-target' : overdue ? 'deadline-overdue' : 'deadline-reminder';
      for (const recipient of to) {
        emails.push({
          deadlineKey: `${d.deadline_id}@${d.due_on}`,
          kind: r.kind,
          recipient,
          deadlineId: d.deadline_id,
          template,
          personalisation: {
            reference: d.reference,
            local_authority: laName(d.local_authority_code),
            link: d.link,
            deadline: DEADLINE_WORDS[d.kind] ?? d.kind,
            due_date: longDate(d.due_on),
            ...(overdue ? {} : { when: whenWords(ctx.calendar, r.scheduledOn, d.due_on) }),
          },
          windowed: true,
          scheduledOn: r.scheduledOn,
          status: r.status,
          ...(r.status === 'superseded' ? { note: 'a later reminder for the same deadline went instead' } : {}),
          ...(r.status === 'expired'
            ? { note: 'its day passed beyond the catch-up window while nothing could send' }
            : {}),
        });
      }
    }
  }
  return emails;
};

/** The first working day of today's week (Monday, or Tuesday after an Easter Monday). */
const firstWorkingDayOfWeek = (calendar: WorkingDayCalendar, today: string): string => {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  const monday = addCalendarDays(today, -((weekday + 6) % 7));
  return calendar.isWorkingDay(monday) ? monday : calendar.addWorkingDays(monday, 1);
};

const digests = async (
  sql: Sql,
  deadlines: OpenDeadline[],
  today: string,
  ctx: PlannerContext,
  laName: (c: string | null) => string,
): Promise<NewEmail[]> => {
  if (firstWorkingDayOfWeek(ctx.calendar, today) !== today) return [];
  const readers = await recipientsByPartnership(sql, 'weekly-digest');
  const names = new Map(
    (await sql<{ partnership_id: string; name: string }[]>`select * from notifier.partnerships`).map((p) => [
      p.partnership_id,
      p.name,
    ]),
  );
  const emails: NewEmail[] = [];
  for (const [partnershipId, to] of readers) {
    const open = deadlines
      .filter((d) => d.partnership_id === partnershipId && d.owner === 'partnership')
      .sort((a, b) => (a.due_on < b.due_on ? -1 : 1));
    const items = open
      .map(
        (d) =>
          `- ${d.reference} (${laName(d.local_authority_code)}): ${DEADLINE_WORDS[d.kind] ?? d.kind}, due ${longDate(d.due_on)}`,
      )
      .join('\n');
    for (const recipient of to) {
      emails.push({
        deadlineKey: `digest/${partnershipId}@${today}`,
        kind: 'weekly-digest',
        recipient,
        deadlineId: null,
        template: 'weekly-digest',
        personalisation: {
          reference: partnershipId,
          local_authority: names.get(partnershipId) ?? partnershipId,
          partnership: names.get(partnershipId) ?? partnershipId,
          link: `${ctx.baseUrl}/`,
          items,
          count: `${open.length} open deadline${open.length === 1 ? '' : 's'}`,
        },
        windowed: true,
        scheduledOn: today,
      });
    }
  }
  return emails;
};

export const planDay = async (
  sql: Sql,
  today: string,
  ctx: PlannerContext,
  laName: (code: string | null) => string,
) => {
  const deadlines = await loadOpenDeadlines(sql);
  const recipients = await recipientsByPartnership(sql, 'deadline-reminders');
  const emails = [
    ...remindersForDay(deadlines, recipients, today, ctx, laName),
    ...(await digests(sql, deadlines, today, ctx, laName)),
  ];
  const recorded = await recordEmails(sql, emails);
  // A reminder still waiting when a later one for the same deadline and recipient is recorded is not sent late.
  await sql`
    update notifier.outbox o set status = 'superseded', last_error = 'a later reminder for the same deadline went instead'
     where o.status = 'pending' and o.windowed and o.deadline_id is not null
       and exists (select 1 from notifier.outbox n where n.deadline_id = o.deadline_id and n.recipient = o.recipient
                     and n.windowed and n.scheduled_on > o.scheduled_on and n.status in ('pending', 'sending', 'sent'))`;
  return { deadlines: deadlines.length, recorded };
};
