import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readListing, type ListingReading } from './read-listing';

// The three partnership pages of shared/seed-pages, copied here as test input (public pages, as text).
const seedPage = (name: string): ListingReading =>
  readListing(readFileSync(new URL(`./seed-pages/${name}.txt`, import.meta.url), 'utf8'));

const outline = (reading: ListingReading) =>
  reading.reviews.map((review) => ({
    case: review.caseName,
    kind: review.kind,
    documents: review.documents.map(
      (d) =>
        `${d.kind} ${d.published ? `${d.published.year}-${String(d.published.month).padStart(2, '0')}` : 'undated'}`,
    ),
  }));

describe('reading the Oxfordshire serious case reviews page', () => {
  const reading = seedPage('oxfordshire-serious-case-reviews');

  it('finds every case with every document, in the order of the page, and invents none', () => {
    expect(outline(reading)).toEqual([
      {
        case: 'Child M',
        kind: 'serious-case-review',
        documents: [
          'overview-report 2019-09',
          'executive-summary 2019-09',
          'learning-summary 2019-09',
          'press-statement 2019-09',
        ],
      },
      {
        case: 'Child A and Child B',
        kind: 'serious-case-review',
        documents: [
          'overview-report 2017-03',
          'executive-summary 2017-03',
          'learning-summary 2017-03',
          'press-statement 2017-03',
        ],
      },
      {
        case: 'Child Q',
        kind: 'serious-case-review',
        documents: ['overview-report 2017-01', 'press-statement 2017-01', 'progress-report 2017-01'],
      },
      {
        case: 'Baby L',
        kind: 'serious-case-review',
        documents: ['overview-report 2016-09', 'press-statement 2016-09'],
      },
      {
        case: 'Child J',
        kind: 'serious-case-review',
        documents: [
          'overview-report 2016-02',
          'executive-summary 2016-02',
          'press-statement 2016-02',
          'progress-report 2016-02',
        ],
      },
      {
        case: 'Children A-F',
        kind: 'serious-case-review',
        documents: [
          'overview-report 2015-03',
          'accessible-summary 2015-03',
          'summary-for-children 2015-03',
          'recommendations 2015-03',
          'press-statement 2015-03',
          'agency-response undated',
          'press-statement 2015-03',
        ],
      },
    ]);
  });

  it('keeps what the page adds after a date as a note, and the title without the board acronym', () => {
    const overview = reading.reviews.find((r) => r.caseName === 'Children A-F')!.documents[0]!;
    expect(overview.title).toBe('Overview Report');
    expect(overview.note).toMatch(/^Updated 14\.03\.15 with clarification/);
  });

  it('knows the page has no partnership reviews, and reports the prose it did not place', () => {
    expect(reading.emptyKinds).toEqual(['partnership-review']);
    expect(reading.notPlaced.map((l) => l.text)).toContain('Toggle Contrast');
    expect(reading.notPlaced.every((l) => !/OSCB (Overview|Executive|Press)/.test(l.text))).toBe(true);
  });
});

describe('reading the Oxfordshire practice reviews page', () => {
  it('groups cases under the kind of review the page lists them under', () => {
    expect(
      outline(seedPage('oxfordshire-practice-reviews')).map((r) => `${r.kind}: ${r.case} (${r.documents.length})`),
    ).toEqual([
      'child-safeguarding-practice-review: Jacob (3)',
      'serious-case-review: Child R (3)',
      'serious-case-review: Child K (3)',
      'serious-case-review: Child M (4)',
    ]);
  });
});

describe('reading the Buckinghamshire page, dates in a column before the titles', () => {
  const reading = seedPage('buckinghamshire-serious-case-reviews');

  it('carries a date to the undated lines below it and finds the case before or after the title', () => {
    const babyE = reading.reviews.find((r) => r.caseName === 'Baby E')!;
    expect(babyE.documents.map((d) => [d.kind, d.title, d.published])).toEqual([
      ['executive-summary', 'Executive Summary', { year: 2017, month: 6 }],
      ['overview-report', 'Overview Report', { year: 2017, month: 6 }],
      ['agency-response', 'Agency statements', { year: 2017, month: 6 }],
    ]);
    expect(reading.reviews.find((r) => r.caseName === 'Baby K')!.documents.map((d) => d.kind)).toEqual([
      'overview-report',
      'executive-summary',
      'agency-response',
    ]);
  });

  it("names another area's review that mentions the partnership's services", () => {
    const harrow = reading.reviews.find((r) => r.caseName === 'Baby F')!;
    expect(harrow.otherArea).toBe('Harrow Safeguarding Children Board');
    expect(harrow.documents).toHaveLength(1);
  });

  it('takes a dated entry that names no child as a thematic review, and says it inferred that', () => {
    const theme = reading.reviews.find((r) => r.kind === 'thematic-review')!;
    expect(theme.caseName).toBe('Child Sexual Exploitation in Buckinghamshire 1998 – 2016');
    expect(theme.inferred).toMatch(/thematic/);
  });

  it('finds all twenty-three entries of the list (fifteen cases) and nothing else', () => {
    expect(reading.reviews.map((r) => r.caseName)).toEqual([
      'Baby Q',
      'Baby E',
      'Child Sexual Exploitation in Buckinghamshire 1998 – 2016',
      'Baby M',
      'Baby F',
      'Baby L',
      'Baby K',
      'Young Person J',
      'Young Person G',
      'Baby D',
      'Child F',
      'Child C',
      'Child W',
      'Young Person B',
      'Child Z',
    ]);
    expect(reading.reviews.flatMap((r) => r.documents)).toHaveLength(23);
  });
});

describe('awkward lines of our own', () => {
  const read = (...lines: string[]) => readListing(['Child Safeguarding Practice Review Reports', ...lines].join('\n'));

  it('reads a date between the case and the document, and a date with a colon in the column', () => {
    const reading = read('Child T – March 2018 – Executive Summary', 'May 2018: Overview Report for Child T');
    expect(reading.reviews).toHaveLength(1);
    expect(reading.reviews[0]!.documents.map((d) => [d.kind, d.published])).toEqual([
      ['executive-summary', { year: 2018, month: 3 }],
      ['overview-report', { year: 2018, month: 5 }],
    ]);
  });

  it('keeps "Child Q & S" and "Children A-F" whole, with any dash and spacing', () => {
    const reading = read('Executive Summary - Child Q & S', 'Children A-F —  Learning Briefing  –  June 2020');
    expect(reading.reviews.map((r) => r.caseName)).toEqual(['Child Q & S', 'Children A-F']);
    expect(reading.reviews[1]!.documents[0]!.kind).toBe('learning-summary');
  });

  it('does not place a line it cannot read, and says so with the line number', () => {
    const reading = read('Child P – Briefing notes for the board – July 2019', 'Please contact us for older reports.');
    expect(reading.reviews).toEqual([]);
    expect(reading.notPlaced.map((l) => l.line)).toEqual([2, 3]);
  });

  it('gives no date where the page gives none instead of guessing one', () => {
    const reading = read('Child N – Overview Report');
    expect(reading.reviews[0]!.documents[0]!.published).toBeNull();
  });
});
