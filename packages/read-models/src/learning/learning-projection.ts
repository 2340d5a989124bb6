/**
 * Reviews of every kind (local, national, non-statutory, thematic) as learning sees them: who owns and who is
 * concerned, the learning recorded, recommendations and their actions, and the publication's NSPCC record fields.
 * Whether an action is overdue depends on the day one asks, so it is computed by the query, never stored.
 * The free text of learning item titles, recommendations, actions and progress notes is stored as the event sealed it (the review's key):
 * the gateway opens it, audited, for those who may read the review, and it is noise once the review's key is
 * destroyed. Events written before that sealing carry plaintext: it is kept as it came (`text`, `description`,
 * `note`) and blanked when the review's personal data is erased.
 */
import {
  addUnique,
  DETAILS_REMOVED,
  occurredAtOf,
  optionalString,
  ProjectionError,
  requireString,
  stringArray,
  withDocumentsErased,
  type Projection,
} from '../projection';
import { erasedIncidentLookup, erasureCovers, reviewKeysOf } from '../erased-incident-lookup';

/** A learning item: its title sealed (the event's `{ titles }`, this item at `titleIndex`) or an old event's plaintext. */
export type LearningItemRow = {
  kind: string;
  address?: string;
  title: string | null;
  sealedTitles: unknown;
  titleIndex: number;
};

export type LearningRecommendationRow = {
  recommendationId: string;
  /** Plaintext from an event written before the text was sealed; null otherwise and once erased. */
  text: string | null;
  /** The sealed `{ text }` part; null for an old plaintext event and once erased. */
  sealedText: unknown;
  assignedAgency: string;
  madeOn: string;
};
export type LearningActionRow = {
  actionId: string;
  recommendationId: string;
  /** Plaintext from an event written before the text was sealed; null otherwise and once erased. */
  description: string | null;
  /** The sealed `{ description }` part; null for an old plaintext event and once erased. */
  sealedDescription: unknown;
  owner: string;
  dueOn: string;
  status: string;
  updatedOn: string;
  /** The latest progress note: plaintext (old events) or sealed `{ note }`; both null when none or erased. */
  note: string | null;
  sealedNote: unknown;
};
export type LearningPublicationRow = {
  publishedOn: string;
  caseName: string;
  publication: string;
  summary: string;
  learningThemes: string[];
  recommendations: string[];
  keywords: string[];
  documents: unknown[];
  reviewModel: string | null;
};

export type ReviewLearningRow = {
  review_id: string;
  /** local | national | partnership-review | multi-agency-learning-review | single-agency-review | thematic */
  kind: string;
  /** Null when the Panel owns the review (national, national thematic). */
  owner_partnership_id: string | null;
  partnership_ids: string[];
  concerned_partnership_ids: string[];
  referral_ids: string[];
  /** The incidents the review was commissioned on: an erasure of any of them blanks it (as the review's own does). */
  incident_ids: string[];
  linked_review_ids: string[];
  title: string | null;
  theme: string | null;
  status: 'commissioned' | 'published' | 'closed';
  commissioned_on: string;
  final_report_recipients: string[];
  final_report_submitted_on: string | null;
  publication: LearningPublicationRow | null;
  learning_items: LearningItemRow[];
  learning_themes: string[];
  recommendations: LearningRecommendationRow[];
  actions: LearningActionRow[];
  last_event_at: string;
  version: number;
};

const COMMISSIONS = new Set([
  'LocalReviewCommissioned',
  'NationalReviewCommissioned',
  'NonStatutoryReviewCommissioned',
  'ThematicReviewCommissioned',
]);

const commissioned = (
  type: string,
  d: Record<string, unknown>,
): Omit<ReviewLearningRow, 'last_event_at' | 'version'> => {
  const owner =
    type === 'NationalReviewCommissioned'
      ? null
      : type === 'ThematicReviewCommissioned' && d.partnershipId === 'national'
        ? null
        : requireString(d, 'partnershipId');
  const partnershipIds =
    type === 'LocalReviewCommissioned' || type === 'NonStatutoryReviewCommissioned'
      ? [owner!]
      : stringArray(d.partnershipIds);
  return {
    review_id: requireString(d, 'reviewId'),
    kind:
      type === 'LocalReviewCommissioned'
        ? 'local'
        : type === 'NationalReviewCommissioned'
          ? 'national'
          : type === 'ThematicReviewCommissioned'
            ? 'thematic'
            : requireString(d, 'kind'),
    owner_partnership_id: owner,
    partnership_ids: partnershipIds,
    concerned_partnership_ids: [],
    referral_ids: stringArray(d.referralIds),
    incident_ids: stringArray(d.incidentIds),
    linked_review_ids: stringArray(d.reviewIds),
    title: optionalString(d, 'title') ?? optionalString(d, 'caseName'),
    theme: optionalString(d, 'theme'),
    status: 'commissioned',
    commissioned_on: requireString(d, 'commissionedOn'),
    final_report_recipients: [],
    final_report_submitted_on: null,
    publication: null,
    learning_items: [],
    // A theme whose key is gone opens as "Details removed" (pseudonyms.ts): it is no learning theme.
    learning_themes:
      type === 'ThematicReviewCommissioned' && requireString(d, 'theme') !== DETAILS_REMOVED
        ? [requireString(d, 'theme')]
        : [],
    recommendations: [],
    actions: [],
  };
};

type Change = Partial<ReviewLearningRow>;

const changeOf = (
  row: ReviewLearningRow,
  type: string,
  d: Record<string, unknown>,
  personal: unknown,
): Change | null => {
  switch (type) {
    case 'ReviewConcernsPartnerships':
      return { concerned_partnership_ids: addUnique(row.concerned_partnership_ids, ...stringArray(d.partnershipIds)) };
    case 'LearningRecorded':
      return {
        learning_items: [
          ...row.learning_items,
          ...(Array.isArray(d.items) ? (d.items as Record<string, unknown>[]) : []).map((item, titleIndex) => ({
            kind: requireString(item, 'kind'),
            ...(typeof item.address === 'string' ? { address: item.address } : {}),
            title: optionalString(item, 'title'),
            sealedTitles: personal ?? null,
            titleIndex,
          })),
        ],
        learning_themes: addUnique(row.learning_themes, ...stringArray(d.themes)),
      };
    case 'RecommendationMade':
      return {
        recommendations: [
          ...row.recommendations.filter((r) => r.recommendationId !== d.recommendationId),
          {
            recommendationId: requireString(d, 'recommendationId'),
            text: optionalString(d, 'text'),
            sealedText: personal ?? null,
            assignedAgency: requireString(d, 'assignedAgency'),
            madeOn: requireString(d, 'madeOn'),
          },
        ],
      };
    case 'ActionAssigned':
      return {
        actions: [
          ...row.actions.filter((a) => a.actionId !== d.actionId),
          {
            actionId: requireString(d, 'actionId'),
            recommendationId: requireString(d, 'recommendationId'),
            description: optionalString(d, 'description'),
            sealedDescription: personal ?? null,
            owner: requireString(d, 'owner'),
            dueOn: requireString(d, 'dueOn'),
            status: requireString(d, 'status'),
            updatedOn: requireString(d, 'assignedOn'),
            note: null,
            sealedNote: null,
          },
        ],
      };
    case 'ActionProgressed': {
      const actionId = requireString(d, 'actionId');
      const action = row.actions.find((a) => a.actionId === actionId);
      if (!action) throw new ProjectionError('ActionProgressed for an action never assigned');
      // A new note (sealed, or plaintext from an old event) replaces the previous one; no note keeps it.
      const plainNote = optionalString(d, 'note');
      const noted = personal != null || plainNote !== null;
      const next = {
        ...action,
        owner: requireString(d, 'owner'),
        dueOn: requireString(d, 'dueOn'),
        status: requireString(d, 'status'),
        updatedOn: requireString(d, 'progressedOn'),
        note: noted ? plainNote : action.note,
        sealedNote: noted ? (personal ?? null) : action.sealedNote,
      };
      return { actions: row.actions.map((a) => (a.actionId === actionId ? next : a)) };
    }
    case 'FinalReportSubmitted':
      return {
        final_report_recipients: stringArray(d.recipients),
        final_report_submitted_on: requireString(d, 'submittedOn'),
      };
    case 'ReportPublished':
      return {
        status: row.status === 'closed' ? 'closed' : 'published',
        publication: {
          publishedOn: requireString(d, 'publishedOn'),
          // Published without a case name: the name or title the review was commissioned with.
          caseName: optionalString(d, 'caseName') ?? row.title ?? '',
          publication: requireString(d, 'publication'),
          summary: typeof d.summary === 'string' ? d.summary : '',
          learningThemes: stringArray(d.learningThemes),
          recommendations: stringArray(d.recommendations),
          keywords: stringArray(d.keywords),
          documents: Array.isArray(d.documents) ? d.documents : [],
          reviewModel: optionalString(d, 'reviewModel'),
        },
      };
    case 'ReviewClosed':
      return { status: 'closed' };
    case 'PersonalDataErased':
      // The sealed copies are noise already (the key is gone); blank them, and the plaintext of old events, too.
      return {
        title: row.title === null ? null : DETAILS_REMOVED,
        // Sealed under the review's key like the title: a rebuild after the erasure cannot open them either.
        theme: row.theme === null ? null : DETAILS_REMOVED,
        learning_themes: [],
        publication: row.publication && {
          ...row.publication,
          caseName: DETAILS_REMOVED,
          summary: '',
          // Sealed in ReportPublished too (the record's text): a rebuild after the erasure opens none of them.
          learningThemes: [],
          recommendations: [],
          keywords: [],
          documents: withDocumentsErased(row.publication.documents),
        },
        learning_items: row.learning_items.map((i) => ({ ...i, title: null, sealedTitles: null })),
        recommendations: row.recommendations.map((r) => ({ ...r, text: null, sealedText: null })),
        actions: row.actions.map((a) => ({
          ...a,
          description: null,
          sealedDescription: null,
          note: null,
          sealedNote: null,
        })),
      };
    default:
      return null;
  }
};

export const learningProjection: Projection<ReviewLearningRow> = {
  name: 'review-learning',
  table: 'read_models.review_learning',
  holdsOpenedPseudonyms: true,
  key: 'review_id',
  handles: new Set([
    ...COMMISSIONS,
    'ReviewConcernsPartnerships',
    'LearningRecorded',
    'RecommendationMade',
    'ActionAssigned',
    'ActionProgressed',
    'FinalReportSubmitted',
    'ReportPublished',
    'ReviewClosed',
    'PersonalDataErased',
  ]),
  // An incident's erasure destroys its reviews' keys too: it names the incident, and its reviews' rows are found by
  // content (erased-incident-lookup.ts), so their opened title, theme and learning themes go at once.
  keysOf: reviewKeysOf,
  ...erasedIncidentLookup,
  evolve: (rows, event) => {
    if (event.type === 'PersonalDataErased' && typeof event.data.reviewId !== 'string') {
      for (const [key, row] of [...rows.entries()]) {
        if (!erasureCovers(event, row)) continue;
        const change = changeOf(row, event.type, event.data, event.personal);
        rows.set(key, { ...row, ...change, last_event_at: occurredAtOf(event), version: row.version + 1 });
      }
      return;
    }
    const id = requireString(event.data, 'reviewId');
    const row = rows.get(id);
    if (COMMISSIONS.has(event.type)) {
      if (!row)
        rows.set(id, { ...commissioned(event.type, event.data), last_event_at: occurredAtOf(event), version: 1 });
      return;
    }
    if (!row && event.type === 'PersonalDataErased') return; // e.g. a historic listing entry: no learning row
    if (!row) throw new ProjectionError(`${event.type} for a review never commissioned`);
    const change = changeOf(row, event.type, event.data, event.personal);
    if (change) rows.set(id, { ...row, ...change, last_event_at: occurredAtOf(event), version: row.version + 1 });
  },
};
