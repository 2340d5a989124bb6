import { describe, expect, it } from 'vitest';
import { readListingCsv } from './read-listing-csv';

describe('reading a listing kept as CSV', () => {
  it('reads rows in any column order into cases and documents, keeping an empty date empty', () => {
    const reading = readListingCsv(
      [
        'Case,Kind,Document,Date,Note',
        'Child M,Serious Case Reviews,Overview Report,September 2019,',
        'Child M,Serious Case Reviews,Executive Summary,2019-09,',
        '"Child Q & S",Practice reviews,Learning Summary,,"Updated 14.03.15, clarified"',
      ].join('\n'),
    );
    expect(reading.notPlaced).toEqual([]);
    expect(
      reading.reviews.map((r) => [r.caseName, r.kind, r.documents.map((d) => [d.kind, d.published, d.note ?? null])]),
    ).toEqual([
      [
        'Child M',
        'serious-case-review',
        [
          ['overview-report', { year: 2019, month: 9 }, null],
          ['executive-summary', { year: 2019, month: 9 }, null],
        ],
      ],
      [
        'Child Q & S',
        'child-safeguarding-practice-review',
        [['learning-summary', null, 'Updated 14.03.15, clarified']],
      ],
    ]);
  });

  it('names the row and the reason for every row it cannot place, and a header it cannot use', () => {
    const reading = readListingCsv(
      [
        'kind,case,document,date',
        'Leaflets,Child A,Overview Report,May 2018',
        'Serious case reviews,Child B,Minutes,May 2018',
        'Serious case reviews,Child C,Overview Report,Spring 2018',
      ].join('\n'),
    );
    expect(reading.notPlaced.map((l) => [l.line, l.reason])).toEqual([
      [2, 'no known kind of review in "Leaflets"'],
      [3, 'no known kind of document in "Minutes"'],
      [4, 'not a month: "Spring 2018"'],
    ]);
    expect(readListingCsv('case,title\nChild M,Overview').notPlaced[0]!.reason).toBe(
      'the header lacks: kind, document, date',
    );
  });
});
