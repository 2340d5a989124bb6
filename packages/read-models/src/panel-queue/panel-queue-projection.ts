/**
 * The Panel's queue: one row per incident that may need a rapid review; `awaiting` while a submitted rapid
 * review has no response. The target date comes from the panel-response rule (a service-level target) at
 * projection time; a reconsidered and resubmitted rapid review queues again with a fresh target.
 */
import type { GuidanceEdition } from '@cspr/domain';
import { requireInstant, requireString, ProjectionError, type Projection } from '../projection';
import { storeDeadlines } from '../stored-deadlines';

export type PanelQueueRow = {
  incident_id: string;
  reference: string | null;
  partnership_id: string;
  local_authority_code: string;
  nature: string;
  notified_on: string;
  guidance_edition: GuidanceEdition;
  awaiting: boolean;
  submitted_at: string | null;
  submitted_on: string | null;
  submission: number | null;
  local_review_decision: string | null;
  national_criteria_may_be_met: boolean | null;
  target_on: string | null;
};

const HANDLED = [
  'IncidentNotified',
  'NotificationAmended',
  'NotificationWithdrawn',
  'RapidReviewCompleted',
  'PanelResponded',
  'CaseReferenceAllocated',
];

export const panelQueueProjection: Projection<PanelQueueRow> = {
  name: 'panel-queue',
  table: 'read_models.panel_queue',
  key: 'incident_id',
  handles: new Set(HANDLED),
  keysOf: (event) => {
    if (event.type !== 'CaseReferenceAllocated') return [requireString(event.data, 'incidentId')];
    return event.data.kind === 'INC' ? [requireString(event.data, 'subjectId')] : [];
  },
  evolve: (rows, event, context) => {
    const d = event.data;
    if (event.type === 'CaseReferenceAllocated') {
      // Only the backfill of an incident notified before references finds a row here.
      if (event.data.kind !== 'INC') return; // the other kind's series: not loaded here
      const row = rows.get(requireString(d, 'subjectId'));
      if (row && row.reference === null)
        rows.set(row.incident_id, { ...row, reference: requireString(d, 'reference') });
      return;
    }
    const id = requireString(d, 'incidentId');
    if (event.type === 'IncidentNotified') {
      rows.set(id, {
        incident_id: id,
        reference: typeof d.reference === 'string' ? d.reference : null,
        partnership_id: requireString(d, 'partnershipId'),
        local_authority_code: requireString(d, 'localAuthorityCode'),
        nature: requireString(d, 'nature'),
        notified_on: requireString(d, 'notifiedOn'),
        guidance_edition: requireString(d, 'guidanceEdition') as GuidanceEdition,
        awaiting: false,
        submitted_at: null,
        submitted_on: null,
        submission: null,
        local_review_decision: null,
        national_criteria_may_be_met: null,
        target_on: null,
      });
      return;
    }
    const row = rows.get(id);
    // Withdrawn incidents leave the queue for good; later events about them change nothing here.
    if (!row) {
      if (event.type === 'NotificationWithdrawn' || event.type === 'NotificationAmended') return;
      throw new ProjectionError(`${event.type} for an incident never notified`);
    }
    switch (event.type) {
      case 'NotificationAmended': {
        const changes = (d.changes ?? {}) as Record<string, unknown>;
        rows.set(id, {
          ...row,
          nature: typeof changes.nature === 'string' ? changes.nature : row.nature,
          local_authority_code:
            typeof changes.localAuthorityCode === 'string' ? changes.localAuthorityCode : row.local_authority_code,
        });
        return;
      }
      case 'NotificationWithdrawn':
        rows.delete(id);
        return;
      case 'RapidReviewCompleted': {
        const submittedOn = requireString(d, 'submittedOn');
        const [target] = storeDeadlines(
          { 'rapid-review-submitted': submittedOn },
          {},
          row.guidance_edition,
          context.calendar,
          {
            panelResponseTargetWorkingDays: context.panelResponseTargetWorkingDays,
            kinds: new Set(['panel-response']),
          },
        );
        rows.set(id, {
          ...row,
          awaiting: true,
          submitted_at: requireInstant(d, 'submittedAt'),
          submitted_on: submittedOn,
          submission: typeof d.submission === 'number' ? d.submission : 1,
          local_review_decision: requireString(d, 'localReviewDecision'),
          national_criteria_may_be_met: d.nationalCriteriaMayBeMet === true,
          target_on: target?.dueOn ?? null,
        });
        return;
      }
      case 'PanelResponded':
        rows.set(id, { ...row, awaiting: false });
        return;
    }
  },
};
