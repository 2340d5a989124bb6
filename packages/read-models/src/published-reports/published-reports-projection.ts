/**
 * Published reports: what partnership pages list (case name, documents with kind, title and address, date) and
 * the NSPCC record fields. One row per review from its commissioning, so publication needs nothing from other
 * read models; the row is listed once `published_on` is set. Reviews published before the platform come in as
 * HistoricReviewRecorded and are listed the same way, grouped under the kind of review their page listed them
 * under. Everything here is public and pseudonymised; what is typed (names, text, documents' titles) is opened
 * from the review's sealed part by the projector (pseudonyms.ts) and blanked when the review is erased.
 */
import {
  addUnique,
  DETAILS_REMOVED,
  optionalString,
  requireString,
  stringArray,
  ProjectionError,
  withDocumentsErased,
  type Projection,
} from '../projection';
import { erasedIncidentLookup, erasureCovers, reviewKeysOf } from '../erased-incident-lookup';
import { DOCUMENT_STORE_TABLES, withdrawErasedDocuments } from '../withdrawn-documents';

/** Batches that can change which stored files only erased reviews reference. */
const WITHDRAWS_FILES = new Set(['PersonalDataErased', 'ReportPublished']);

export type PublishedDocument = {
  kind: string;
  title: string;
  /** Where the file is served; absent for a historic document whose file the platform does not hold. */
  address?: string;
  /** SHA-256 of the file, hex: for a stored document also its id under /documents/. */
  checksum?: string;
  /** Month of publication, YYYY-MM, where it differs from the report's or the report has only months. */
  published?: string;
  note?: string;
  /** A stored file withdrawn by the review's erasure: no address, its bytes deleted (projection.ts withDocumentsErased). */
  withdrawn?: true;
};

/** The headings partnership pages group their reviews under. */
export type ListingKind =
  | 'child-safeguarding-practice-review'
  | 'serious-case-review'
  | 'partnership-review'
  | 'thematic-review'
  | 'national-review';

export type PublishedReportRow = {
  review_id: string;
  kind: 'local' | 'national';
  /** The commissioning partnership (local reviews); null for national reviews. */
  partnership_id: string | null;
  partnership_ids: string[];
  /** The incidents the review was commissioned on: an erasure of any of them removes its details (as the review's). */
  incident_ids: string[];
  title: string | null;
  case_name: string | null;
  published_on: string | null;
  year: number | null;
  publication: string | null;
  documents: PublishedDocument[];
  summary: string | null;
  themes: string[];
  recommendations: string[];
  keywords: string[];
  review_model: string | null;
  link: string | null;
  search_text: string | null;
  listing_kind: ListingKind;
  /** Another area's review that a partnership's page lists because it mentions its services (e.g. "Harrow …"). */
  other_area: string | null;
  /** Partnerships a review concerns (ReviewConcernsPartnerships): their pages list it as mentioning them. */
  concerned_ids: string[];
  /** Recorded from a page of published history: no statutory clocks ran, dates are months. */
  historic: boolean;
  /** Where a historic review stood on its page, to keep the page's order among reviews of the same month. */
  listing_position: number | null;
};

/** The NSPCC record links to the full report when there is one, else the first document. */
const linkOf = (documents: PublishedDocument[]): string | null =>
  (documents.find((d) => d.kind === 'overview-report' && d.address) ?? documents.find((d) => d.address))?.address ??
  null;

const documentsOf = (value: unknown): PublishedDocument[] => {
  if (!Array.isArray(value)) return [];
  return value.map((item, index) => {
    const d = item as Record<string, unknown>;
    if (typeof d.kind !== 'string' || typeof d.title !== 'string') {
      throw new ProjectionError(`Published document ${index} lacks a kind or title`);
    }
    return {
      kind: d.kind,
      title: d.title,
      ...(typeof d.address === 'string' ? { address: d.address } : {}),
      ...(typeof d.checksum === 'string' ? { checksum: d.checksum } : {}),
      ...(typeof d.publishedMonth === 'string' ? { published: d.publishedMonth } : {}),
      ...(typeof d.note === 'string' ? { note: d.note } : {}),
      ...(d.withdrawn === true ? { withdrawn: true as const } : {}),
    };
  });
};

export const publishedReportsProjection: Projection<PublishedReportRow> = {
  name: 'published-reports',
  table: 'read_models.published_reports',
  holdsOpenedPseudonyms: true,
  key: 'review_id',
  // Non-statutory and thematic reviews (issue 9) publish too: listed as local (partnership-owned) or national.
  handles: new Set([
    'LocalReviewCommissioned',
    'NationalReviewCommissioned',
    'NonStatutoryReviewCommissioned',
    'ThematicReviewCommissioned',
    'ReportPublished',
    'HistoricReviewRecorded',
    'ReviewConcernsPartnerships',
    'PersonalDataErased',
  ]),
  // An incident's erasure names the incident, not its reviews: they are found by content (erased-incident-lookup.ts).
  keysOf: reviewKeysOf,
  ...erasedIncidentLookup,
  // The bytes of a file only erased reviews reference are deleted with the rows that withdraw it (withdrawn-documents.ts).
  afterBatch: async (tx, events) => {
    if (!events.some((event) => WITHDRAWS_FILES.has(event.type))) return [];
    const removed = await withdrawErasedDocuments(tx, { storedBefore: events.at(-1)!.recordedAt });
    return removed.length > 0 ? DOCUMENT_STORE_TABLES : [];
  },
  evolve: (rows, event) => {
    const d = event.data;
    if (event.type === 'PersonalDataErased') {
      for (const [key, row] of [...rows.entries()])
        if (erasureCovers(event, row)) rows.set(key, withDetailsRemoved(row));
      return;
    }
    const id = requireString(d, 'reviewId');
    if (event.type === 'HistoricReviewRecorded') {
      rows.set(id, historicRow(id, d));
      return;
    }
    if (event.type === 'ReviewConcernsPartnerships') {
      const row = rows.get(id);
      if (!row) throw new ProjectionError('ReviewConcernsPartnerships for a review never commissioned');
      rows.set(id, { ...row, concerned_ids: addUnique(row.concerned_ids ?? [], ...stringArray(d.partnershipIds)) });
      return;
    }
    if (event.type !== 'ReportPublished') {
      const local =
        event.type === 'LocalReviewCommissioned' ||
        event.type === 'NonStatutoryReviewCommissioned' ||
        (event.type === 'ThematicReviewCommissioned' && d.partnershipId !== 'national');
      rows.set(id, {
        review_id: id,
        kind: local ? 'local' : 'national',
        partnership_id: local ? requireString(d, 'partnershipId') : null,
        partnership_ids: local ? [requireString(d, 'partnershipId')] : stringArray(d.partnershipIds),
        incident_ids: stringArray(d.incidentIds),
        title: optionalString(d, 'title'),
        case_name: optionalString(d, 'caseName'),
        published_on: null,
        year: null,
        publication: null,
        documents: [],
        summary: null,
        themes: [],
        recommendations: [],
        keywords: [],
        review_model: null,
        link: null,
        search_text: null,
        listing_kind: listingKindOf(event.type, d),
        other_area: null,
        historic: false,
        listing_position: null,
        concerned_ids: [],
      });
      return;
    }
    const row = rows.get(id);
    if (!row) throw new ProjectionError('ReportPublished for a review never commissioned');
    const publishedOn = requireString(d, 'publishedOn');
    const documents = documentsOf(d.documents);
    // Published without a case name: the one the review was commissioned with (the event does not copy it).
    const caseName = optionalString(d, 'caseName') ?? row.case_name ?? row.title ?? '';
    const summary = optionalString(d, 'summary') ?? '';
    const themes = stringArray(d.learningThemes);
    const recommendations = stringArray(d.recommendations);
    const keywords = stringArray(d.keywords);
    // A republication (a corrected report, an added document) replaces the record: pages list the current set.
    rows.set(id, {
      ...row,
      case_name: caseName,
      published_on: publishedOn,
      year: Number(publishedOn.slice(0, 4)),
      publication: requireString(d, 'publication'),
      documents,
      summary,
      themes,
      recommendations,
      keywords,
      review_model: optionalString(d, 'reviewModel'),
      link: linkOf(documents),
      search_text: searchTextOf([
        caseName,
        row.title ?? '',
        summary,
        ...themes,
        ...keywords,
        ...recommendations,
        ...documents.map((doc) => doc.title),
      ]),
    });
  },
};

const searchTextOf = (parts: string[]): string => parts.join('\n').toLowerCase();

/**
 * A published review stays listed (reference, kind, partnership, dates, links to the partnership's own documents),
 * but the platform's copy of its case name, title, summary, recommendations, keywords and documents' titles is gone
 * after an erasure, and with them everything it was searched by.
 */
const withDetailsRemoved = (row: PublishedReportRow): PublishedReportRow => ({
  ...row,
  case_name: row.case_name === null ? null : DETAILS_REMOVED,
  title: row.title === null ? null : DETAILS_REMOVED,
  summary: row.summary === null ? null : '',
  // The record's themes and its documents' titles are sealed with its text (ReportPublished): a rebuild after the
  // erasure opens none.
  themes: [],
  recommendations: [],
  keywords: [],
  documents: withDocumentsErased(row.documents),
  // The link went with a withdrawn file's address: the next document the record lists, if any.
  link: linkOf(withDocumentsErased(row.documents)),
  search_text: row.search_text === null ? null : '',
});

const listingKindOf = (type: string, d: Record<string, unknown>): ListingKind => {
  if (type === 'LocalReviewCommissioned') return 'child-safeguarding-practice-review';
  if (type === 'NationalReviewCommissioned') return d.thematic === true ? 'thematic-review' : 'national-review';
  if (type === 'ThematicReviewCommissioned') return 'thematic-review';
  return 'partnership-review';
};

const LISTING_KINDS: readonly ListingKind[] = [
  'child-safeguarding-practice-review',
  'serious-case-review',
  'partnership-review',
  'thematic-review',
  'national-review',
];

const historicRow = (id: string, d: Record<string, unknown>): PublishedReportRow => {
  const listingKind = requireString(d, 'listingKind') as ListingKind;
  if (!LISTING_KINDS.includes(listingKind))
    throw new ProjectionError('HistoricReviewRecorded with an unknown kind of review');
  const partnershipId = requireString(d, 'partnershipId');
  const caseName = requireString(d, 'caseName');
  const documents = documentsOf(d.documents);
  // A historic page gives months only: the review is dated by its latest document, on the first of that month.
  const latest = documents
    .map((doc) => doc.published)
    .filter((m): m is string => !!m)
    .sort()
    .at(-1);
  if (!latest) throw new ProjectionError('HistoricReviewRecorded without a dated document');
  return {
    review_id: id,
    kind: listingKind === 'national-review' ? 'national' : 'local',
    partnership_id: partnershipId,
    partnership_ids: [partnershipId],
    incident_ids: [],
    title: null,
    case_name: caseName,
    published_on: `${latest}-01`,
    year: Number(latest.slice(0, 4)),
    publication: 'full-report',
    documents,
    summary: null,
    themes: [],
    recommendations: [],
    keywords: [],
    review_model: null,
    link: linkOf(documents),
    search_text: searchTextOf([caseName, ...documents.map((doc) => doc.title)]),
    listing_kind: listingKind,
    other_area: optionalString(d, 'otherArea'),
    historic: true,
    concerned_ids: [],
    listing_position: typeof d.listingPosition === 'number' ? d.listingPosition : null,
  };
};
