/**
 * Reviews, local and national: status, incidents, partnerships, reviewer, delays with their reason codes (the
 * explanation stays sealed), final report, publication, action plan progress and deadlines from the rules.
 */
import type { DeadlineAnchor, DeadlineKind, GuidanceEdition } from '@cspr/domain';
import {
  DETAILS_REMOVED,
  actorRoleOf,
  occurredAtOf,
  optionalString,
  ProjectionError,
  requireInstant,
  requireString,
  stringArray,
  withDocumentsErased,
  type Projection,
  type ProjectedEvent,
  type ProjectionContext,
} from '../projection';
import { erasedIncidentLookup, erasureCovers, reviewKeysOf } from '../erased-incident-lookup';
import { nextDueOn, storeDeadlines, type StoredDeadline } from '../stored-deadlines';

export type ReviewStatus =
  'commissioned' | 'reviewer-appointed' | 'publication-delayed' | 'final-report-submitted' | 'published' | 'closed';

export const REVIEW_STATUSES: readonly ReviewStatus[] = [
  'commissioned',
  'reviewer-appointed',
  'publication-delayed',
  'final-report-submitted',
  'published',
  'closed',
];

/** `name`/`organisation`: plaintext of an event written before the name was sealed; `sealed`: the sealed part. */
export type ReviewReviewer = {
  name: string | null;
  organisation: string | null;
  sealed: unknown;
  appointedOn: string;
};

export type ReviewDelay = {
  delayedOn: string;
  reason: string;
  expectedPublicationOn: string | null;
  panelInformed: boolean;
  /** The sealed explanation as stored; null once the linked incident's personal data is erased. */
  sealedExplanation: unknown;
};

export type ReviewHistoryEntry = {
  type: string;
  occurredAt: string;
  on: string | null;
  actorRole: string;
  position: string;
};

export type ReviewRow = {
  review_id: string;
  /** The case reference (`REV-2026-00045`); null only for a review commissioned before references, until backfilled. */
  reference: string | null;
  kind: 'local' | 'national';
  partnership_ids: string[];
  incident_ids: string[];
  status: ReviewStatus;
  case_name: string | null;
  title: string | null;
  thematic: boolean;
  commissioned_at: string;
  commissioned_on: string;
  guidance_edition: GuidanceEdition;
  reviewer: ReviewReviewer | null;
  delays: ReviewDelay[];
  final_report: {
    submittedAt: string;
    submittedOn: string;
    recipients: string[];
    plannedPublicationOn: string | null;
  } | null;
  publication: { publishedOn: string; publication: string; caseName: string; documents: unknown[] } | null;
  action_plan: { recordedOn: string; actions: { status?: string }[]; counts: Record<string, number> } | null;
  closure: { closedOn: string; reason: string } | null;
  deadlines: StoredDeadline[];
  next_due_on: string | null;
  history: ReviewHistoryEntry[];
  last_event_at: string;
  version: number;
};

const HANDLED = [
  'LocalReviewCommissioned',
  'NationalReviewCommissioned',
  'ReviewerAppointed',
  'PublicationDelayed',
  'FinalReportSubmitted',
  'ReportPublished',
  'ActionPlanProgressRecorded',
  'ReviewClosed',
  'PersonalDataErased',
  'NonStatutoryReviewCommissioned',
  'ThematicReviewCommissioned',
  'CaseReferenceAllocated',
];

/**
 * Non-statutory and thematic reviews (issue 9) are tracked like local reviews (partnership-owned) or national ones
 * (Panel-owned thematic) but run on no statutory clock: this guidance edition marks them and stores no deadlines.
 */
const NO_STATUTORY_CLOCK = 'non-statutory' as GuidanceEdition;

const asTrackedCommission = (event: ProjectedEvent): ProjectedEvent => {
  if (event.type !== 'NonStatutoryReviewCommissioned' && event.type !== 'ThematicReviewCommissioned') return event;
  const d = event.data;
  const national = d.partnershipId === 'national';
  return {
    ...event,
    type: national ? 'NationalReviewCommissioned' : 'LocalReviewCommissioned',
    data: {
      ...d,
      guidanceEdition: NO_STATUTORY_CLOCK,
      thematic: event.type === 'ThematicReviewCommissioned',
      ...(event.type === 'NonStatutoryReviewCommissioned' ? { caseName: d.title } : {}),
    },
  };
};

const withDeadlines = (row: ReviewRow, context: ProjectionContext): ReviewRow => {
  if (row.guidance_edition === NO_STATUTORY_CLOCK) return { ...row, deadlines: [], next_due_on: null };
  const publishedOn = row.publication?.publishedOn;
  const planned = row.final_report?.plannedPublicationOn ?? publishedOn;
  const anchors: Partial<Record<DeadlineAnchor, string>> = {
    'review-commissioned': row.commissioned_on,
    ...(planned ? { 'planned-publication': planned } : {}),
    ...(publishedOn ? { published: publishedOn } : {}),
  };
  const metOn: Partial<Record<DeadlineKind, string>> = {
    ...(publishedOn ? { 'local-review-publication': publishedOn } : {}),
    ...(row.final_report ? { 'final-report-before-publication': row.final_report.submittedOn } : {}),
  };
  // The 6-month aim is set for local reviews; national reviews run to the Panel's own timetable.
  const kinds = new Set<DeadlineKind>(
    row.kind === 'local'
      ? ['local-review-publication', 'final-report-before-publication', 'publication-availability']
      : ['final-report-before-publication', 'publication-availability'],
  );
  const deadlines = storeDeadlines(anchors, metOn, row.guidance_edition, context.calendar, {
    panelResponseTargetWorkingDays: context.panelResponseTargetWorkingDays,
    cancelled: row.closure !== null && row.closure.reason !== 'completed',
    kinds,
  });
  return { ...row, deadlines, next_due_on: nextDueOn(deadlines) };
};

const touched = (row: ReviewRow, event: ProjectedEvent, on: string | null, change: Partial<ReviewRow>): ReviewRow => ({
  ...row,
  ...change,
  history: [
    ...row.history,
    {
      type: event.type,
      occurredAt: occurredAtOf(event),
      on,
      actorRole: actorRoleOf(event),
      position: `${event.position.commit}.${event.position.prepare}`,
    },
  ],
  last_event_at: occurredAtOf(event),
  version: row.version + 1,
});

const commissioned = (event: ProjectedEvent, context: ProjectionContext): ReviewRow => {
  const d = event.data;
  const local = event.type === 'LocalReviewCommissioned';
  const commissionedOn = requireString(d, 'commissionedOn');
  const row: ReviewRow = {
    review_id: requireString(d, 'reviewId'),
    reference: optionalString(d, 'reference'),
    kind: local ? 'local' : 'national',
    partnership_ids: local ? [requireString(d, 'partnershipId')] : stringArray(d.partnershipIds),
    incident_ids: stringArray(d.incidentIds),
    status: 'commissioned',
    case_name: optionalString(d, 'caseName'),
    title: optionalString(d, 'title'),
    thematic: d.thematic === true,
    commissioned_at: requireInstant(d, 'commissionedAt'),
    commissioned_on: commissionedOn,
    guidance_edition: requireString(d, 'guidanceEdition') as GuidanceEdition,
    reviewer: null,
    delays: [],
    final_report: null,
    publication: null,
    action_plan: null,
    closure: null,
    deadlines: [],
    next_due_on: null,
    history: [],
    last_event_at: occurredAtOf(event),
    version: 0,
  };
  return withDeadlines(touched(row, event, commissionedOn, {}), context);
};

const countActions = (actions: { status?: string }[]) => {
  const counts: Record<string, number> = {
    total: actions.length,
    notStarted: 0,
    inProgress: 0,
    completed: 0,
    overdue: 0,
  };
  const names: Record<string, string> = {
    'not-started': 'notStarted',
    'in-progress': 'inProgress',
    completed: 'completed',
    overdue: 'overdue',
  };
  for (const action of actions) {
    const name = names[action.status ?? ''];
    if (name) counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
};

const evolveReview = (row: ReviewRow, event: ProjectedEvent, context: ProjectionContext): ReviewRow => {
  const d = event.data;
  const open = (status: ReviewStatus): ReviewStatus =>
    row.status === 'closed' || row.status === 'published' ? row.status : status;
  switch (event.type) {
    case 'ReviewerAppointed': {
      const appointedOn = requireString(d, 'appointedOn');
      return touched(row, event, appointedOn, {
        // The name is sealed (the review's key); events written before that carry it in plaintext, kept as it came.
        reviewer: {
          name: optionalString(d, 'reviewerName'),
          organisation: optionalString(d, 'organisation'),
          sealed: event.personal ?? null,
          appointedOn,
        },
        status: row.status === 'commissioned' ? 'reviewer-appointed' : row.status,
      });
    }
    case 'PublicationDelayed': {
      const delayedOn = requireString(d, 'delayedOn');
      const delay: ReviewDelay = {
        delayedOn,
        reason: requireString(d, 'reason'),
        expectedPublicationOn: optionalString(d, 'expectedPublicationOn'),
        panelInformed: d.panelInformed === true,
        sealedExplanation: event.personal ?? null,
      };
      return touched(row, event, delayedOn, { delays: [...row.delays, delay], status: open('publication-delayed') });
    }
    case 'FinalReportSubmitted': {
      const submittedOn = requireString(d, 'submittedOn');
      return withDeadlines(
        touched(row, event, submittedOn, {
          final_report: {
            submittedAt: requireInstant(d, 'submittedAt'),
            submittedOn,
            recipients: stringArray(d.recipients),
            plannedPublicationOn: optionalString(d, 'plannedPublicationOn'),
          },
          status: open('final-report-submitted'),
        }),
        context,
      );
    }
    case 'ReportPublished': {
      const publishedOn = requireString(d, 'publishedOn');
      // Published without a case name: the one the review was commissioned with (the event does not copy it).
      const caseName = optionalString(d, 'caseName') ?? row.case_name ?? row.title ?? '';
      return withDeadlines(
        touched(row, event, publishedOn, {
          publication: {
            publishedOn,
            publication: requireString(d, 'publication'),
            caseName,
            documents: Array.isArray(d.documents) ? d.documents : [],
          },
          case_name: caseName,
          status: row.status === 'closed' ? 'closed' : 'published',
        }),
        context,
      );
    }
    case 'ActionPlanProgressRecorded': {
      // Statuses only: the plan is shown as counts, and old events carry each action's text here in plaintext.
      const actions = Array.isArray(d.actions)
        ? (d.actions as { status?: string }[]).map(({ status }) => ({ status }))
        : [];
      const recordedOn = requireString(d, 'recordedOn');
      return touched(row, event, recordedOn, { action_plan: { recordedOn, actions, counts: countActions(actions) } });
    }
    case 'ReviewClosed': {
      const closedOn = requireString(d, 'closedOn');
      return withDeadlines(
        touched(row, event, closedOn, { closure: { closedOn, reason: requireString(d, 'reason') }, status: 'closed' }),
        context,
      );
    }
    default:
      return row;
  }
};

export const reviewsProjection: Projection<ReviewRow> = {
  name: 'reviews',
  table: 'read_models.reviews',
  holdsOpenedPseudonyms: true,
  key: 'review_id',
  handles: new Set(HANDLED),
  keysOf: (event) => {
    if (event.type === 'CaseReferenceAllocated')
      return event.data.kind === 'REV' ? [requireString(event.data, 'subjectId')] : [];
    return reviewKeysOf(event);
  },
  // Erasure names the incident, not its reviews: find them by content.
  ...erasedIncidentLookup,
  evolve: (rows, event, context) => {
    if (event.type === 'PersonalDataErased') {
      for (const [key, row] of [...rows.entries()]) {
        if (!erasureCovers(event, row)) continue;
        const reviewer = row.reviewer && { ...row.reviewer, name: null, organisation: null, sealed: null };
        rows.set(key, {
          ...row,
          reviewer,
          delays: row.delays.map((delay) => ({ ...delay, sealedExplanation: null })),
          case_name: row.case_name === null ? null : DETAILS_REMOVED,
          title: row.title === null ? null : DETAILS_REMOVED,
          publication: row.publication && {
            ...row.publication,
            caseName: DETAILS_REMOVED,
            documents: withDocumentsErased(row.publication.documents),
          },
        });
      }
      return;
    }
    if (event.type === 'CaseReferenceAllocated') {
      // The usual allocation comes before its commissioning event (which carries the reference): only the backfill
      // of a review commissioned before references finds a row here.
      if (event.data.kind !== 'REV') return; // the other kind's series: not loaded here
      const found = rows.get(requireString(event.data, 'subjectId'));
      if (found && found.reference === null)
        rows.set(found.review_id, { ...found, reference: requireString(event.data, 'reference') });
      return;
    }
    const id = requireString(event.data, 'reviewId');
    const row = rows.get(id);
    if (
      event.type === 'LocalReviewCommissioned' ||
      event.type === 'NationalReviewCommissioned' ||
      event.type === 'NonStatutoryReviewCommissioned' ||
      event.type === 'ThematicReviewCommissioned'
    ) {
      if (row) throw new ProjectionError(`${event.type} for a review already commissioned`);
      const tracked = commissioned(asTrackedCommission(event), context);
      // The history names what happened (NonStatutoryReviewCommissioned…), not the tracking shape it was read as.
      rows.set(id, { ...tracked, history: tracked.history.map((entry) => ({ ...entry, type: event.type })) });
      return;
    }
    if (!row) throw new ProjectionError(`${event.type} for a review never commissioned`);
    rows.set(id, evolveReview(row, event, context));
  },
};
