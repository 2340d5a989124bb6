import { describe, expect, it } from 'vitest';
import { CONFIG_DOCS, ConfigError, loadConfig, requireSignInConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database on port 4000 with no Kafka', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      dataDir: './.data',
      eventStore: 'postgres',
      production: false,
      environment: 'development',
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.kafkaBrokers).toBeUndefined();
  });

  it('splits KAFKA_BROKERS on commas', () => {
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' }).kafkaBrokers).toEqual([
      '127.0.0.1:9092',
      '127.0.0.1:9093',
    ]);
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ RELAY_BATCH_SIZE: '-1' })).toThrow(/RELAY_BATCH_SIZE/);
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });

  it('refuses half an OIDC configuration and production without one', () => {
    expect(() => loadConfig({ AUTH_ISSUER: 'https://login.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', CSPR_MASTER_KEY: 'x' })).toThrow(/AUTH_ISSUER/);
  });

  it('refuses a NODE_ENV other than production, development or test, naming it', () => {
    for (const value of ['Production', 'prod', 'staging', 'PRODUCTION ']) {
      expect(() => loadConfig({ NODE_ENV: value })).toThrow(/NODE_ENV: must be one of production, development, test/);
    }
    expect(loadConfig({ NODE_ENV: 'test' }).environment).toBe('test');
  });

  it('binds development servers to 127.0.0.1 unless HOST says otherwise; production to every interface', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    const production = {
      NODE_ENV: 'production',
      CSPR_MASTER_KEY: 'x',
      AUTH_ISSUER: 'https://i.example',
      AUTH_AUDIENCE: 'a',
      AUTH_JWKS_URL: 'https://i.example/jwks',
    };
    expect(loadConfig(production).host).toBe('0.0.0.0');
    expect(loadConfig({ ...production, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });

  it('reads the service variables the mains used to read themselves, an empty value meaning unset', () => {
    const config = loadConfig({
      RELAY_TOPIC: '',
      RELAY_BATCH_SIZE: '50',
      CSPR_ADMIN_USER_IDS: 'a-1, a-2',
      PROJECTOR_PORT: '5001',
    });
    expect(config.relay).toMatchObject({
      topic: 'cspr.notifications.v1',
      name: 'ofsted-feed',
      batchSize: 50,
      port: 4002,
    });
    expect(config.adminUserIds).toEqual(['a-1', 'a-2']);
    expect(config.projectorPort).toBe(5001);
    expect(config.readiness).toEqual({ maxProjectorLagSeconds: 30, maxRelayLagSeconds: 60 });
  });

  it('refuses symmetric token algorithms', () => {
    expect(() => loadConfig({ AUTH_ALGORITHMS: 'RS256,HS256' })).toThrow(/asymmetric/);
  });

  it("reads the organisation's claims and which organisation is which partnership", () => {
    expect(loadConfig({}).claimMapping).toEqual({ organisationPartnerships: {} });
    expect(
      loadConfig({
        AUTH_ORGANISATION_CLAIM: 'organisation.id',
        AUTH_ROLE_CLAIM: 'roles',
        AUTH_ORGANISATION_PARTNERSHIPS: 'org-leeds=leeds, 9188040d = kent',
      }).claimMapping,
    ).toEqual({
      organisationClaim: 'organisation.id',
      roleClaim: 'roles',
      organisationPartnerships: { 'org-leeds': 'leeds', '9188040d': 'kent' },
    });
    expect(() => loadConfig({ AUTH_ORGANISATION_CLAIM: 'tid', AUTH_ORGANISATION_PARTNERSHIPS: 'org-leeds' })).toThrow(
      /'org-leeds' is not organisation-id=partnership-id/,
    );
    expect(() => loadConfig({ AUTH_ORGANISATION_PARTNERSHIPS: 'org-leeds=leeds' })).toThrow(
      /needs AUTH_ORGANISATION_CLAIM/,
    );
  });

  it('reads the feedback mailbox the feedback page names, refusing what is not an email address', () => {
    expect(loadConfig({}).feedbackEmail).toBe('cspr-feedback@education.gov.uk');
    expect(loadConfig({ FEEDBACK_EMAIL: 'feedback@cspr.example' }).feedbackEmail).toBe('feedback@cspr.example');
    expect(() => loadConfig({ FEEDBACK_EMAIL: 'not an address' })).toThrow(/FEEDBACK_EMAIL: an email address/);
  });

  it('documents each default as the code applies it', () => {
    const config = loadConfig({});
    const applied: Record<string, unknown> = {
      PORT: config.port,
      PROJECTOR_PORT: config.projectorPort,
      RELAY_PORT: config.relay.port,
      RELAY_BATCH_SIZE: config.relay.batchSize,
      RELAY_PARTITIONS: config.relay.partitions,
      RELAY_LEASE_TTL_MS: config.relay.leaseTtlMs,
      RELAY_RETRY_MAX_MS: config.relay.retryMaxMs,
      RELAY_SHUTDOWN_TIMEOUT_MS: config.relay.shutdownTimeoutMs,
      READY_MAX_PROJECTOR_LAG_SECONDS: config.readiness.maxProjectorLagSeconds,
      READY_MAX_RELAY_LAG_SECONDS: config.readiness.maxRelayLagSeconds,
      RELAY_TOPIC: config.relay.topic,
      RELAY_NAME: config.relay.name,
      DATA_DIR: config.dataDir,
      EVENT_STORE: config.eventStore,
      NODE_ENV: config.environment,
      LOG_LEVEL: config.logLevel,
      FEEDBACK_EMAIL: config.feedbackEmail,
    };
    for (const [name, value] of Object.entries(applied)) {
      expect(CONFIG_DOCS[name as keyof typeof CONFIG_DOCS].default.replace(/`/g, ''), name).toBe(String(value));
    }
  });

  it('reads the sign-in settings, and production pages refuse to start without a provider and a session secret', () => {
    expect(loadConfig({}).signIn).toEqual(expect.objectContaining({ timeoutMinutes: 30, issuer: undefined }));
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.example.gov.uk/realms/cspr' })).toThrow(
      /OIDC_ISSUER and OIDC_CLIENT_ID/,
    );
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    const production = {
      NODE_ENV: 'production',
      AUTH_ISSUER: 'https://id.example',
      AUTH_AUDIENCE: 'cspr',
      AUTH_JWKS_URL: 'https://id.example/jwks',
      CSPR_MASTER_KEY: 'k',
    };
    expect(() => requireSignInConfig(loadConfig(production))).toThrow(ConfigError);
    const complete = loadConfig({
      ...production,
      OIDC_ISSUER: 'https://id.example',
      OIDC_CLIENT_ID: 'cspr-web',
      OIDC_CLIENT_SECRET: 's',
      SESSION_SECRET: 'x'.repeat(32),
      SESSION_TIMEOUT_MINUTES: '20',
      SESSION_COOKIE_SECURE: 'true',
    });
    expect(() => requireSignInConfig(complete)).not.toThrow();
    expect(complete.signIn).toMatchObject({ clientId: 'cspr-web', timeoutMinutes: 20, secureCookies: true });
  });

  it('reads the security settings: token lifetime cap, CORS origins (never *), trusted proxies', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ tokenMaxLifetimeSeconds: 86_400, corsOrigins: [], trustedProxies: [] });
    const set = loadConfig({
      TOKEN_MAX_LIFETIME_SECONDS: '3600',
      CORS_ORIGINS: 'https://app.example, http://localhost:5173',
      TRUSTED_PROXIES: '10.0.0.1, ::1',
    });
    expect(set).toMatchObject({
      tokenMaxLifetimeSeconds: 3600,
      corsOrigins: ['https://app.example', 'http://localhost:5173'],
      trustedProxies: ['10.0.0.1', '::1'],
    });
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://app.example/path' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ TOKEN_MAX_LIFETIME_SECONDS: '0' })).toThrow(/TOKEN_MAX_LIFETIME_SECONDS/);
  });

  it('reads Kafka TLS and SASL for the relay, all three SASL variables together', () => {
    expect(loadConfig({}).kafka).toEqual({ ssl: false });
    expect(
      loadConfig({
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'relay',
        KAFKA_SASL_PASSWORD: 'secret',
      }).kafka,
    ).toEqual({ ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'relay', password: 'secret' } });
    expect(() => loadConfig({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/go together/);
    expect(() =>
      loadConfig({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }),
    ).toThrow(/KAFKA_SASL_MECHANISM/);
  });
});
