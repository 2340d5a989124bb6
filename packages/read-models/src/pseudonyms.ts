/**
 * The projector opens one kind of sealed text: the pseudonyms of reviews (case name, titles, a thematic review's
 * theme, learning themes, a published record's text and its documents' titles). They are sealed under the review's
 * key in the log (domain review-events.ts), but lists, search, sorting, the Panel's recurring themes and public
 * pages need them as text, so they are opened here, once per event at projection time, and written into the event's
 * `data` exactly where events written before the sealing carried them in plaintext: projections read them the same
 * way for both. Once the review's key is destroyed (erasure) they open as what a read model keeps after an erasure
 * ("Details removed", no themes), so a rebuild after an erasure cannot bring them back (docs/adr/0003 amendment of
 * 2026-12-02).
 *
 * Only these event types are opened, and only the listed fields are taken from what opens: a child's personal
 * data (incident and referral streams) and the review free text the gateway opens per read stay sealed here.
 */
import type { RecordedEvent } from '@cspr/event-store';
import { DETAILS_REMOVED, withDocumentsErased } from './projection';

export type OpenedPseudonyms = { status: 'available'; value: unknown } | { status: 'erased' };

/**
 * Opens one sealed part under its subject's key (the vault's `open` fits). It may throw a typed error with a `code`
 * (`malformed`, `tampered`, `key_not_found`, `key_mismatch`: a part that can never open) or fail otherwise (the
 * database, the master key), which stops the batch: it is retried from the checkpoint.
 */
export type OpenPseudonyms = (subjectId: string, sealed: unknown) => Promise<OpenedPseudonyms>;

/** Per event type: the pseudonym fields of its sealed part, each with what a read model keeps once it is erased. */
const PSEUDONYM_FIELDS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  LocalReviewCommissioned: { caseName: DETAILS_REMOVED },
  NationalReviewCommissioned: { title: DETAILS_REMOVED },
  NonStatutoryReviewCommissioned: { title: DETAILS_REMOVED },
  ThematicReviewCommissioned: { title: DETAILS_REMOVED, theme: DETAILS_REMOVED },
  LearningRecorded: { themes: [] },
  // As the read models blank a published record on erasure (published-reports and learning projections). Its
  // documents' titles (`documentTitles`) go back into the documents rather than a field: documentsWithTitles.
  ReportPublished: {
    caseName: DETAILS_REMOVED,
    summary: '',
    learningThemes: [],
    recommendations: [],
    keywords: [],
  },
};

/** A part sealed for good but unreadable (corrupt, or moved from another subject) reads as erased: it never opens. */
const NEVER_OPENS = new Set(['malformed', 'tampered', 'key_not_found', 'key_mismatch']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isSealed = (personal: unknown): boolean => isObject(personal) && isObject(personal.sealed);

const subjectOf = (event: RecordedEvent): string | null => {
  const reviewId = isObject(event.data) ? event.data.reviewId : undefined;
  return typeof reviewId === 'string' && reviewId.length > 0 ? reviewId : null;
};

/**
 * A published report's documents keep kind and address in `data`; their titles are sealed (`documentTitles`, in the
 * same order) and go back into the documents, each as its `title`. Undefined: the documents stay as they are.
 */
const documentsWithTitles = (documents: unknown, opened: OpenedPseudonyms): unknown[] | undefined => {
  if (!Array.isArray(documents)) return undefined;
  // Erased: every title goes, also those an event sealed before the titles were still carries in plaintext.
  if (opened.status === 'erased') return withDocumentsErased(documents);
  const titles = isObject(opened.value) ? opened.value.documentTitles : undefined;
  if (!Array.isArray(titles)) return undefined; // sealed before the titles were: they are still in `data`
  return documents.map((document, index) =>
    isObject(document) && index < titles.length ? { ...document, title: titles[index] } : document,
  );
};

const openOne = async (event: RecordedEvent, subjectId: string, open: OpenPseudonyms): Promise<RecordedEvent> => {
  const stored = event.data as Record<string, unknown>;
  const fields = PSEUDONYM_FIELDS[event.type]!;
  let opened: OpenedPseudonyms;
  try {
    opened = await open(subjectId, stored.personal);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !NEVER_OPENS.has(code)) throw error;
    opened = { status: 'erased' };
  }
  const pseudonyms: Record<string, unknown> = {};
  if (opened.status === 'erased') Object.assign(pseudonyms, fields);
  else if (isObject(opened.value)) {
    // Only the pseudonym fields: anything else in the part (a learning item's titles) is not the projector's.
    for (const field of Object.keys(fields)) if (field in opened.value) pseudonyms[field] = opened.value[field];
  }
  if (event.type === 'ReportPublished') {
    const documents = documentsWithTitles(stored.documents, opened);
    if (documents) pseudonyms.documents = documents;
  }
  return { ...event, data: { ...stored, ...pseudonyms } };
};

/**
 * The batch with the review pseudonyms of its events opened into their `data`. Events of one review are opened one
 * after the other (the first fetches the review's key, the rest find it cached); different reviews in parallel.
 * Events with no sealed part (other types, or written before the sealing) are passed through untouched.
 */
export const openPseudonyms = async (events: RecordedEvent[], open: OpenPseudonyms): Promise<RecordedEvent[]> => {
  const byReview = new Map<string, number[]>();
  events.forEach((event, index) => {
    if (!(event.type in PSEUDONYM_FIELDS) || !isSealed((event.data as Record<string, unknown> | null)?.personal))
      return;
    const subjectId = subjectOf(event);
    if (subjectId === null) return;
    const indexes = byReview.get(subjectId);
    if (indexes) indexes.push(index);
    else byReview.set(subjectId, [index]);
  });
  if (byReview.size === 0) return events;
  const result = [...events];
  await Promise.all(
    [...byReview].map(async ([subjectId, indexes]) => {
      for (const index of indexes) result[index] = await openOne(events[index]!, subjectId, open);
    }),
  );
  return result;
};
