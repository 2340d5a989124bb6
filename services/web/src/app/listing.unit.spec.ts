/** Lists a page at a time: the page asked for, the count line and the pagination never show an impossible range. */
import { describe, expect, it } from 'vitest';
import { lastPage, listCount, MAX_PAGE, pageFrom, pagination, pastLastPage } from './listing';

const query = (search: string) => new URLSearchParams(search);
const listing = (page: number, total: number, search = '') => ({
  path: '/learning',
  query: query(search),
  page,
  total,
  noun: 'reviews',
});

describe('pageFrom', () => {
  it('reads a whole page number', () => {
    expect(pageFrom(query('page=3'))).toBe(3);
    expect(pageFrom(query('page=%203%20'))).toBe(3);
  });
  it('answers the first page for an absent, empty, zero, negative or non-numeric page', () => {
    for (const asked of [
      '',
      'page=',
      'page=0',
      'page=-2',
      'page=abc',
      'page=2.5',
      'page=1e3',
      'page=0x10',
      'page=Infinity',
    ])
      expect(pageFrom(query(asked)), asked).toBe(1);
  });
  it('reads a huge page as the highest the gateway accepts, which is past the end of any list', () => {
    expect(pageFrom(query('page=99999999999999999999'))).toBe(MAX_PAGE);
    expect(pageFrom(query('page=10001'))).toBe(MAX_PAGE);
    expect(pastLastPage(listing(pageFrom(query('page=99999')), 28))).toBe('/learning?page=2');
  });
});

describe('lastPage', () => {
  it('is the number of pages, and 1 for an empty list', () => {
    expect(lastPage(0)).toBe(1);
    expect(lastPage(25)).toBe(1);
    expect(lastPage(26)).toBe(2);
    expect(lastPage(28, 10)).toBe(3);
  });
});

describe('pastLastPage', () => {
  it('is undefined for a page that exists', () => {
    expect(pastLastPage(listing(1, 0))).toBeUndefined();
    expect(pastLastPage(listing(2, 28))).toBeUndefined();
  });
  it('leads a page past the end to the last page, keeping the filters', () => {
    expect(pastLastPage(listing(5, 28, 'theme=neglect&page=5'))).toBe('/learning?theme=neglect&page=2');
    expect(pastLastPage(listing(3, 20, 'theme=neglect&page=3'))).toBe('/learning?theme=neglect');
    expect(pastLastPage(listing(2, 0, 'page=2'))).toBe('/learning');
  });
});

describe('listCount', () => {
  it('shows the range of the rows on the page and the true total', () => {
    expect(String(listCount(listing(1, 28)))).toContain('Showing 1 to 25 of 28 reviews');
    expect(String(listCount(listing(2, 28)))).toContain('Showing 26 to 28 of 28 reviews');
    expect(String(listCount(listing(1, 0)))).toContain('No reviews found');
  });
  it('says a page past the end is empty and links to the last page, never "Showing 101 to 28"', () => {
    const text = String(listCount(listing(5, 28, 'page=5')));
    expect(text).not.toContain('Showing');
    expect(text).toContain('There are no reviews on page 5.');
    expect(text).toContain('href="/learning?page=2"');
    expect(text).toContain('Go to the last page (page 2 of 2)');
  });
});

describe('pagination', () => {
  it('links every neighbouring page and marks the current one', () => {
    const text = String(pagination(listing(2, 80)));
    expect(text).toContain('href="/learning?page=3"');
    expect(text).toContain('aria-current="page"');
    expect(text).toContain('govuk-pagination__prev');
  });
  it('past the end, offers no next page, points "previous" at the last page and marks no page current', () => {
    const text = String(pagination(listing(9, 28, 'page=9')));
    expect(text).not.toContain('govuk-pagination__next');
    expect(text).not.toContain('aria-current');
    expect(text).not.toContain('page=8');
    expect(text).toContain('href="/learning?page=2"');
  });
  it('is nothing when everything fits on one page', () => {
    expect(String(pagination(listing(1, 25)))).toBe('');
  });
});
