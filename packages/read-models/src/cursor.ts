/** Opaque cursors for keyset pagination: base64url of the sort key of the last item returned. */

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** `totalCount` is null when the caller did not ask for it (counting is a second scan of every matching row). */
export type Page<T> = { items: T[]; hasNextPage: boolean; endCursor: string | null; totalCount: number | null };

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  readonly code = 'validation';
  readonly field = 'after';
  constructor() {
    super('after is not a cursor returned by this list');
  }
}

/** `first` capped at 100, at least 1; default 20. */
export const pageSize = (first: number | undefined): number =>
  Math.max(1, Math.min(MAX_PAGE_SIZE, Math.trunc(first ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE));

export const encodeCursor = (key: (string | number)[]): string =>
  Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** Decodes a cursor holding `length` string parts. */
export const decodeCursor = (cursor: string, length: number): string[] => {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === length && parts.every((p) => typeof p === 'string'))
      return parts as string[];
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
};

/** Splits the `size + 1` rows fetched into a page. */
export const toPage = <Row, T>(
  rows: Row[],
  size: number,
  totalCount: number | null,
  map: (row: Row) => T,
  keyOf: (row: Row) => string[],
): Page<T> => {
  const pageRows = rows.slice(0, size);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    hasNextPage: rows.length > size,
    endCursor: last ? encodeCursor(keyOf(last)) : null,
    totalCount,
  };
};
