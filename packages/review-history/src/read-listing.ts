/**
 * Reads the text of a partnership's review page into cases and documents, and says which lines it could not place.
 * Real pages mix two layouts: "Child M – OSCB Overview Report – September 2019" (case, document, date) and a
 * date column, "June 2017 Executive Summary for Baby E", whose date carries to the undated lines below it. Nothing
 * is guessed silently: every inference (a thematic review named by its title, another area's review) is stated.
 */
import {
  documentKindOf,
  isProseHeading,
  leadingMonthOf,
  looksLikeCaseName,
  monthOf,
  sectionKindOf,
  type ListingDocumentKind,
  type ListingMonth,
  type ListingReviewKind,
} from './listing-words';

export type ListedDocument = {
  kind: ListingDocumentKind;
  /** The document's title as the page gives it, without the publishing body's acronym ("OSCB"). */
  title: string;
  /** Month of publication; null when the page gives none (reported, never invented). */
  published: ListingMonth | null;
  /** What the page adds after the date, e.g. "Updated 14.03.15 with clarification …". */
  note?: string;
  line: number;
};

export type ListedReview = {
  caseName: string;
  kind: ListingReviewKind;
  /** Another area's review listed because it mentions this partnership's services, e.g. "Harrow". */
  otherArea?: string;
  /** Why the kind or name was inferred rather than read, when it was. */
  inferred?: string;
  documents: ListedDocument[];
};

export type ListingLine = { line: number; text: string; reason: string };

export type ListingReading = {
  reviews: ListedReview[];
  /** Kinds the page says it has none of ("There are no partnership review reports at this time"). */
  emptyKinds: ListingReviewKind[];
  /** Lines understood as headings or notes, not documents. */
  understood: ListingLine[];
  /** Lines the reader could not place: printed by the importer so a person can act on them. */
  notPlaced: ListingLine[];
};

const SEPARATOR = ' – ';

/** Non-breaking spaces, runs of spaces and the three dashes used as separators become one form. */
export const normaliseLine = (raw: string): string =>
  raw
    .replace(/[\u00a0\u2009\u202f]/g, ' ')
    .replace(/\s+[–—-]\s+/g, SEPARATOR)
    .replace(/\s+/g, ' ')
    .trim();

const ACRONYM_PREFIX = /^[A-Z]{2,6}\s+(?=\S)/;
const withoutBody = (title: string): string => {
  const stripped = title.replace(ACRONYM_PREFIX, '');
  return documentKindOf(stripped) ? stripped : title;
};

const OTHER_AREA_TITLE = /^([A-Z][A-Za-z' ]+?)\s+(SCR|serious case review)$/i;
const OTHER_AREA_NOTE =
  /conducted by (?:the )?([A-Z][A-Za-z' ]+? Safeguarding (?:Children|Childrens'?) (?:Board|Partnership))/;
const EMPTY_KIND = /^there are no .+ at this time\.?$/i;
const COLUMN_HEADING = /^date\s+publication$/i;
const FOR_CASE = /^(.+?)\s+(?:for|re|regarding|about)\s+(.+?)(?:\s+with\s+(.+))?$/i;

type DocumentLine = { caseName?: string; title: string; published: ListingMonth | null; note?: string };

/** Splits a line into case, title, date and note, in either layout; undefined when it is not a document line. */
const readDocumentLine = (body: string, carriedMonth: ListingMonth | null): DocumentLine | undefined => {
  const segments = body
    .split(SEPARATOR)
    .map((segment) => segment.trim())
    .filter(Boolean);
  const dateAt = segments.findIndex((segment) => monthOf(segment));
  if (dateAt > 0) {
    const before = segments.slice(0, dateAt);
    const note = segments.slice(dateAt + 1).join(SEPARATOR) || undefined;
    const published = monthOf(segments[dateAt]!)!;
    const after = segments.slice(dateAt + 1);
    // "Child T – March 2018 – Overview Report": the date between the case and the document.
    if (before.length === 1 && after.length > 0 && documentKindOf(after[0]!) && !documentKindOf(before[0]!)) {
      const rest = after.slice(1).join(SEPARATOR);
      return { caseName: before[0]!, title: after[0]!, published, ...(rest ? { note: rest } : {}) };
    }
    if (before.length === 1) return { title: before[0]!, published, ...(note ? { note } : {}) };
    return { caseName: before[0]!, title: before.slice(1).join(SEPARATOR), published, ...(note ? { note } : {}) };
  }
  if (segments.length >= 2) {
    const first = segments[0]!;
    const last = segments[segments.length - 1]!;
    if (looksLikeCaseName(first))
      return { caseName: first, title: segments.slice(1).join(SEPARATOR), published: carriedMonth };
    if (looksLikeCaseName(last))
      return { caseName: last, title: segments.slice(0, -1).join(SEPARATOR), published: carriedMonth };
  }
  const forCase = FOR_CASE.exec(body);
  if (forCase && looksLikeCaseName(forCase[2]!)) {
    return {
      caseName: forCase[2]!,
      title: forCase[1]!,
      published: carriedMonth,
      ...(forCase[3] ? { note: `with ${forCase[3]}` } : {}),
    };
  }
  return undefined;
};

export const readListing = (text: string): ListingReading => {
  const reading: ListingReading = { reviews: [], emptyKinds: [], understood: [], notPlaced: [] };
  const byKey = new Map<string, ListedReview>();
  let section: ListingReviewKind | undefined;
  let carriedMonth: ListingMonth | null = null;
  let lastReview: ListedReview | undefined;

  const reviewFor = (caseName: string, kind: ListingReviewKind, extra: Partial<ListedReview> = {}): ListedReview => {
    const key = `${kind}|${caseName.toLowerCase()}|${extra.otherArea ?? ''}`;
    let review = byKey.get(key);
    if (!review) {
      review = { caseName, kind, documents: [], ...extra };
      byKey.set(key, review);
      reading.reviews.push(review);
    }
    return review;
  };

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const text = normaliseLine(raw);
    if (!text) return;
    if (isProseHeading(text)) {
      section = undefined;
      reading.notPlaced.push({ line, text, reason: 'text outside the lists of reviews' });
      return;
    }
    const headingKind = sectionKindOf(text);
    if (headingKind) {
      section = headingKind;
      carriedMonth = null;
      reading.understood.push({ line, text, reason: `heading: ${headingKind}` });
      return;
    }
    if (!section) {
      reading.notPlaced.push({ line, text, reason: 'text outside the lists of reviews' });
      return;
    }
    if (EMPTY_KIND.test(text)) {
      if (!reading.emptyKinds.includes(section)) reading.emptyKinds.push(section);
      reading.understood.push({ line, text, reason: `none of this kind: ${section}` });
      return;
    }
    if (COLUMN_HEADING.test(text)) {
      reading.understood.push({ line, text, reason: 'column heading' });
      return;
    }
    const area = OTHER_AREA_NOTE.exec(text);
    if (area && lastReview?.otherArea) {
      lastReview.otherArea = area[1]!;
      reading.understood.push({ line, text, reason: `another area's review: ${area[1]}` });
      return;
    }

    const lead = leadingMonthOf(text);
    if (lead) carriedMonth = lead.month;
    const body = lead?.rest ?? text;
    const document = readDocumentLine(body, carriedMonth);

    if (document?.caseName) {
      const title = withoutBody(document.title);
      const otherArea = OTHER_AREA_TITLE.exec(title)?.[1];
      const kind = documentKindOf(title);
      if (!kind) {
        reading.notPlaced.push({ line, text, reason: `no known kind of document in "${title}"` });
        return;
      }
      const review = reviewFor(document.caseName, section, otherArea ? { otherArea } : {});
      review.documents.push({
        kind,
        title,
        published: document.published,
        line,
        ...(document.note ? { note: document.note } : {}),
      });
      lastReview = review;
      return;
    }
    if (lead && !document && !documentKindOf(body)) {
      // A dated entry that names no child and no document is a review known by its title, such as
      // "Child Sexual Exploitation in Buckinghamshire 1998 – 2016": a thematic review with one report.
      const review = reviewFor(body, 'thematic-review', {
        inferred: 'named by its title with no child named: taken as thematic',
      });
      review.documents.push({ kind: 'overview-report', title: body, published: lead.month, line });
      lastReview = review;
      return;
    }
    reading.notPlaced.push({ line, text, reason: 'not a case, document and date that could be read' });
  });
  return reading;
};
