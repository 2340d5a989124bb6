import { describe, expect, it } from 'vitest';
import { atomOf, pageSections } from './partnership-reviews';
import { listingLine } from './reports';

/** An erased review's listing: its stored file withdrawn (no address), its link to the partnership's site kept. */
const entry = {
  reviewId: 'r-1',
  listingKind: 'CHILD_SAFEGUARDING_PRACTICE_REVIEW',
  caseName: 'Details removed',
  publishedOn: '2026-03-20',
  otherArea: null,
  historic: false,
  documents: [
    {
      kind: 'OVERVIEW_REPORT',
      title: 'Details removed',
      address: null,
      publishedMonth: null,
      note: null,
      withdrawn: true,
    },
    {
      kind: 'ACCESSIBLE_SUMMARY',
      title: 'Details removed',
      address: 'https://leeds.example/easy-read.pdf',
      publishedMonth: null,
      note: null,
      withdrawn: false,
    },
  ],
};

describe('a withdrawn document on the public pages', () => {
  it('is said to be removed, by its kind, with no link; the partnership’s own address stays a link', () => {
    const [section] = pageSections({ partnershipId: 'leeds', name: 'Leeds', own: [entry], mentioning: [] });
    expect(section!.cases[0]!.documents).toEqual([
      { text: 'Details removed – Overview report (document removed) – March 2026', href: undefined, note: null },
      {
        text: 'Details removed – Details removed – March 2026',
        href: 'https://leeds.example/easy-read.pdf',
        note: null,
      },
    ]);
    expect(listingLine(entry, entry.documents[0]!)).toBe(
      'Details removed – Overview report (document removed) – March 2026',
    );
  });

  it('is listed without a link in the Atom feed', () => {
    const atom = atomOf({
      id: 'urn:test',
      title: 'Reviews',
      pageUrl: 'https://cspr.example/partnerships/leeds/reviews',
      selfUrl: 'https://cspr.example/partnerships/leeds/reviews.atom',
      author: 'Leeds',
      baseUrl: 'https://cspr.example',
      entries: [{ ...entry, area: 'Leeds' }],
    });
    expect(atom).toContain('Overview report (document removed)');
    expect(atom).not.toContain('/documents/');
    expect(atom).toContain('https://leeds.example/easy-read.pdf');
  });
});
