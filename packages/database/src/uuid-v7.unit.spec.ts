import { describe, expect, it } from 'vitest';
import { uuidV7, uuidV7Of, uuidV7Time } from './uuid-v7';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV7', () => {
  it('matches the RFC 9562 example layout (time 0x017F22E279B0)', () => {
    // RFC 9562 appendix A.6: 017F22E2-79B0-7CC3-98C4-DC0C0C07398F. The first 6 bytes given are replaced by the time.
    const rest = Buffer.from('ffffffffffff0cc318c4dc0c0c07398f', 'hex');
    expect(uuidV7Of(0x017f22e279b0, rest)).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
    expect(uuidV7Time('017f22e2-79b0-7cc3-98c4-dc0c0c07398f')).toBe(0x017f22e279b0);
  });

  it('is a v7 id that sorts by its time, as PostgreSQL compares uuids (bytewise)', () => {
    const ids = [1, 2, 1_000, 2 ** 40, Date.now()].map((t) => uuidV7(t));
    for (const id of ids) expect(id).toMatch(V7);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.map((id) => uuidV7Time(id))).toEqual([1, 2, 1_000, 2 ** 40, expect.any(Number)]);
  });

  it('reads the time of a text that starts with a v7 id, and of nothing else', () => {
    const id = uuidV7(1_700_000_000_000);
    expect(uuidV7Time(`${id}/follow-on`)).toBe(1_700_000_000_000);
    expect(uuidV7Time('6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBeUndefined();
    expect(uuidV7Time('2ed6657d-e927-568b-95e1-2665a8aea6a2')).toBeUndefined();
    expect(uuidV7Time('notify-42')).toBeUndefined();
  });

  it('refuses a time it cannot hold', () => {
    expect(() => uuidV7(-1)).toThrow(RangeError);
    expect(() => uuidV7(2 ** 48)).toThrow(RangeError);
  });
});
