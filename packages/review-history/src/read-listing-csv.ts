/**
 * Reads a listing kept as a spreadsheet: one row per document, with a header naming the columns (any order, any
 * case): `kind` (the heading the page lists it under, e.g. "Serious Case Reviews"), `case`, `document` (its title),
 * `date` ("September 2019" or "2019-09"; empty when unknown) and optionally `note` and `other_area`. Rows that cannot
 * be placed are returned with their line number and reason, as for a page's text.
 */
import { parse } from 'csv-parse/sync';
import { documentKindOf, monthOf, sectionKindOf } from './listing-words';
import type { ListedReview, ListingReading } from './read-listing';
import { normaliseLine } from './read-listing';

const REQUIRED = ['kind', 'case', 'document', 'date'] as const;

const monthOfCell = (cell: string) => {
  const iso = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(cell);
  return iso ? { year: Number(iso[1]), month: Number(iso[2]) } : monthOf(cell);
};

export const readListingCsv = (text: string): ListingReading => {
  const reading: ListingReading = { reviews: [], emptyKinds: [], understood: [], notPlaced: [] };
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true, trim: true });
  } catch (error) {
    reading.notPlaced.push({ line: 1, text: '', reason: `not a CSV file: ${(error as Error).message}` });
    return reading;
  }
  const header = (rows[0] ?? []).map((cell) => cell.toLowerCase().replace(/\s+/g, '_'));
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    reading.notPlaced.push({ line: 1, text: header.join(','), reason: `the header lacks: ${missing.join(', ')}` });
    return reading;
  }
  reading.understood.push({ line: 1, text: header.join(','), reason: 'column heading' });
  const at = (row: string[], column: string) => normaliseLine(row[header.indexOf(column)] ?? '');
  const byKey = new Map<string, ListedReview>();

  rows.slice(1).forEach((row, index) => {
    const line = index + 2;
    if (row.every((cell) => cell.trim() === '')) return;
    const text = row.join(',');
    const kindCell = at(row, 'kind');
    const kind = sectionKindOf(kindCell) ?? sectionKindOf(`${kindCell.replace(/-/g, ' ')}s`);
    const caseName = at(row, 'case');
    const title = at(row, 'document');
    const dateCell = at(row, 'date');
    const published = dateCell ? monthOfCell(dateCell) : null;
    const documentKind = documentKindOf(title);
    const reason = !kind
      ? `no known kind of review in "${kindCell}"`
      : !caseName
        ? 'no case'
        : !documentKind
          ? `no known kind of document in "${title}"`
          : published === undefined
            ? `not a month: "${dateCell}"`
            : undefined;
    if (reason || !kind || !documentKind || published === undefined) {
      reading.notPlaced.push({ line, text, reason: reason ?? 'unreadable row' });
      return;
    }
    const otherArea = header.includes('other_area') ? at(row, 'other_area') || undefined : undefined;
    const key = `${kind}|${caseName.toLowerCase()}|${otherArea ?? ''}`;
    let review = byKey.get(key);
    if (!review) {
      review = { caseName, kind, documents: [], ...(otherArea ? { otherArea } : {}) };
      byKey.set(key, review);
      reading.reviews.push(review);
    }
    const note = header.includes('note') ? at(row, 'note') : '';
    review.documents.push({ kind: documentKind, title, published, line, ...(note ? { note } : {}) });
  });
  return reading;
};
