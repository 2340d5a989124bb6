/**
 * One fact row per notification for the national statistics, by DfE's method (dfe-tables.ts): the reporting year
 * and quarter of the notification, the nature, LA and the counted child's characteristics AS AT NOTIFICATION (an
 * amendment of the nature, the LA or the children does not move the statistics; a serious-harm child who later
 * dies stays serious harm), and whether the clocks were met. The notification clock counts from the earliest
 * became-aware date ever recorded (declared or corrected), so a correction can never hide a late notification.
 * Care-leaver deaths have no statutory clock (null). Withdrawn notifications stay, flagged, out of the counts.
 */
import {
  computeDeadlines,
  regionOf,
  reportingPeriodOf,
  subjectChild,
  NATURES_WITHOUT_RAPID_REVIEW,
  type ChildCharacteristics,
  type GuidanceEdition,
  type IncidentNature,
  type ReportingQuarter,
} from '@cspr/domain';
import { optionalString, requireString, ProjectionError, type Projection, type ProjectionContext } from '../projection';
import type { NotificationFact } from './dfe-tables';

export type NotificationFactRow = {
  incident_id: string;
  partnership_id: string;
  /** As at notification. */
  local_authority_code: string;
  region: string;
  /** As at notification. */
  nature: string;
  guidance_edition: GuidanceEdition;
  /** The earliest became-aware date recorded (declared or corrected): the anchor of the notification clock. */
  became_aware_on: string;
  notified_on: string;
  /** Legacy label "2024-25" of the April–March year; `reporting_year` is DfE's (2025). */
  statistics_year: string;
  reporting_year: number;
  quarter: ReportingQuarter;
  notification_due_on: string;
  /** Null when there is no statutory clock (care-leaver deaths). */
  notified_within_deadline: boolean | null;
  rapid_review_required: boolean;
  rapid_review_due_on: string | null;
  rapid_review_submitted_on: string | null;
  rapid_review_within_deadline: boolean | null;
  /** All children as at notification; `subject_child` is the one DfE counts. */
  children: unknown[];
  subject_child: ChildCharacteristics | null;
  withdrawn: boolean;
};

/** The legacy "2024-25" label of the April–March year a date falls in. */
export const statisticsYearOf = (date: string): { year: string; quarter: string } => {
  const { reportingYear, quarter } = reportingPeriodOf(date);
  return { year: `${reportingYear - 1}-${String(reportingYear % 100).padStart(2, '0')}`, quarter };
};

const rapidReviewRequired = (nature: string, children: unknown[]) =>
  !NATURES_WITHOUT_RAPID_REVIEW.includes(nature as IncidentNature) ||
  (nature === 'care-leaver-death' && children.some((c) => (c as { under18?: unknown }).under18 === true));

/** Recomputes everything derived: region, clocks and whether they were met. */
const derived = (row: NotificationFactRow, context: ProjectionContext): NotificationFactRow => {
  const deadlines = computeDeadlines(
    { 'became-aware': row.became_aware_on, notified: row.notified_on },
    row.guidance_edition,
    context.calendar,
    { nature: row.nature },
  );
  const notification = deadlines.find((d) => d.kind === 'notification');
  const notificationDue = notification?.dueOn ?? row.notified_on;
  const required = rapidReviewRequired(row.nature, row.children);
  const rapidDue = required ? (deadlines.find((d) => d.kind === 'rapid-review')?.dueOn ?? null) : null;
  return {
    ...row,
    region: regionOf(row.local_authority_code)?.name ?? 'Unknown',
    notification_due_on: notificationDue,
    notified_within_deadline: notification?.statutory === false ? null : row.notified_on <= notificationDue,
    rapid_review_required: required,
    rapid_review_due_on: rapidDue,
    rapid_review_within_deadline:
      rapidDue !== null && row.rapid_review_submitted_on !== null ? row.rapid_review_submitted_on <= rapidDue : null,
  };
};

export const notificationFactsProjection: Projection<NotificationFactRow> = {
  name: 'national-statistics',
  table: 'read_models.notification_facts',
  key: 'incident_id',
  handles: new Set(['IncidentNotified', 'NotificationAmended', 'NotificationWithdrawn', 'RapidReviewCompleted']),
  keysOf: (event) => [requireString(event.data, 'incidentId')],
  evolve: (rows, event, context) => {
    const d = event.data;
    const id = requireString(d, 'incidentId');
    if (event.type === 'IncidentNotified') {
      const notifiedOn = requireString(d, 'notifiedOn');
      const { reportingYear, quarter } = reportingPeriodOf(notifiedOn);
      const children = (Array.isArray(d.children) ? d.children : []) as ChildCharacteristics[];
      rows.set(
        id,
        derived(
          {
            incident_id: id,
            partnership_id: requireString(d, 'partnershipId'),
            local_authority_code: requireString(d, 'localAuthorityCode'),
            region: 'Unknown',
            nature: requireString(d, 'nature'),
            guidance_edition: requireString(d, 'guidanceEdition') as GuidanceEdition,
            became_aware_on: requireString(d, 'becameAwareOn'),
            notified_on: notifiedOn,
            statistics_year: statisticsYearOf(notifiedOn).year,
            reporting_year: reportingYear,
            quarter,
            notification_due_on: notifiedOn,
            notified_within_deadline: true,
            rapid_review_required: true,
            rapid_review_due_on: null,
            rapid_review_submitted_on: null,
            rapid_review_within_deadline: null,
            children,
            subject_child: subjectChild(children, optionalString(d, 'harmChildRef') ?? undefined) ?? null,
            withdrawn: false,
          },
          context,
        ),
      );
      return;
    }
    const row = rows.get(id);
    if (!row) throw new ProjectionError(`${event.type} for an incident never notified`);
    switch (event.type) {
      case 'NotificationAmended': {
        // Statistics are as at notification: only a corrected became-aware date matters, and only when earlier.
        const corrected = optionalString((d.changes ?? {}) as Record<string, unknown>, 'becameAwareOn');
        if (corrected !== null && corrected < row.became_aware_on)
          rows.set(id, derived({ ...row, became_aware_on: corrected }, context));
        return;
      }
      case 'NotificationWithdrawn':
        rows.set(id, { ...row, withdrawn: true });
        return;
      case 'RapidReviewCompleted':
        // The clock is met or missed by the first submission; a resubmission after reconsideration does not restart it.
        if (row.rapid_review_submitted_on === null)
          rows.set(id, derived({ ...row, rapid_review_submitted_on: requireString(d, 'submittedOn') }, context));
        return;
    }
  },
};

/** A stored row as the pure tables read it. */
export const factOf = (row: NotificationFactRow): NotificationFact => ({
  reportingYear: row.reporting_year,
  quarter: row.quarter,
  nature: row.nature as IncidentNature,
  localAuthorityCode: row.local_authority_code,
  child: row.subject_child ?? (row.children[0] as ChildCharacteristics | undefined) ?? null,
  notifiedWithin5WorkingDays: row.notified_within_deadline,
  withdrawn: row.withdrawn,
});

/** Column additions for the DfE method; rows projected before them are filled from their legacy columns. */
export const NOTIFICATION_FACTS_DFE_SQL = `
alter table read_models.notification_facts add column if not exists reporting_year integer;
alter table read_models.notification_facts add column if not exists subject_child jsonb;
alter table read_models.notification_facts alter column notified_within_deadline drop not null;
update read_models.notification_facts set reporting_year = split_part(statistics_year, '-', 1)::int + 1 where reporting_year is null;
update read_models.notification_facts set subject_child = children -> 0 where subject_child is null;
alter table read_models.notification_facts alter column reporting_year set not null;
create index if not exists notification_facts_reporting_year on read_models.notification_facts (reporting_year);
`;
