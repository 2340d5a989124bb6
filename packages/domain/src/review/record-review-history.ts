/**
 * Recording a review published before the platform, from the partnership's own listing. History, not process:
 * nothing is invented (no notification, commissioning date or clock), and the same listing entry recorded again
 * is no change, so the importer can run twice and write nothing new. A platform review is never overwritten.
 */
import { REVIEW_SCHEMA_VERSION, type HistoricDocument, type ReviewEvent } from './review-events';
import type { RecordReviewHistory } from './review-commands';
import type { ReviewState } from './review';
import { DOCUMENT_KINDS, REVIEW_LISTING_KINDS } from './review-vocabulary';
import { illegalState, validationError } from '../shared/domain-error';
import { requireActingFor } from '../shared/authorize';
import { optionalString, requireArray, requireInteger, requireOneOf, requireString } from '../shared/validate';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const parseDocument = (value: unknown, index: number): HistoricDocument => {
  const at = `documents.${index}`;
  if (value === null || typeof value !== 'object') throw validationError(at, `${at} must be a document record`);
  const input = value as HistoricDocument;
  const publishedMonth = input.publishedMonth ?? null;
  if (publishedMonth !== null && (typeof publishedMonth !== 'string' || !MONTH.test(publishedMonth))) {
    throw validationError(`${at}.publishedMonth`, `${at}.publishedMonth must be a month as YYYY-MM`);
  }
  const note = optionalString(input.note, `${at}.note`, 500);
  return {
    kind: requireOneOf(input.kind, `${at}.kind`, DOCUMENT_KINDS),
    title: requireString(input.title, `${at}.title`, 300),
    publishedMonth,
    ...(note ? { note } : {}),
  };
};

export const recordReviewHistory = (command: RecordReviewHistory, state: ReviewState): ReviewEvent[] => {
  const { data, context } = command;
  const partnershipId = requireString(data.partnershipId, 'partnershipId', 100);
  // The operator importing a partnership's page, or the partnership itself.
  if (context.actor.role !== 'admin')
    requireActingFor(context, 'partnership', partnershipId, 'record published history for this partnership');

  const documents = requireArray<HistoricDocument>(data.documents, 'documents', 1, 50).map(parseDocument);
  if (documents.every((d) => d.publishedMonth === null)) {
    throw validationError('documents', 'documents must give the month of at least one publication');
  }
  const entry = {
    reviewId: requireString(data.reviewId, 'reviewId', 100),
    partnershipId,
    listingKind: requireOneOf(data.listingKind, 'listingKind', REVIEW_LISTING_KINDS),
    caseName: requireString(data.caseName, 'caseName', 300),
    otherArea: optionalString(data.otherArea ?? undefined, 'otherArea', 200) ?? null,
    documents,
    listingPosition: requireInteger(data.listingPosition, 'listingPosition', 0, 1_000_000),
    source: requireOneOf(data.source, 'source', ['web-page-text', 'csv'] as const),
  };

  if (state.status !== 'none') {
    if (!state.historic)
      throw illegalState(`Review ${state.reviewId} is a review of the platform, not published history`);
    if (state.historic.partnershipId !== partnershipId)
      throw illegalState(`Review ${state.reviewId} is another partnership's history`);
    // The same case and documents again (from a second run, or from another of the partnership's pages that lists
    // it too): nothing new to record. Where it stood on the page is not news.
    const content = (e: typeof entry) => JSON.stringify([e.listingKind, e.caseName, e.otherArea, e.documents]);
    if (content(state.historic) === content(entry)) return [];
  }
  return [
    {
      type: 'HistoricReviewRecorded',
      schemaVersion: REVIEW_SCHEMA_VERSION,
      data: { ...entry, recordedAt: context.now },
    },
  ];
};
