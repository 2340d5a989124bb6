/**
 * Published reports: what partnership pages list (case name, documents with kind, title and address, date) and
 * the NSPCC record fields. One row per review from its commissioning, so publication needs nothing from other
 * read models; the row is listed once `published_on` is set. Everything here is public and pseudonymised.
 */
import { optionalString, requireString, stringArray, ProjectionError, type Projection } from '../projection';

export type PublishedDocument = { kind: string; title: string; address: string; checksum?: string };

export type PublishedReportRow = {
  review_id: string;
  kind: 'local' | 'national';
  /** The commissioning partnership (local reviews); null for national reviews. */
  partnership_id: string | null;
  partnership_ids: string[];
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
};

/** The NSPCC record links to the full report when there is one, else the first document. */
const linkOf = (documents: PublishedDocument[]): string | null =>
  (documents.find((d) => d.kind === 'overview-report') ?? documents[0])?.address ?? null;

const documentsOf = (value: unknown): PublishedDocument[] => {
  if (!Array.isArray(value)) return [];
  return value.map((item, index) => {
    const d = item as Record<string, unknown>;
    if (typeof d.kind !== 'string' || typeof d.title !== 'string' || typeof d.address !== 'string') {
      throw new ProjectionError(`ReportPublished document ${index} lacks kind, title or address`);
    }
    return { kind: d.kind, title: d.title, address: d.address, ...(typeof d.checksum === 'string' ? { checksum: d.checksum } : {}) };
  });
};

export const publishedReportsProjection: Projection<PublishedReportRow> = {
  name: 'published-reports',
  table: 'read_models.published_reports',
  key: 'review_id',
  // Non-statutory and thematic reviews (issue 9) publish too: listed as local (partnership-owned) or national.
  handles: new Set(['LocalReviewCommissioned', 'NationalReviewCommissioned', 'NonStatutoryReviewCommissioned', 'ThematicReviewCommissioned', 'ReportPublished']),
  keysOf: (event) => [requireString(event.data, 'reviewId')],
  evolve: (rows, event) => {
    const d = event.data;
    const id = requireString(d, 'reviewId');
    if (event.type !== 'ReportPublished') {
      const local = event.type === 'LocalReviewCommissioned' || event.type === 'NonStatutoryReviewCommissioned'
        || (event.type === 'ThematicReviewCommissioned' && d.partnershipId !== 'national');
      rows.set(id, {
        review_id: id,
        kind: local ? 'local' : 'national',
        partnership_id: local ? requireString(d, 'partnershipId') : null,
        partnership_ids: local ? [requireString(d, 'partnershipId')] : stringArray(d.partnershipIds),
        title: optionalString(d, 'title'),
        case_name: optionalString(d, 'caseName'),
        published_on: null, year: null, publication: null, documents: [], summary: null, themes: [], recommendations: [],
        keywords: [], review_model: null, link: null, search_text: null,
      });
      return;
    }
    const row = rows.get(id);
    if (!row) throw new ProjectionError('ReportPublished for a review never commissioned');
    const publishedOn = requireString(d, 'publishedOn');
    const documents = documentsOf(d.documents);
    const caseName = requireString(d, 'caseName');
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
      search_text: [caseName, row.title ?? '', summary, ...themes, ...keywords, ...recommendations, ...documents.map((doc) => doc.title)].join('\n').toLowerCase(),
    });
  },
};
