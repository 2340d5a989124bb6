import { describe, expect, it } from 'vitest';
import { editionInForceFor, guidanceEditionInForce } from './guidance-editions';

describe('guidanceEditionInForce', () => {
  it('gives the edition in force on a date, changing on each in-force day', () => {
    expect(guidanceEditionInForce('2018-06-29')).toBe('working-together-2018');
    expect(guidanceEditionInForce('2023-12-14')).toBe('working-together-2018');
    expect(guidanceEditionInForce('2023-12-15')).toBe('working-together-2023');
    expect(guidanceEditionInForce('2025-05-31')).toBe('working-together-2023');
    expect(guidanceEditionInForce('2025-06-01')).toBe('panel-guidance-2025');
    expect(guidanceEditionInForce('2026-03-10')).toBe('panel-guidance-2025');
  });

  it('refuses a date before any edition', () => {
    expect(() => guidanceEditionInForce('2018-06-28')).toThrow(expect.objectContaining({ code: 'validation' }));
  });

  it('reads versioned data: a corrected in-force date is a data change', () => {
    const periods = [{ edition: 'working-together-2023', inForceFrom: '2024-01-01' }] as const;
    expect(guidanceEditionInForce('2024-01-01', periods)).toBe('working-together-2023');
  });
});

describe('editionInForceFor', () => {
  it('takes the edition in force when none is given, or the same one', () => {
    expect(editionInForceFor(undefined, '2024-03-01')).toBe('working-together-2023');
    expect(editionInForceFor('panel-guidance-2025', '2026-03-10')).toBe('panel-guidance-2025');
  });

  it('refuses another edition than the one in force', () => {
    expect(() => editionInForceFor('working-together-2018', '2026-03-10')).toThrow(
      expect.objectContaining({ code: 'validation', field: 'guidanceEdition' }),
    );
  });
});
