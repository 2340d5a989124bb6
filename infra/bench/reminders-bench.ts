/**
 * Time to work out a day's reminders for 10,000 open deadlines (issue 17): the pure planning (which reminder each
 * deadline calls for today, to whom) and the whole planned day against PostgreSQL (load the open deadlines and
 * contacts, work it out, record the outbox rows with ON CONFLICT DO NOTHING), then planning the same day again
 * (a restart or a second instance: every row already there). BENCH_DEADLINES changes the count.
 */
import { createEnglandAndWalesCalendar, addCalendarDays } from '@cspr/domain';
import { memoizeCalendar } from '@cspr/read-models';
import { createTestDatabase } from '@cspr/testing';
import { loadOpenDeadlines, migrateNotifier, planDay, remindersForDay } from '@cspr/notifier';

const COUNT = Number(process.env.BENCH_DEADLINES ?? 10_000);
const TODAY = '2027-04-20';
// As the notifier composes it (notifier.ts): the calendar's answers remembered.
const calendar = memoizeCalendar(createEnglandAndWalesCalendar());
const ctx = {
  calendar,
  reminderDays: [2, 0],
  panelReminderDays: [2],
  catchUpWorkingDays: 3,
  panelMailbox: 'panel@cspr.test',
  baseUrl: 'https://cspr.test',
};
const laName = () => 'Leeds';
const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;

const db = await createTestDatabase({ maxConnections: 4 });
try {
  await migrateNotifier(db.sql);
  const partnerships = 150;
  const contacts = Array.from({ length: partnerships }, (_, p) => [
    {
      partnership_id: `p${p}`,
      contact_id: 'mailbox',
      kind: 'shared-mailbox',
      email: `unit@p${p}.example`,
      receives: ['deadline-reminders'],
    },
    {
      partnership_id: `p${p}`,
      contact_id: 'person',
      kind: 'person',
      email: `lead@p${p}.example`,
      receives: ['deadline-reminders'],
    },
  ]).flat();
  await db.sql`insert into notifier.contacts ${db.sql(contacts)}`;
  // Due dates spread over 60 days around today: about one deadline in ten calls for an email today.
  const deadlines = Array.from({ length: COUNT }, (_, i) => ({
    deadline_id: `incident-${i}/rapid-review`,
    subject: `incident-${i}`,
    partnership_id: `p${i % partnerships}`,
    local_authority_code: 'E08000035',
    reference: `INC-${String(i).padStart(8, '0')}`,
    link: `https://cspr.test/incidents/${i}`,
    kind: i % 7 === 0 ? 'panel-response' : 'rapid-review',
    owner: i % 7 === 0 ? 'panel' : 'partnership',
    anchor: 'notified',
    anchor_date: TODAY,
    edition: 'panel-guidance-2025',
    due_on: addCalendarDays(TODAY, (i % 60) - 20),
  }));
  for (let i = 0; i < deadlines.length; i += 2000)
    await db.sql`insert into notifier.deadlines ${db.sql(deadlines.slice(i, i + 2000))}`;

  const loaded = await loadOpenDeadlines(db.sql);
  const recipients = new Map(
    Array.from({ length: partnerships }, (_, p) => [`p${p}`, [`lead@p${p}.example`, `unit@p${p}.example`]]),
  );
  remindersForDay(loaded, recipients, TODAY, ctx, laName); // warm-up
  const runs = 5;
  let pure = 0;
  let emails = 0;
  for (let r = 0; r < runs; r += 1) {
    const start = performance.now();
    emails = remindersForDay(loaded, recipients, TODAY, ctx, laName).length;
    pure += performance.now() - start;
  }
  let start = performance.now();
  const first = await planDay(db.sql, TODAY, ctx, laName);
  const whole = ms(start);
  start = performance.now();
  const again = await planDay(db.sql, TODAY, ctx, laName);
  const replan = ms(start);
  const baseline = performance.now();
  await db.sql`select deadline_id from notifier.deadlines where state = 'open'`;
  const plainRead = ms(baseline);
  console.log(
    `open deadlines ${COUNT}; outbox rows for the day ${first.recorded} (of ${emails} worked out, incl. superseded/expired)`,
  );
  console.log(`work out the day (pure, in memory)     ${Math.round((pure / runs) * 10) / 10} ms`);
  console.log(
    `plan the day against PostgreSQL        ${whole} ms (load, work out, record)   baseline plain read of the ids ${plainRead} ms`,
  );
  console.log(`plan the same day again (all recorded) ${replan} ms, ${again.recorded} new rows`);
} finally {
  await db.drop();
}
