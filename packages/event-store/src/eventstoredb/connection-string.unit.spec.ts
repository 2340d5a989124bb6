import { describe, expect, it } from 'vitest';
import { normaliseConnectionString, redactConnectionString } from './connection-string';

describe('connection strings', () => {
  it.each([
    ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ['esdb+discover://a:2113,b:2113', 'esdb+discover://a:2113,b:2113'],
    ['kurrentdb://admin:changeit@localhost:2113?tls=false', 'esdb://admin:changeit@localhost:2113?tls=false'],
    ['kurrentdb+discover://cluster.example:2113', 'esdb+discover://cluster.example:2113'],
    ['KurrentDB://localhost:2113', 'esdb://localhost:2113'],
    [' kurrent://localhost:2113 ', 'esdb://localhost:2113'],
  ])('%s is given to client 6.x as %s', (given, expected) => {
    expect(normaliseConnectionString(given)).toBe(expected);
  });

  it('refuses other schemes with a connection error', () => {
    expect(() => normaliseConnectionString('postgres://localhost/x')).toThrow(
      expect.objectContaining({ code: 'connection' }),
    );
    expect(() => normaliseConnectionString('localhost:2113')).toThrow(expect.objectContaining({ code: 'connection' }));
  });

  it('hides the password when shown', () => {
    expect(redactConnectionString('esdb://admin:changeit@host:2113?tls=true')).toBe(
      'esdb://admin:***@host:2113?tls=true',
    );
    expect(redactConnectionString('esdb://host:2113')).toBe('esdb://host:2113');
  });
});
