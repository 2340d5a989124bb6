/**
 * Open deadlines by kind, due within the coming week and overdue, for the `cspr.deadlines.*` gauges: read from the
 * deadlines the projector stored on incidents and reviews (due dates computed at projection time; "today" here,
 * in England). Met, cancelled and minimum-period deadlines never count.
 */
import type { Sql } from 'postgres';
import { addCalendarDays, londonDate } from '@cspr/domain';

export type DeadlineCount = { kind: string; due: number; overdue: number };

export const countOpenDeadlines = async (sql: Sql, now: Date = new Date()): Promise<DeadlineCount[]> => {
  const today = londonDate(now.toISOString());
  const weekAhead = addCalendarDays(today, 7);
  const rows = await sql<{ kind: string; due: number; overdue: number }[]>`
    with open as (
      select d->>'kind' as kind, d->>'dueOn' as due_on
      from (select jsonb_array_elements(deadlines) as d from read_models.incidents
            union all select jsonb_array_elements(deadlines) from read_models.reviews) all_deadlines
      where d->>'metOn' is null and coalesce((d->>'cancelled')::boolean, false) = false and d->>'kind' <> 'publication-availability'
    )
    select kind,
           count(*) filter (where due_on >= ${today} and due_on <= ${weekAhead})::int as due,
           count(*) filter (where due_on < ${today})::int as overdue
    from open group by kind order by kind`;
  return rows.map((r) => ({ kind: r.kind, due: r.due, overdue: r.overdue }));
};
