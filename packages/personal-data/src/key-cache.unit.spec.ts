import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKeyCache } from './key-cache';

afterEach(() => {
  vi.useRealTimers();
});

describe('key cache', () => {
  it('evicts the least recently used entry beyond capacity', () => {
    const cache = createKeyCache<number>(2, 60_000);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('forgets entries after the TTL and on delete; capacity 0 caches nothing', () => {
    vi.useFakeTimers();
    const cache = createKeyCache<number>(10, 1000);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.delete('b');
    expect(cache.get('b')).toBeUndefined();
    vi.advanceTimersByTime(999);
    expect(cache.get('a')).toBe(1);
    vi.advanceTimersByTime(1001);
    expect(cache.get('a')).toBeUndefined();
    const none = createKeyCache<number>(0, 1000);
    none.set('a', 1);
    expect(none.get('a')).toBeUndefined();
  });
});
