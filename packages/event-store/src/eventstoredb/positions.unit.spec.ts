import { describe, expect, it } from 'vitest';
import { START } from '@eventstore/db-client';
import { EventStoreError, LOG_START } from '../event-store';
import { fromEsdbPosition, isAfter, readPositionAfter } from './positions';

describe('log positions', () => {
  it('are the commit and prepare positions of $all, bigints beyond 2^53 intact', () => {
    const big = { commit: 2n ** 60n + 7n, prepare: 2n ** 60n + 3n };
    expect(fromEsdbPosition(big, 'event')).toEqual(big);
  });

  it('missing on a record (server older than 22.6) is a typed error', () => {
    const error = (() => {
      try {
        fromEsdbPosition(undefined, 'Event at s@1');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EventStoreError);
    expect(error).toMatchObject({ code: 'invalid_position' });
  });

  it('reading after nothing or after LOG_START starts at the beginning of $all', () => {
    expect(readPositionAfter(undefined)).toBe(START);
    expect(readPositionAfter(LOG_START)).toBe(START);
    expect(readPositionAfter({ commit: 10n, prepare: 8n })).toEqual({ commit: 10n, prepare: 8n });
  });

  it('after is strict and compares commit first, then prepare', () => {
    const at = { commit: 10n, prepare: 8n };
    expect(isAfter(at, undefined)).toBe(true);
    expect(isAfter(at, at)).toBe(false);
    expect(isAfter({ commit: 10n, prepare: 9n }, at)).toBe(true);
    expect(isAfter({ commit: 11n, prepare: 0n }, at)).toBe(true);
    expect(isAfter({ commit: 9n, prepare: 99n }, at)).toBe(false);
  });
});
