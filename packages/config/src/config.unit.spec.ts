import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

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
});
