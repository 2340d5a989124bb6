import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyFilter } from './key-filter';

describe('key filter', () => {
  it('never forgets a key it was given, and says "maybe" to few it was not', () => {
    const filter = createKeyFilter(2 ** 20);
    const added = Array.from({ length: 50_000 }, () => randomUUID());
    for (const key of added) filter.add(key);
    expect(added.every((key) => filter.mightHave(key))).toBe(true);
    const others = Array.from({ length: 50_000 }, () => randomUUID());
    const falseMaybes = others.filter((key) => filter.mightHave(key)).length;
    // 50,000 keys in 2^20 bits with four hashes: about 0.3% expected.
    expect(falseMaybes / others.length).toBeLessThan(0.01);
  });

  it('an empty filter has nothing', () => {
    const filter = createKeyFilter(64);
    expect(filter.mightHave('')).toBe(false);
    expect(filter.mightHave('incident-1')).toBe(false);
    filter.add('');
    expect(filter.mightHave('')).toBe(true);
  });
});
