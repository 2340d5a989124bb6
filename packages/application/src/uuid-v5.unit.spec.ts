import { describe, expect, it } from 'vitest';
import { uuidV5 } from './uuid-v5';

describe('uuidV5', () => {
  it('matches the RFC 4122 example for the DNS namespace', () => {
    // python: uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com')
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('is stable per name and differs between names', () => {
    expect(uuidV5('cmd-1/0')).toBe(uuidV5('cmd-1/0'));
    expect(uuidV5('cmd-1/0')).not.toBe(uuidV5('cmd-1/1'));
    expect(uuidV5('cmd-1/0')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
