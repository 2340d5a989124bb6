/**
 * The notifier: folds the log (log-reader.ts), plans the day's reminders in the send window (reminder-planner.ts)
 * and sends the outbox (sender.ts). The clock is injected at the composition root: tests walk it through the days.
 * Any number of instances may run: folding is fenced by the checkpoint, planning is idempotent, sending is claimed.
 */
import { randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import type { NotifierConfig } from '@cspr/config';
import {
  computeDeadlines,
  DEFAULT_PANEL_RESPONSE_WORKING_DAYS,
  findLocalAuthority,
  type WorkingDayCalendar,
} from '@cspr/domain';
import type { EventStore } from '@cspr/event-store';
import { memoizeCalendar } from '@cspr/read-models';
import type { EmailChannel } from './channels/email-channel';
import { cancelPendingFor } from './outbox';
import { catchUp } from './log-reader';
import { londonTime, londonToday } from './london-time';
import { planDay } from './reminder-planner';
import { sendBatch, type SenderOptions } from './sender';
import { notifierStatus } from './notifier-status';

type Logger = {
  info: (d: object, m: string) => void;
  warn: (d: object, m: string) => void;
  error: (d: object, m: string) => void;
};

export type NotifierOptions = {
  sql: Sql;
  store: EventStore;
  calendar: WorkingDayCalendar;
  channel: EmailChannel;
  config: Pick<
    NotifierConfig,
    | 'panelMailbox'
    | 'baseUrl'
    | 'reminderDays'
    | 'panelReminderDays'
    | 'sendAt'
    | 'sendUntil'
    | 'catchUpWorkingDays'
    | 'maxAttempts'
    | 'leaseMs'
  >;
  /** Default: the system clock. */
  clock?: () => Date;
  /** Default: DEFAULT_PANEL_RESPONSE_WORKING_DAYS (10). */
  panelResponseTargetWorkingDays?: number;
  /** How often the loop looks for work. Default 5000 ms. */
  pollMs?: number;
  owner?: string;
  logger?: Logger;
  afterSend?: SenderOptions['afterSend'];
};

const laName = (code: string | null) => (code ? (findLocalAuthority(code)?.name ?? code) : 'your partnership');

export const createNotifier = (o: NotifierOptions) => {
  const clock = o.clock ?? (() => new Date());
  const owner = o.owner ?? `notifier-${randomUUID()}`;
  // Every deadline asks the calendar the same few questions (N working days before a few hundred dates): remembered.
  const calendar = memoizeCalendar(o.calendar);
  const { config } = o;
  const inWindow = (now: Date) => {
    const time = londonTime(now);
    return calendar.isWorkingDay(londonToday(now)) && time >= config.sendAt && time < config.sendUntil;
  };
  const foldContext = () => ({
    calendar,
    today: londonToday(clock()),
    catchUpWorkingDays: config.catchUpWorkingDays,
    panelMailbox: config.panelMailbox,
    baseUrl: config.baseUrl,
    panelResponseTargetWorkingDays: o.panelResponseTargetWorkingDays ?? DEFAULT_PANEL_RESPONSE_WORKING_DAYS,
  });

  /** A corrected calendar re-computes every open deadline; reminders for a date that moved are cancelled. */
  const applyCalendar = async () => {
    const stored = (
      await o.sql<{ v: string | null }[]>`select calendar_version as v from notifier.checkpoint where name = 'log'`
    )[0]?.v;
    if (stored === calendar.version) return 0;
    let moved = 0;
    await o.sql.begin(async (tx) => {
      const open = await tx<
        { deadline_id: string; kind: string; anchor: string; anchor_date: string; edition: string; due_on: string }[]
      >`
        select deadline_id, kind, anchor, to_char(anchor_date, 'YYYY-MM-DD') as anchor_date, edition, to_char(due_on, 'YYYY-MM-DD') as due_on
          from notifier.deadlines where state = 'open' for update`;
      for (const d of open) {
        const due = computeDeadlines({ [d.anchor]: d.anchor_date }, d.edition as never, calendar, {
          panelResponseTargetWorkingDays: o.panelResponseTargetWorkingDays ?? DEFAULT_PANEL_RESPONSE_WORKING_DAYS,
        }).find((x) => x.kind === d.kind)?.dueOn;
        if (!due || due === d.due_on) continue;
        await tx`update notifier.deadlines set due_on = ${due} where deadline_id = ${d.deadline_id}`;
        await cancelPendingFor(
          tx,
          d.deadline_id,
          `deadline moved to ${due} by the corrected calendar`,
          `${d.deadline_id}@${due}`,
        );
        moved += 1;
      }
      await tx`update notifier.checkpoint set calendar_version = ${calendar.version}, deadlines_version = deadlines_version + 1 where name = 'log'`;
    });
    if (moved) o.logger?.info({ moved }, 'calendar changed: deadlines re-computed');
    return moved;
  };

  const planIfDue = async (now: Date) => {
    const today = londonToday(now);
    if (!inWindow(now)) return null;
    const row = (
      await o.sql<{ planned_on: string | null; planned_version: string; deadlines_version: string }[]>`
      select to_char(planned_on, 'YYYY-MM-DD') as planned_on, planned_version::text, deadlines_version::text
        from notifier.checkpoint where name = 'log'`
    )[0]!;
    if (row.planned_on === today && row.planned_version === row.deadlines_version) return null;
    const result = await planDay(
      o.sql,
      today,
      { ...config, calendar, panelMailbox: config.panelMailbox, baseUrl: config.baseUrl },
      laName,
    );
    await o.sql`update notifier.checkpoint set planned_on = ${today}, planned_version = ${row.deadlines_version} where name = 'log'`;
    return result;
  };

  const sender: SenderOptions = {
    sql: o.sql,
    channel: o.channel,
    owner,
    leaseMs: config.leaseMs,
    maxAttempts: config.maxAttempts,
    clock,
    inWindow,
    ...(o.afterSend ? { afterSend: o.afterSend } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
  };

  /** One pass: fold new events, plan if the window is open, send until nothing is ready. */
  const tick = async () => {
    const folded = await catchUp(o.sql, o.store, foldContext);
    const planned = await planIfDue(clock());
    let sent = 0;
    for (;;) {
      const batch = await sendBatch(sender);
      sent += batch.sent;
      if (batch.claimed === 0) break;
    }
    return { folded, planned, sent };
  };

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((error) =>
        o.logger?.error(
          { error: error instanceof Error ? error.message : String(error) },
          'notifier pass failed: retrying',
        ),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, o.pollMs ?? 5000);
      });
  };

  return {
    owner,
    tick,
    applyCalendar,
    start: async () => {
      await applyCalendar();
      loop();
    },
    /** Wakes the loop now (the platform calls it when events are appended). */
    wake: () => {
      if (stopped || !timer) return;
      clearTimeout(timer);
      timer = undefined;
      loop();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await o.channel.close?.();
    },
    status: () => notifierStatus(o.sql),
  };
};

export type Notifier = ReturnType<typeof createNotifier>;
