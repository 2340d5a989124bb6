/** The Panel's queue: rapid reviews awaiting a response, oldest submission first, with the response target. */
import type { Sql } from 'postgres';
import { decodeCursor, pageSize, toPage, type Page } from '../cursor';
import { resolveToday, type TodayOptions } from '../deadline-view';
import type { PanelQueueRow } from './panel-queue-projection';

export type PanelQueueItem = {
  incidentId: string;
  reference: string | null;
  partnershipId: string;
  localAuthorityCode: string;
  nature: string;
  notifiedOn: string;
  submittedAt: string;
  submittedOn: string;
  submission: number;
  localReviewDecision: string;
  nationalCriteriaMayBeMet: boolean;
  targetOn: string;
  /** Working days after today up to the target: 0 on the day, negative when past. */
  workingDaysLeft: number;
  overdue: boolean;
};

export type PanelQueueOptions = TodayOptions & {
  first?: number;
  after?: string;
  /** 1-based page number (GOV.UK pagination); `after` is ignored when given. */
  page?: number;
  /** Count every awaiting rapid review (default true). */
  count?: boolean;
};

export const getPanelQueue = async (sql: Sql, options: PanelQueueOptions): Promise<Page<PanelQueueItem>> => {
  const size = pageSize(options.first);
  const { today, calendar } = resolveToday(options);
  const offset = options.page !== undefined ? (Math.max(1, Math.trunc(options.page)) - 1) * size : undefined;
  const [afterAt, afterId] = offset === undefined && options.after !== undefined ? decodeCursor(options.after, 2) : [];
  const rows = await sql<PanelQueueRow[]>`
    select * from read_models.panel_queue
    where awaiting ${afterAt !== undefined ? sql`and (submitted_at, incident_id) > (${afterAt}, ${afterId!})` : sql``}
    order by submitted_at, incident_id
    limit ${size + 1} ${offset !== undefined ? sql`offset ${offset}` : sql``}`;
  const count =
    options.count === false
      ? null
      : (await sql<[{ count: number }]>`select count(*)::int as count from read_models.panel_queue where awaiting`)[0]
          .count;
  return toPage(
    rows,
    size,
    count,
    (row) => {
      const targetOn = row.target_on ?? row.submitted_on!;
      return {
        incidentId: row.incident_id,
        reference: row.reference,
        partnershipId: row.partnership_id,
        localAuthorityCode: row.local_authority_code,
        nature: row.nature,
        notifiedOn: row.notified_on,
        submittedAt: row.submitted_at!,
        submittedOn: row.submitted_on!,
        submission: row.submission ?? 1,
        localReviewDecision: row.local_review_decision ?? 'no-local-review',
        nationalCriteriaMayBeMet: row.national_criteria_may_be_met === true,
        targetOn,
        workingDaysLeft: calendar.workingDaysBetween(today, targetOn),
        overdue: today > targetOn,
      };
    },
    (row) => [row.submitted_at!, row.incident_id],
  );
};
