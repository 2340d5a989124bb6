import { describe, expect, it } from 'vitest';
import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import { fromEsdbCurrentRevision, fromEsdbExpectedRevision, satisfies, toEsdbExpectedRevision } from './revisions';

describe('expected revisions, ours to the client and back', () => {
  it.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    [0n, 0n],
    [41n, 41n],
    [2n ** 63n - 1n, 2n ** 63n - 1n],
  ] as const)('%s <-> %s', (ours, theirs) => {
    expect(toEsdbExpectedRevision(ours)).toBe(theirs);
    expect(fromEsdbExpectedRevision(theirs)).toBe(ours);
  });

  it('reads the server wire codes a conflict may carry: -1 no stream, -2 any, -4 stream exists', () => {
    expect(fromEsdbExpectedRevision(-1n)).toBe('no_stream');
    expect(fromEsdbExpectedRevision(-2n)).toBe('any');
    expect(fromEsdbExpectedRevision(-4n)).toBe('stream_exists');
    expect(() => fromEsdbExpectedRevision(-3n)).toThrow(RangeError);
  });

  it('refuses a negative exact revision instead of sending it as a wire code', () => {
    expect(() => toEsdbExpectedRevision(-1n)).toThrow(RangeError);
  });

  it('maps the current revision of a conflict: no_stream (or negative) and exact', () => {
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBe('no_stream');
    expect(fromEsdbCurrentRevision(-1n)).toBe('no_stream');
    expect(fromEsdbCurrentRevision(0n)).toBe(0n);
    expect(fromEsdbCurrentRevision(12n)).toBe(12n);
  });

  it('knows which actual revision each expectation accepts', () => {
    expect(satisfies('any', 'no_stream')).toBe(true);
    expect(satisfies('any', 3n)).toBe(true);
    expect(satisfies('no_stream', 'no_stream')).toBe(true);
    expect(satisfies('no_stream', 0n)).toBe(false);
    expect(satisfies('stream_exists', 'no_stream')).toBe(false);
    expect(satisfies('stream_exists', 0n)).toBe(true);
    expect(satisfies(2n, 2n)).toBe(true);
    expect(satisfies(2n, 3n)).toBe(false);
    expect(satisfies(0n, 'no_stream')).toBe(false);
  });
});
