import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, InvalidCursorError, pageSize, toPage } from './cursor';

describe('cursor pagination', () => {
  it('first is capped at 100, at least 1, default 20', () => {
    expect([pageSize(undefined), pageSize(0), pageSize(-5), pageSize(7.9), pageSize(1000)]).toEqual([
      20, 20, 1, 7, 100,
    ]);
  });

  it('a cursor is opaque base64 and round-trips its key', () => {
    const cursor = encodeCursor(['2025-06-04T10:15:00.000Z', 'i-1']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 2)).toEqual(['2025-06-04T10:15:00.000Z', 'i-1']);
  });

  it('anything else is a validation error naming the field', () => {
    for (const bad of ['', 'nonsense', encodeCursor(['only-one']), encodeCursor([1, 2])]) {
      expect(() => decodeCursor(bad, 2)).toThrow(InvalidCursorError);
    }
    expect(new InvalidCursorError()).toMatchObject({ code: 'validation', field: 'after' });
  });

  it('a page of size n from n + 1 rows says there is a next page and ends at the nth', () => {
    const page = toPage(
      [1, 2, 3],
      2,
      10,
      (n) => n * 10,
      (n) => [String(n)],
    );
    expect(page).toEqual({ items: [10, 20], hasNextPage: true, endCursor: encodeCursor(['2']), totalCount: 10 });
    expect(
      toPage(
        [],
        2,
        0,
        (n: number) => n,
        (n) => [String(n)],
      ),
    ).toEqual({ items: [], hasNextPage: false, endCursor: null, totalCount: 0 });
  });
});
