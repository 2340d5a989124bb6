/**
 * The closed value lists of the review events as run-time arrays, for validation and the gateway's enums.
 */
import type {
  ActionStatus,
  DelayReason,
  DocumentKind,
  NonStatutoryReviewKind,
  ReportRecipient,
  ReviewEventType,
  ReviewKind,
  ReviewListingKind,
  ReviewModel,
} from './review-events';
import type { ReviewCommandType } from './review-commands';

type Exhaustive<T extends string, List extends readonly T[]> = [T] extends [List[number]] ? List : never;
const list =
  <T extends string>() =>
  <const L extends readonly T[]>(values: Exhaustive<T, L>) =>
    values;

export const NON_STATUTORY_REVIEW_KINDS = list<NonStatutoryReviewKind>()([
  'partnership-review',
  'multi-agency-learning-review',
  'single-agency-review',
]);
export const REVIEW_KINDS = list<ReviewKind>()(['local', 'national', ...NON_STATUTORY_REVIEW_KINDS, 'thematic']);
/** Every event type of the review stream, and every command `reviewDecider` takes. */
export const REVIEW_EVENT_TYPES = list<ReviewEventType>()([
  'LocalReviewCommissioned',
  'NationalReviewCommissioned',
  'NonStatutoryReviewCommissioned',
  'ThematicReviewCommissioned',
  'ReviewConcernsPartnerships',
  'ReviewerAppointed',
  'PublicationDelayed',
  'FinalReportSubmitted',
  'ReportPublished',
  'ActionPlanProgressRecorded',
  'ReviewClosed',
  'LearningRecorded',
  'RecommendationMade',
  'ActionAssigned',
  'ActionProgressed',
  'HistoricReviewRecorded',
  'ErasureRequested',
  'ErasureRequestCancelled',
  'PersonalDataErased',
]);
export const REVIEW_LISTING_KINDS = list<ReviewListingKind>()([
  'child-safeguarding-practice-review',
  'serious-case-review',
  'partnership-review',
  'thematic-review',
  'national-review',
]);
export const REVIEW_COMMAND_TYPES = list<ReviewCommandType>()([
  'CommissionLocalReview',
  'CommissionNationalReview',
  'CommissionNonStatutoryReview',
  'CommissionThematicReview',
  'NameConcernedPartnerships',
  'AppointReviewer',
  'DelayPublication',
  'SubmitFinalReport',
  'PublishReport',
  'RecordActionPlanProgress',
  'CloseReview',
  'RecordLearning',
  'AddRecommendation',
  'RecordActionForRecommendation',
  'UpdateActionStatus',
  'RecordReviewHistory',
  'RequestErasure',
  'ApproveErasure',
  'CancelErasureRequest',
]);
export const DELAY_REASONS = list<DelayReason>()(['criminal-proceedings', 'inquest', 'family-wishes', 'other']);
export const REPORT_RECIPIENTS = list<ReportRecipient>()(['panel', 'dfe']);
export const DOCUMENT_KINDS = list<DocumentKind>()([
  'overview-report',
  'executive-summary',
  'learning-summary',
  'press-statement',
  'agency-response',
  'action-plan',
  'progress-report',
  'accessible-summary',
  'summary-for-children',
  'recommendations',
]);
export const REVIEW_MODELS = list<ReviewModel>()([
  'lcspr',
  'national',
  'systems-learning',
  'appreciative-inquiry',
  'other',
]);
export const ACTION_STATUSES = list<ActionStatus>()(['not-started', 'in-progress', 'completed', 'overdue']);
export const PUBLICATION_KINDS = ['full-report', 'improvements-only'] as const;
export const REVIEW_CLOSE_REASONS = ['completed', 'superseded', 'withdrawn'] as const;

/** Upper bound of incidents in one review: a thematic national review may gather many cases. */
export const MAX_INCIDENTS_PER_REVIEW = 200;
