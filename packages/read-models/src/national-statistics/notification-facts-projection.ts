/**
 * One fact row per notification for the national statistics: year (April–March) and quarter of the notification,
 * nature, LA and region, children's characteristics as at notification (amendments correct them; a later death
 * does not change a serious-harm notification; an amended became-aware date does not move the clock), and whether the 5- and 15-working-day clocks were met, computed
 * from the calendar at projection time. Withdrawn notifications stay, flagged, and are left out of the counts.
 */
import { computeDeadlines, regionOf, NATURES_WITHOUT_RAPID_REVIEW, type GuidanceEdition, type IncidentNature } from '@cspr/domain';
import { optionalString, requireString, ProjectionError, type Projection, type ProjectionContext } from '../projection';

export type NotificationFactRow = {
  incident_id: string;
  partnership_id: string;
  local_authority_code: string;
  region: string;
  nature: string;
  guidance_edition: GuidanceEdition;
  /**
   * As declared at notification, never as amended: the anchor of "notified within 5 working days", so a corrected
   * date cannot turn a late notification into an on-time one (docs/architecture.md "Domain facts": as at notification).
   */
  became_aware_on: string;
  notified_on: string;
  statistics_year: string;
  quarter: string;
  notification_due_on: string;
  notified_within_deadline: boolean;
  rapid_review_required: boolean;
  rapid_review_due_on: string | null;
  rapid_review_submitted_on: string | null;
  rapid_review_within_deadline: boolean | null;
  children: unknown[];
  withdrawn: boolean;
};

/** DfE statistics years run April to March: 2024-05-01 and 2025-02-01 are both in "2024-25". */
export const statisticsYearOf = (date: string): { year: string; quarter: string } => {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 4 ? year : year - 1;
  const quarter = month >= 4 ? `Q${Math.floor((month - 4) / 3) + 1}` : 'Q4';
  return { year: `${start}-${String((start + 1) % 100).padStart(2, '0')}`, quarter };
};

const rapidReviewRequired = (nature: string, children: unknown[]) =>
  !NATURES_WITHOUT_RAPID_REVIEW.includes(nature as IncidentNature) ||
  (nature === 'care-leaver-death' && children.some((c) => (c as { under18?: unknown }).under18 === true));

/** Recomputes everything derived: region, clocks and whether they were met. */
const derived = (row: NotificationFactRow, context: ProjectionContext): NotificationFactRow => {
  const deadlines = computeDeadlines({ 'became-aware': row.became_aware_on, notified: row.notified_on }, row.guidance_edition, context.calendar);
  const notificationDue = deadlines.find((d) => d.kind === 'notification')?.dueOn ?? row.notified_on;
  const required = rapidReviewRequired(row.nature, row.children);
  const rapidDue = required ? (deadlines.find((d) => d.kind === 'rapid-review')?.dueOn ?? null) : null;
  return {
    ...row,
    region: regionOf(row.local_authority_code)?.name ?? 'Unknown',
    notification_due_on: notificationDue,
    notified_within_deadline: row.notified_on <= notificationDue,
    rapid_review_required: required,
    rapid_review_due_on: rapidDue,
    rapid_review_within_deadline: rapidDue !== null && row.rapid_review_submitted_on !== null ? row.rapid_review_submitted_on <= rapidDue : null,
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
      const { year, quarter } = statisticsYearOf(notifiedOn);
      rows.set(id, derived({
        incident_id: id,
        partnership_id: requireString(d, 'partnershipId'),
        local_authority_code: requireString(d, 'localAuthorityCode'),
        region: 'Unknown',
        nature: requireString(d, 'nature'),
        guidance_edition: requireString(d, 'guidanceEdition') as GuidanceEdition,
        became_aware_on: requireString(d, 'becameAwareOn'),
        notified_on: notifiedOn,
        statistics_year: year,
        quarter,
        notification_due_on: notifiedOn,
        notified_within_deadline: true,
        rapid_review_required: true,
        rapid_review_due_on: null,
        rapid_review_submitted_on: null,
        rapid_review_within_deadline: null,
        children: Array.isArray(d.children) ? d.children : [],
        withdrawn: false,
      }, context));
      return;
    }
    const row = rows.get(id);
    if (!row) throw new ProjectionError(`${event.type} for an incident never notified`);
    switch (event.type) {
      case 'NotificationAmended': {
        const changes = (d.changes ?? {}) as Record<string, unknown>;
        rows.set(id, derived({
          ...row,
          local_authority_code: optionalString(changes, 'localAuthorityCode') ?? row.local_authority_code,
          nature: optionalString(changes, 'nature') ?? row.nature,
          children: Array.isArray(changes.children) ? changes.children : row.children,
        }, context));
        return;
      }
      case 'NotificationWithdrawn':
        rows.set(id, { ...row, withdrawn: true });
        return;
      case 'RapidReviewCompleted':
        // The clock is met or missed by the first submission; a resubmission after reconsideration does not restart it.
        if (row.rapid_review_submitted_on === null) rows.set(id, derived({ ...row, rapid_review_submitted_on: requireString(d, 'submittedOn') }, context));
        return;
    }
  },
};
