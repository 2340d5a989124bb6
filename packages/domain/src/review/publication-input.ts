/**
 * Checks the published report (documents and NSPCC record fields) and action plan progress. Which of it is sealed
 * (its free text and titles, review-events.ts) is the decider's to say; errors name fields, never values.
 */
import type { ActionPlanProgressRecorded, ActionPlanText, PublishedDocument } from './review-events';
import type { ActionProgress, PublishReport } from './review-commands';
import { ACTION_STATUSES, DOCUMENT_KINDS, PUBLICATION_KINDS, REVIEW_MODELS } from './review-vocabulary';
import { validationError } from '../shared/domain-error';
import {
  FREE_TEXT_MAX,
  optionalDate,
  requireArray,
  requireDistinct,
  requireHttpsUrl,
  requireOneOf,
  requireString,
} from '../shared/validate';

const CHECKSUM_PATTERN = /^[0-9a-f]{64}$/;

/** Where the platform serves a document it stores: its SHA-256 is its name. */
export const storedDocumentAddress = (sha256: string): string => `/documents/${sha256}`;

const parseDocument = (value: unknown, index: number): PublishedDocument => {
  const at = `documents.${index}`;
  if (value === null || typeof value !== 'object') throw validationError(at, `${at} must be a document record`);
  const input = value as PublishedDocument;
  const checksum = requireString(input.checksum, `${at}.checksum`, 64);
  if (!CHECKSUM_PATTERN.test(checksum))
    throw validationError(`${at}.checksum`, `${at}.checksum must be a sha256 digest in lowercase hex`);
  return {
    kind: requireOneOf(input.kind, `${at}.kind`, DOCUMENT_KINDS),
    title: requireString(input.title, `${at}.title`),
    // A file stored in the platform is addressed by its content; anything else is published elsewhere, over https.
    address:
      input.address === storedDocumentAddress(checksum)
        ? input.address
        : requireHttpsUrl(input.address, `${at}.address`),
    checksum,
  };
};

const texts = (value: unknown, field: string, min: number): string[] =>
  requireArray<string>(value, field, min, 100).map((t, i) => requireString(t, `${field}.${i}`, 2000));

/**
 * A full report must include the overview report itself; an improvements-only publication (partners judged the
 * full report inappropriate) needs some document but not the overview.
 */
export const parsePublication = (data: PublishReport['data']) => {
  const publication = requireOneOf(data.publication, 'publication', PUBLICATION_KINDS);
  const documents = requireArray<PublishedDocument>(data.documents, 'documents', 1, 50).map(parseDocument);
  requireDistinct(documents, 'documents', (d) => d.address);
  if (publication === 'full-report' && !documents.some((d) => d.kind === 'overview-report')) {
    throw validationError('documents', 'documents must include the overview-report when the full report is published');
  }
  return {
    publication,
    documents,
    summary: requireString(data.summary, 'summary', FREE_TEXT_MAX),
    learningThemes: texts(data.learningThemes, 'learningThemes', 0),
    recommendations: texts(data.recommendations, 'recommendations', 0),
    keywords: texts(data.keywords, 'keywords', 0),
    reviewModel: requireOneOf(data.reviewModel, 'reviewModel', REVIEW_MODELS),
  };
};

export const parseActions = (
  value: unknown,
): (ActionPlanProgressRecorded['data']['actions'][number] & ActionPlanText)[] => {
  const actions = requireArray<ActionProgress>(value, 'actions', 1, 500).map((input, index) => {
    const at = `actions.${index}`;
    if (input === null || typeof input !== 'object') throw validationError(at, `${at} must be an action record`);
    const dueOn = optionalDate(input.dueOn, `${at}.dueOn`);
    return {
      actionRef: requireString(input.actionRef, `${at}.actionRef`, 50),
      description: requireString(input.description, `${at}.description`, 5000),
      owner: requireString(input.owner, `${at}.owner`),
      ...(dueOn !== undefined ? { dueOn } : {}),
      status: requireOneOf(input.status, `${at}.status`, ACTION_STATUSES),
    };
  });
  requireDistinct(actions, 'actions', (a) => a.actionRef);
  return actions;
};
