import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digestEvent } from './log-digest';

describe('canonical JSON for the checksum', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('is the same for the same data in jsonb key order and in written order', () => {
    const written = { zeta: 1, alpha: { list: ['två', 1.5] }, note: 'ŵ ✓ "q"' };
    const jsonbOrder = { note: 'ŵ ✓ "q"', zeta: 1, alpha: { list: ['två', 1.5] } };
    expect(canonicalJson(written)).toBe(canonicalJson(jsonbOrder));
  });

  it('drops undefined properties as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });
});

describe('event digest', () => {
  const hashOf = (events: { eventId: string; type: string; data: Record<string, unknown> }[]) => {
    const hash = createHash('sha256');
    for (const event of events) digestEvent(hash, event);
    return hash.digest('hex');
  };
  const a = { eventId: '3F1C2D4E-5A6B-4C7D-8E9F-0A1B2C3D4E5F', type: 'IncidentNotified', data: { n: 1 } };
  const b = { eventId: '00000000-0000-4000-8000-000000000001', type: 'NotificationAmended', data: { n: 2 } };

  it('depends on order, ids, types and data; not on id case', () => {
    expect(hashOf([a, b])).not.toBe(hashOf([b, a]));
    expect(hashOf([a])).not.toBe(hashOf([{ ...a, type: 'Other' }]));
    expect(hashOf([a])).not.toBe(hashOf([{ ...a, data: { n: 2 } }]));
    expect(hashOf([a])).toBe(hashOf([{ ...a, eventId: a.eventId.toLowerCase() }]));
  });
});
