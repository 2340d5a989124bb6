import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import type { AppendExpectedRevision, CurrentRevision } from '@eventstore/db-client';
import type { ExpectedRevision } from '../event-store';

/** Our expected revision as the client wants it. The names are the same; only the constants differ in spelling. */
export const toEsdbExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (expected < 0n) throw new RangeError(`Expected revision must be >= 0, got ${expected}`);
      return expected;
  }
};

/**
 * Back again. The server reports "expected" in its wire form too: -1 no stream, -2 any, -4 stream exists
 * (EventStoreDB's ExpectedVersion constants), which a `WrongExpectedVersionError` may carry as a bigint.
 */
export const fromEsdbExpectedRevision = (expected: AppendExpectedRevision): ExpectedRevision => {
  if (expected === ANY || expected === -2n) return 'any';
  if (expected === NO_STREAM || expected === -1n) return 'no_stream';
  if (expected === STREAM_EXISTS || expected === -4n) return 'stream_exists';
  if (typeof expected === 'bigint' && expected >= 0n) return expected;
  throw new RangeError(`Not an expected revision: ${String(expected)}`);
};

/** The stream's actual revision from a conflict: `no_stream` or its last event's revision. */
export const fromEsdbCurrentRevision = (current: CurrentRevision): bigint | 'no_stream' =>
  current === NO_STREAM || (typeof current === 'bigint' && current < 0n) ? 'no_stream' : current;

/**
 * Would appending at `expected` succeed on a stream whose last revision is `actual`? Used to decide, after a
 * re-append was found to be a repeat, whether the first append is what the caller is retrying.
 */
export const satisfies = (expected: ExpectedRevision, actual: bigint | 'no_stream'): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
};
