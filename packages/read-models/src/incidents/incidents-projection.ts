/**
 * Incidents per partnership: one row per incident stream, with its status, key dates, children's characteristics,
 * rapid review, Panel response, linked reviews, deadlines (due dates computed here from the calendar) and a history
 * timeline. The sealed personal parts are kept as given, never opened; erasure scrubs them.
 */
import type { AmendmentReason, GuidanceEdition, IncidentNature } from '@cspr/domain';
import { NATURES_WITHOUT_RAPID_REVIEW } from '@cspr/domain';
import {
  actorRoleOf,
  addUnique,
  occurredAtOf,
  optionalString,
  ProjectionError,
  requireInstant,
  requireString,
  stringArray,
  type Projection,
  type ProjectedEvent,
  type ProjectionContext,
} from '../projection';
import { nextDueOn, storeDeadlines, type StoredDeadline } from '../stored-deadlines';

export type IncidentStatus =
  | 'notified' // awaiting the rapid review (or, for natures without one, nothing more)
  | 'amended' // as notified, since corrected
  | 'withdrawn'
  | 'rapid-review-submitted' // awaiting the Panel's response
  | 'reconsideration-requested' // the Panel asked the partners to reconsider: a new submission is due
  | 'panel-responded'
  | 'in-review'; // linked to a local or national review

export const INCIDENT_STATUSES: readonly IncidentStatus[] = [
  'notified',
  'amended',
  'withdrawn',
  'rapid-review-submitted',
  'reconsideration-requested',
  'panel-responded',
  'in-review',
];

/** A minimised field an amendment changed, with both values (dates and codes: never personal data). */
export type HistoryChange = { field: string; from: string | null; to: string | null };

export type HistoryEntry = {
  type: string;
  occurredAt: string;
  on: string | null;
  actorRole: string;
  /** Who made the change (the signed-in user's id); absent on rows projected before it existed. */
  actorId?: string;
  /** For an amendment: the minimised fields it changed, from and to (the became-aware date among them). */
  changes?: HistoryChange[];
  /** For an amendment: why it was made; absent on amendments recorded before a reason was asked for. */
  reason?: AmendmentReason;
  position: string;
};

/** A duplicate merged into this incident: its id and, for the Panel, its children as notified. */
export type MergedDuplicate = {
  incidentId: string;
  partnershipId: string;
  linkedBy: string;
  mergedAt: string;
  children: unknown[];
};

export type SealedIncidentPersonal = {
  /** The notification's personal part as last amended: an amendment carries the whole merged part. */
  notification?: unknown;
  withdrawal?: unknown;
  rapidReviews?: unknown[];
  panelResponses?: unknown[];
};

export type IncidentRow = {
  incident_id: string;
  /** The case reference (`INC-2026-00123`); null only for an incident notified before references, until backfilled. */
  reference: string | null;
  partnership_id: string;
  local_authority_code: string;
  nature: IncidentNature;
  status: IncidentStatus;
  guidance_edition: GuidanceEdition;
  /** The became-aware date as it now stands (amendments correct it). */
  became_aware_on: string;
  /** As declared at notification: the compliance anchor of the notification deadline (incidents-became-aware.ts). */
  became_aware_declared_on: string;
  became_aware_amended: boolean;
  /** The earliest became-aware date ever recorded (declared or corrected): the notification clock's anchor. */
  became_aware_clock_on: string;
  incident_on: string;
  notified_at: string;
  notified_on: string;
  referral_id: string | null;
  children: unknown[];
  rapid_review_required: boolean;
  rapid_review: Record<string, unknown> | null;
  panel_response: Record<string, unknown> | null;
  withdrawal: Record<string, unknown> | null;
  /** Duplicates withdrawn in favour of this incident (the merge keeps this incident's clock). */
  merged_duplicates: MergedDuplicate[];
  review_ids: string[];
  deadlines: StoredDeadline[];
  next_due_on: string | null;
  sealed_personal: SealedIncidentPersonal | null;
  personal_erased: boolean;
  history: HistoryEntry[];
  last_event_at: string;
  version: number;
};

const INCIDENT_EVENTS = [
  'IncidentNotified',
  'NotificationAmended',
  'NotificationWithdrawn',
  'RapidReviewCompleted',
  'PanelResponded',
  'IncidentLinkedToReview',
  'PersonalDataErased',
];
const REVIEW_EVENTS = ['LocalReviewCommissioned', 'NationalReviewCommissioned'];
/** A reference allocated after the notification (the backfill of incidents notified before references). */
const REFERENCE_EVENTS = ['CaseReferenceAllocated'];

const rapidReviewRequired = (nature: IncidentNature, children: unknown[]): boolean => {
  if (!NATURES_WITHOUT_RAPID_REVIEW.includes(nature)) return true;
  // Care leavers under 18 may meet the criteria (docs/architecture.md "Domain facts").
  return nature === 'care-leaver-death' && children.some((c) => (c as { under18?: unknown }).under18 === true);
};

const withDeadlines = (row: IncidentRow, context: ProjectionContext): IncidentRow => {
  const rr = row.rapid_review as { firstSubmittedOn?: string; submittedOn?: string } | null;
  const pr = row.panel_response as { respondedOn?: string; submission?: number } | null;
  const submission = (row.rapid_review as { submission?: number } | null)?.submission;
  const anchors = {
    // The earliest date ever recorded: a correction either way can never make a late notification on time.
    'became-aware': row.became_aware_clock_on ?? row.became_aware_declared_on,
    notified: row.notified_on,
    ...(rr?.submittedOn ? { 'rapid-review-submitted': rr.submittedOn } : {}),
  };
  const answered = pr && pr.submission === submission ? pr.respondedOn : undefined;
  const metOn = {
    notification: row.notified_on,
    ...(rr?.firstSubmittedOn ? { 'rapid-review': rr.firstSubmittedOn } : {}),
    ...(answered ? { 'panel-response': answered } : {}),
  };
  const kinds = new Set(
    row.rapid_review_required || rr
      ? (['notification', 'rapid-review', 'panel-response'] as const)
      : (['notification'] as const),
  );
  const deadlines = storeDeadlines(anchors, metOn, row.guidance_edition, context.calendar, {
    panelResponseTargetWorkingDays: context.panelResponseTargetWorkingDays,
    cancelled: row.status === 'withdrawn',
    kinds,
    nature: row.nature,
  });
  return { ...row, deadlines, next_due_on: nextDueOn(deadlines) };
};

const actorIdOf = (event: ProjectedEvent): string | undefined => {
  const actor = event.metadata.actor as { userId?: unknown } | undefined;
  return typeof actor?.userId === 'string' ? actor.userId : undefined;
};

const historyEntry = (event: ProjectedEvent, on: string | null, changes?: HistoryChange[]): HistoryEntry => {
  const actorId = actorIdOf(event);
  const reason = event.type === 'NotificationAmended' ? optionalString(event.data, 'reason') : null;
  return {
    type: event.type,
    occurredAt: occurredAtOf(event),
    on,
    actorRole: actorRoleOf(event),
    ...(actorId !== undefined ? { actorId } : {}),
    ...(changes && changes.length > 0 ? { changes } : {}),
    ...(reason !== null ? { reason: reason as AmendmentReason } : {}),
    position: `${event.position.commit}.${event.position.prepare}`,
  };
};

const touched = (
  row: IncidentRow,
  event: ProjectedEvent,
  on: string | null,
  change: Partial<IncidentRow>,
  changes?: HistoryChange[],
): IncidentRow => ({
  ...row,
  ...change,
  history: [...row.history, historyEntry(event, on, changes)],
  last_event_at: occurredAtOf(event),
  version: row.version + 1,
});

const sealed = (
  row: IncidentRow,
  update: (current: SealedIncidentPersonal) => SealedIncidentPersonal,
): SealedIncidentPersonal | null => (row.personal_erased ? null : update(row.sealed_personal ?? {}));

const notified = (event: ProjectedEvent, context: ProjectionContext): IncidentRow => {
  const d = event.data;
  const nature = requireString(d, 'nature') as IncidentNature;
  const children = Array.isArray(d.children) ? d.children : [];
  if (children.length === 0) throw new ProjectionError('IncidentNotified without children');
  const notifiedOn = requireString(d, 'notifiedOn');
  const row: IncidentRow = {
    incident_id: requireString(d, 'incidentId'),
    reference: optionalString(d, 'reference'),
    partnership_id: requireString(d, 'partnershipId'),
    local_authority_code: requireString(d, 'localAuthorityCode'),
    nature,
    status: 'notified',
    guidance_edition: requireString(d, 'guidanceEdition') as GuidanceEdition,
    became_aware_on: requireString(d, 'becameAwareOn'),
    became_aware_declared_on: requireString(d, 'becameAwareOn'),
    became_aware_amended: false,
    became_aware_clock_on: requireString(d, 'becameAwareOn'),
    incident_on: requireString(d, 'incidentOn'),
    notified_at: requireInstant(d, 'notifiedAt'),
    notified_on: notifiedOn,
    referral_id: optionalString(d, 'referralId'),
    children,
    rapid_review_required: rapidReviewRequired(nature, children),
    rapid_review: null,
    panel_response: null,
    withdrawal: null,
    merged_duplicates: [],
    review_ids: [],
    deadlines: [],
    next_due_on: null,
    sealed_personal: event.personal === undefined ? {} : { notification: event.personal },
    personal_erased: false,
    history: [historyEntry(event, notifiedOn)],
    last_event_at: occurredAtOf(event),
    version: 1,
  };
  return withDeadlines(row, context);
};

const evolveIncident = (row: IncidentRow, event: ProjectedEvent, context: ProjectionContext): IncidentRow => {
  const d = event.data;
  switch (event.type) {
    case 'NotificationAmended': {
      const changes = (d.changes ?? {}) as Record<string, unknown>;
      const becameAwareOn = optionalString(changes, 'becameAwareOn') ?? row.became_aware_on;
      const clockOn = row.became_aware_clock_on ?? row.became_aware_declared_on;
      const minimised: [string, string | null][] = [
        ['localAuthorityCode', row.local_authority_code],
        ['nature', row.nature],
        ['becameAwareOn', row.became_aware_on],
        ['incidentOn', row.incident_on],
      ];
      const diff = minimised.flatMap(([field, from]) => {
        const to = optionalString(changes, field);
        return to !== null && to !== from ? [{ field, from, to }] : [];
      });
      const next = touched(
        row,
        event,
        null,
        {
          local_authority_code: optionalString(changes, 'localAuthorityCode') ?? row.local_authority_code,
          nature: (optionalString(changes, 'nature') as IncidentNature | null) ?? row.nature,
          became_aware_on: becameAwareOn,
          became_aware_amended: becameAwareOn !== row.became_aware_declared_on,
          became_aware_clock_on: becameAwareOn < clockOn ? becameAwareOn : clockOn,
          incident_on: optionalString(changes, 'incidentOn') ?? row.incident_on,
          children: Array.isArray(changes.children) ? changes.children : row.children,
          status: row.status === 'notified' ? 'amended' : row.status,
          // The amendment's part is the whole current part (the command handler merges the changed fields), so it
          // replaces the notification's: the superseded one stays only in the log.
          sealed_personal:
            event.personal === undefined
              ? row.sealed_personal
              : sealed(row, (s) => ({ ...s, notification: event.personal })),
        },
        diff,
      );
      return withDeadlines(
        { ...next, rapid_review_required: rapidReviewRequired(next.nature, next.children) },
        context,
      );
    }
    case 'NotificationWithdrawn':
      return withDeadlines(
        touched(row, event, null, {
          status: 'withdrawn',
          withdrawal: {
            withdrawnAt: requireString(d, 'withdrawnAt'),
            reason: requireString(d, 'reason'),
            duplicateOfIncidentId: optionalString(d, 'duplicateOfIncidentId'),
          },
          sealed_personal:
            event.personal === undefined
              ? row.sealed_personal
              : sealed(row, (s) => ({ ...s, withdrawal: event.personal })),
        }),
        context,
      );
    case 'RapidReviewCompleted': {
      const submittedOn = requireString(d, 'submittedOn');
      const previous = row.rapid_review as { firstSubmittedOn?: string } | null;
      return withDeadlines(
        touched(row, event, submittedOn, {
          status: row.status === 'withdrawn' ? 'withdrawn' : 'rapid-review-submitted',
          rapid_review: {
            submittedAt: requireString(d, 'submittedAt'),
            submittedOn,
            firstSubmittedOn: previous?.firstSubmittedOn ?? submittedOn,
            submission: typeof d.submission === 'number' ? d.submission : 1,
            localReviewDecision: requireString(d, 'localReviewDecision'),
            nationalCriteriaMayBeMet: d.nationalCriteriaMayBeMet === true,
            localCriteria: d.localCriteria ?? null,
            nationalCriteria: d.nationalCriteria ?? null,
            parallelProcesses: stringArray(d.parallelProcesses),
            agenciesInvolved: stringArray(d.agenciesInvolved),
            signedOff: d.signedOff ?? null,
          },
          sealed_personal:
            event.personal === undefined
              ? row.sealed_personal
              : sealed(row, (s) => ({ ...s, rapidReviews: [...(s.rapidReviews ?? []), event.personal] })),
        }),
        context,
      );
    }
    case 'PanelResponded': {
      if (!row.rapid_review) throw new ProjectionError('PanelResponded before any rapid review');
      const outcome = requireString(d, 'outcome');
      const respondedOn = requireString(d, 'respondedOn');
      const inReview = row.review_ids.length > 0;
      return withDeadlines(
        touched(row, event, respondedOn, {
          status:
            row.status === 'withdrawn'
              ? 'withdrawn'
              : inReview
                ? 'in-review'
                : outcome === 'reconsider'
                  ? 'reconsideration-requested'
                  : 'panel-responded',
          panel_response: {
            respondedAt: requireString(d, 'respondedAt'),
            respondedOn,
            outcome,
            thematicReviewTitle: optionalString(d, 'thematicReviewTitle'),
            submission: (row.rapid_review as { submission?: number }).submission ?? 1,
          },
          sealed_personal:
            event.personal === undefined
              ? row.sealed_personal
              : sealed(row, (s) => ({ ...s, panelResponses: [...(s.panelResponses ?? []), event.personal] })),
        }),
        context,
      );
    }
    case 'IncidentLinkedToReview':
    case 'LocalReviewCommissioned':
    case 'NationalReviewCommissioned': {
      const reviewId = requireString(d, 'reviewId');
      const linked = row.review_ids.includes(reviewId);
      // The commissioning event and the incident's own link event say the same thing: record the link once.
      if (linked) return event.type === 'IncidentLinkedToReview' ? touched(row, event, null, {}) : row;
      return touched(row, event, optionalString(d, 'commissionedOn'), {
        review_ids: addUnique(row.review_ids, reviewId),
        status: row.status === 'withdrawn' ? 'withdrawn' : 'in-review',
      });
    }
    case 'PersonalDataErased':
      return touched(row, event, null, { sealed_personal: null, personal_erased: true });
    default:
      return row;
  }
};

export const incidentsProjection: Projection<IncidentRow> = {
  name: 'incidents',
  table: 'read_models.incidents',
  key: 'incident_id',
  handles: new Set([...INCIDENT_EVENTS, ...REVIEW_EVENTS, ...REFERENCE_EVENTS]),
  keysOf: (event) => {
    if (REFERENCE_EVENTS.includes(event.type))
      return event.data.kind === 'INC' ? [requireString(event.data, 'subjectId')] : [];
    if (REVIEW_EVENTS.includes(event.type)) return stringArray(event.data.incidentIds);
    // A referral's or a review's own erasure (shared/erasure.ts) names no incident: nothing of it is here.
    if (event.type === 'PersonalDataErased' && typeof event.data.incidentId !== 'string') return [];
    const survivor =
      event.type === 'NotificationWithdrawn' ? optionalString(event.data, 'duplicateOfIncidentId') : null;
    return [requireString(event.data, 'incidentId'), ...(survivor !== null ? [survivor] : [])];
  },
  evolve: (rows, event, context) => {
    if (REFERENCE_EVENTS.includes(event.type)) {
      // The usual allocation comes before its notification (which carries the reference): nothing to do then.
      if (event.data.kind !== 'INC') return; // the other kind's series: not loaded here
      const row = rows.get(requireString(event.data, 'subjectId'));
      if (row && row.reference === null)
        rows.set(row.incident_id, { ...row, reference: requireString(event.data, 'reference') });
      return;
    }
    if (event.type === 'IncidentNotified') {
      const row = notified(event, context);
      if (rows.get(row.incident_id)) throw new ProjectionError('IncidentNotified for an incident already notified');
      rows.set(row.incident_id, row);
      return;
    }
    if (REVIEW_EVENTS.includes(event.type)) {
      // A review may name an incident this read model never saw (e.g. notified before the platform): skip that one.
      for (const id of stringArray(event.data.incidentIds)) {
        const row = rows.get(id);
        if (row) rows.set(id, evolveIncident(row, event, context));
      }
      return;
    }
    if (event.type === 'PersonalDataErased' && typeof event.data.incidentId !== 'string') return;
    const id = requireString(event.data, 'incidentId');
    const row = rows.get(id);
    if (!row) throw new ProjectionError(`${event.type} for an incident never notified`);
    rows.set(id, evolveIncident(row, event, context));
    const survivorId =
      event.type === 'NotificationWithdrawn' ? optionalString(event.data, 'duplicateOfIncidentId') : null;
    const survivor = survivorId === null ? undefined : rows.get(survivorId);
    // The merge carries the duplicate's children to the survivor (for the Panel); the survivor keeps its own clock.
    if (survivorId !== null && survivor && !survivor.merged_duplicates.some((m) => m.incidentId === id)) {
      const merged: MergedDuplicate = {
        incidentId: id,
        partnershipId: row.partnership_id,
        linkedBy: optionalString(event.data, 'linkedBy') ?? actorRoleOf(event),
        mergedAt: occurredAtOf(event),
        children: row.children,
      };
      rows.set(survivorId, { ...survivor, merged_duplicates: [...(survivor.merged_duplicates ?? []), merged] });
    }
  },
};
