import { describe, expect, it } from 'vitest';
import { serverConnection } from './open-database';

describe('serverConnection', () => {
  it("moves libpq's socket folder out of the URL, where postgres.js would send it to the server as a setting", () => {
    expect(serverConnection('postgres://app@localhost:5433/cspr?host=/var/run/postgresql&sslmode=disable')).toEqual({
      url: 'postgres://app@localhost:5433/cspr?sslmode=disable',
      options: { host: '/var/run/postgresql' },
    });
  });

  it('leaves a TCP address, and a host parameter that is not a folder, as given', () => {
    for (const url of ['postgres://app@127.0.0.1:5432/cspr', 'postgres://app@db/cspr?host=db2'])
      expect(serverConnection(url)).toEqual({ url, options: {} });
  });
});
