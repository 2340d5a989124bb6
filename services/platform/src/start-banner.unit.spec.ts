import { describe, expect, it } from 'vitest';
import { startBanner } from './start-banner';

describe('the npm start banner', () => {
  it('sends people to sign in at the pages with a development account; tokens are for API clients', () => {
    const banner = startBanner({ port: 4000, embeddedDataDir: './.data' });
    const lines = banner.split('\n');
    expect(lines[1]).toBe('CSPR is running. Sign in at http://localhost:4000/');
    expect(banner).toContain('pick a development account');
    expect(banner).not.toMatch(/get a token/i);
    expect(lines.findIndex((l) => l.includes('npm run token'))).toBeGreaterThan(
      lines.findIndex((l) => l.includes('API clients')),
    );
    expect(banner).toContain('embedded PGlite in ./.data');
    expect(banner).toContain('Kafka relay: off');
  });

  it("names the organisation's provider when one is configured", () => {
    const banner = startBanner({
      port: 4100,
      kafkaBrokers: ['127.0.0.1:9092'],
      signInIssuer: 'https://login.example.gov.uk/realms/cspr',
    });
    expect(banner).toContain('Sign in at http://localhost:4100/');
    expect(banner).toContain("your organisation's account at https://login.example.gov.uk/realms/cspr");
    expect(banner).not.toContain('development account');
    expect(banner).toContain('PostgreSQL server (DATABASE_URL)');
    expect(banner).toContain('Kafka relay: 127.0.0.1:9092');
  });
});
