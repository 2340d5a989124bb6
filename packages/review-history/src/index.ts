export { readListing, normaliseLine } from './read-listing';
export type { ListedDocument, ListedReview, ListingLine, ListingReading } from './read-listing';
export { monthLabel } from './listing-words';
export type { ListingDocumentKind, ListingMonth, ListingReviewKind } from './listing-words';
export { readListingCsv } from './read-listing-csv';
export { applyImport, describePlan, planImport, readListingFile, HISTORY_IMPORT_ACTOR } from './import-plan';
export type { ImportOutcome, ImportPlan, PlannedReview } from './import-plan';
