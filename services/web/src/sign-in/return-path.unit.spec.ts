import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('return paths after sign-in are local paths only', () => {
  it.each([
    ['/incidents/INC-1?tab=review', '/incidents/INC-1?tab=review'],
    ['/reviews', '/reviews'],
    // Encoded control characters stay encoded in the Location header: a harmless path on this site.
    ['/%0d%0aLocation:%20https://evil.example', '/%0d%0aLocation:%20https://evil.example'],
  ])('keeps %s', (given, expected) => expect(safeReturnPath(given)).toBe(expected));

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/ok\r\nSet-Cookie: x=1',
    'evil.example',
    '',
    '/sign-in?returnTo=/x',
    '/auth/callback?code=1',
    '/oidc/auth',
    undefined,
    42,
    ['/'],
    `/${'a'.repeat(3000)}`,
  ])('refuses %#', (given) => expect(safeReturnPath(given)).toBe('/'));
});
