import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireSignInConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database on port 4000 with no Kafka', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, dataDir: './.data', eventStore: 'postgres', production: false });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.kafkaBrokers).toBeUndefined();
  });

  it('splits KAFKA_BROKERS on commas', () => {
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' }).kafkaBrokers).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });

  it('refuses half an OIDC configuration and production without one', () => {
    expect(() => loadConfig({ AUTH_ISSUER: 'https://login.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', CSPR_MASTER_KEY: 'x' })).toThrow(/AUTH_ISSUER/);
  });

  it('reads the sign-in settings, and production pages refuse to start without a provider and a session secret', () => {
    expect(loadConfig({}).signIn).toEqual(expect.objectContaining({ timeoutMinutes: 30, issuer: undefined }));
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.example.gov.uk/realms/cspr' })).toThrow(/OIDC_ISSUER and OIDC_CLIENT_ID/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    const production = { NODE_ENV: 'production', AUTH_ISSUER: 'https://id.example', AUTH_AUDIENCE: 'cspr', AUTH_JWKS_URL: 'https://id.example/jwks', CSPR_MASTER_KEY: 'k' };
    expect(() => requireSignInConfig(loadConfig(production))).toThrow(ConfigError);
    const complete = loadConfig({
      ...production, OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'cspr-web', OIDC_CLIENT_SECRET: 's', SESSION_SECRET: 'x'.repeat(32),
      SESSION_TIMEOUT_MINUTES: '20', SESSION_COOKIE_SECURE: 'true',
    });
    expect(() => requireSignInConfig(complete)).not.toThrow();
    expect(complete.signIn).toMatchObject({ clientId: 'cspr-web', timeoutMinutes: 20, secureCookies: true });
  });
});
