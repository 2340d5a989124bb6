// Public surface of @cspr/read-models: migrations, the projections and their queries (one folder per query).
export { migrateReadModels, readModelMigrations, READ_MODELS_SCHEMA, READ_MODEL_TABLES } from './migrations';
export { projections } from './read-models';
export {
  prepareRebuildTables,
  readRebuildCheckpoint,
  swapInRebuiltTables,
  rebuildTableOf,
  REBUILD_SCHEMA,
  REBUILD_CHECKPOINT_NAME,
} from './rebuild-tables';
export { DOCUMENT_STORE_TABLES, withdrawErasedDocuments } from './withdrawn-documents';
export { applyBatch, toProjectedEvent, ProjectionHaltedError, type BatchOutcome, type DeadLetter } from './apply-batch';
export { clearPendingRewrites, readPendingRewrites, recordPendingRewrites } from './pending-rewrites';
export { createRebuildPipeline, type RebuildPipeline, type RebuildPipelineOptions } from './rebuild-pipeline';
export {
  readCheckpoint,
  advanceCheckpoint,
  finishRebuild,
  ensureCheckpoint,
  StaleCheckpointError,
  CHECKPOINT_NAME,
  type Checkpoint,
  claimCalendarVersion,
  calendarMismatchOf,
  type CalendarMismatch,
} from './checkpoint';
export {
  DETAILS_REMOVED,
  ProjectionError,
  type Projection,
  type ProjectedEvent,
  type ProjectionContext,
  type Rows,
} from './projection';
export { openPseudonyms, type OpenPseudonyms, type OpenedPseudonyms } from './pseudonyms';
export { MAX_PAGE_SIZE, InvalidCursorError, type Page } from './cursor';
export type { DeadlineView, TodayOptions } from './deadline-view';
export type { StoredDeadline } from './stored-deadlines';

export {
  getIncident,
  getIncidentByReference,
  listIncidents,
  countIncidents,
  incidentFigures,
  type IncidentView,
  type ListIncidentsOptions,
  type IncidentFilters,
  type IncidentOrder,
  type IncidentFigures,
} from './incidents/incidents-query';
export {
  INCIDENT_STATUSES,
  type IncidentStatus,
  type HistoryEntry,
  type HistoryChange,
  type MergedDuplicate,
  type SealedIncidentPersonal,
} from './incidents/incidents-projection';
export { getPanelQueue, type PanelQueueItem, type PanelQueueOptions } from './panel-queue/panel-queue-query';
export {
  getReview,
  getReviewByReference,
  listReviews,
  type ReviewView,
  type ListReviewsOptions,
} from './reviews/reviews-query';
export {
  REVIEW_STATUSES,
  type ReviewStatus,
  type ReviewDelay,
  type ReviewReviewer,
} from './reviews/reviews-projection';
export {
  listPublishedReports,
  countPublishedReports,
  type PublishedReportView,
  type ListPublishedReportsOptions,
} from './published-reports/published-reports-query';
export type { ListingKind, PublishedDocument } from './published-reports/published-reports-projection';
export { getPartnershipReviewsPage, findPublishedDocument } from './published-reports/partnership-reviews-page-query';
export type {
  PartnershipReviewEntry,
  PartnershipReviewsPage,
} from './published-reports/partnership-reviews-page-query';
export {
  getLiveStatistics,
  buildRelease,
  listReportingYears,
  loadNotificationFacts,
  type LiveStatistics,
} from './national-statistics/national-statistics-query';
export { statisticsYearOf } from './national-statistics/notification-facts-projection';
export type { Cell as StatisticsCell, NotificationFact } from './national-statistics/dfe-tables';
export { SUPPRESSED } from './national-statistics/disclosure-control';
export {
  buildReleaseFiles,
  releaseFileCsv,
  releaseMetadataCsv,
  RELEASE_FILE_COLUMNS,
  METHOD_VERSION,
  type ReleaseFileName,
} from './national-statistics/open-data';
export {
  listStatisticsReleases,
  getPublishedRelease,
  type StatisticsReleaseView,
} from './statistics-releases/statistics-releases-query';
export { getPartnership, listPartnerships, type PartnershipView } from './partnerships/partnerships-query';
export {
  getProjectorStatus,
  waitForPosition,
  LAG_COUNT_LIMIT,
  type ProjectorStatus,
  type ProjectorStatusOptions,
} from './projector-status/projector-status-query';
export { memoizeCalendar } from './memoized-calendar';
export {
  getReferral,
  listReferrals,
  countReferrals,
  type ReferralView,
  type ListReferralsOptions,
} from './referrals/referrals-query';
export type { ReferralStatus, ReferralOutcomeRow } from './referrals/referrals-projection';
export {
  getReviewLearning,
  listPartnershipReviews,
  searchLearningLibrary,
  countLearningLibrary,
  getRecurringThemes,
  listFinalReportsFor,
  type ReviewLearningView,
  type LearningActionView,
  type LearningLibraryRecord,
  type LearningLibraryOptions,
  type ListedBecause,
} from './learning/learning-query';
export { countOpenDeadlines, type DeadlineCount } from './open-deadlines/open-deadlines-query';
export {
  listErasureRequests,
  countErasureRequests,
  type ErasureRequestView,
  type ListErasureRequestsOptions,
} from './erasure-requests/erasure-requests-query';
export type { ErasureRequestStatus } from './erasure-requests/erasure-requests-projection';
export { grantsForSubject, listAccessGrants, type AccessGrantView } from './access-grants/access-grants-query';
