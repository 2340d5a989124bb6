/**
 * Configuration from the environment: every variable the platform reads is declared here, once, with its check and
 * its documented default (the names are a contract; see docs/architecture.md). Parsed once at start-up by each
 * service; a bad value stops the service with a message naming the variable. No other file reads `process.env`
 * (config-sources.unit.spec.ts scans the sources), and the README's configuration table is printed from
 * CONFIG_DOCS (readme-table.unit.spec.ts fails when they differ).
 */
import { z } from 'zod';

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const positive = (fallback: number) => z.coerce.number().positive().default(fallback);
const seconds = (fallback: number) => z.coerce.number().min(0).default(fallback);

export const ENVIRONMENTS = ['production', 'development', 'test'] as const;

/** The service team's feedback mailbox the feedback page names when FEEDBACK_EMAIL is not set. */
export const DEFAULT_FEEDBACK_EMAIL = 'cspr-feedback@education.gov.uk';

const environmentSchema = z.object({
  PORT: port(4000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  EVENT_STORE: z.enum(['postgres', 'eventstoredb']).default('postgres'),
  EVENTSTORE_CONNECTION_STRING: z.string().optional(),
  KAFKA_BROKERS: list.optional(),
  KAFKA_SSL: z.enum(['true', 'false']).default('false'),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  AUTH_ISSUER: z.string().url().optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_ALGORITHMS: list.default(['RS256', 'PS256', 'ES256']),
  TOKEN_MAX_LIFETIME_SECONDS: z.coerce.number().int().positive().default(86_400),
  CORS_ORIGINS: list.default([]),
  TRUSTED_PROXIES: list.default([]),
  AUTH_ORGANISATION_CLAIM: z.string().min(1).optional(),
  AUTH_ROLE_CLAIM: z.string().min(1).optional(),
  AUTH_ORGANISATION_PARTNERSHIPS: list.default([]),
  CSPR_MASTER_KEY: z.string().optional(),
  CSPR_ERASURE_LEDGER: z.string().min(1).optional(),
  CSPR_ADMIN_USER_IDS: list.default([]),
  CSPR_ALLOWED_OPERATIONS: z.string().min(1).optional(),
  NODE_ENV: z
    .enum(ENVIRONMENTS, {
      // An unknown value (`Production`, `prod`) used to run silently in development mode: introspection, a dev
      // master key, no rate limit. Refuse it instead.
      error: (issue) => `must be one of ${ENVIRONMENTS.join(', ')} (got '${String(issue.input)}')`,
    })
    .default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PROJECTOR_PORT: port(4001),
  RELAY_PORT: port(4002),
  RELAY_TOPIC: z.string().min(1).default('cspr.notifications.v1'),
  RELAY_NAME: z.string().min(1).default('ofsted-feed'),
  RELAY_BATCH_SIZE: positive(500),
  RELAY_PARTITIONS: positive(6),
  RELAY_LEASE_TTL_MS: positive(15_000),
  RELAY_RETRY_MAX_MS: positive(10_000),
  RELAY_SHUTDOWN_TIMEOUT_MS: positive(10_000),
  READY_MAX_PROJECTOR_LAG_SECONDS: seconds(30),
  READY_MAX_RELAY_LAG_SECONDS: seconds(60),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: z.string().url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).default('false'),
  LOG_COPY_FROM: z.string().min(1).optional(),
  LOG_COPY_TO: z.string().min(1).optional(),
  DOCUMENT_MAX_BYTES: positive(50 * 1024 * 1024),
  PUBLIC_URL: z.string().url().optional(),
  GATEWAY_URL: z.string().url().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_RESOURCE: z.string().min(1).optional(),
  OIDC_SCOPE: z.string().min(1).optional(),
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  SESSION_TIMEOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(2)
    .max(24 * 60)
    .default(30),
  SESSION_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  FEEDBACK_EMAIL: z.email('an email address').default(DEFAULT_FEEDBACK_EMAIL),
});

export type ConfigVariable = keyof typeof environmentSchema.shape;

/** The README's configuration table: one row per variable, its default as documented, and what it does. */
export const CONFIG_DOCS: Record<ConfigVariable, { default: string; meaning: string }> = {
  PORT: { default: '4000', meaning: 'gateway HTTP port (`/graphql`, `/health`, `/ready`) and `npm start`' },
  HOST: {
    default: '`127.0.0.1`; production `0.0.0.0`',
    meaning: 'interface every HTTP server binds to (development stays local unless told otherwise)',
  },
  DATABASE_URL: {
    default: 'unset: embedded PGlite',
    meaning: 'PostgreSQL server for log and read models (same host: `?host=/var/run/postgresql` uses its Unix socket)',
  },
  DATA_DIR: { default: '`./.data`', meaning: 'embedded database, dev signing key, dev master key' },
  EVENT_STORE: { default: '`postgres`', meaning: '`postgres` or `eventstoredb`' },
  EVENTSTORE_CONNECTION_STRING: {
    default: '—',
    meaning: 'EventStoreDB connection string, required with `EVENT_STORE=eventstoredb`',
  },
  KAFKA_BROKERS: { default: 'unset: no relay', meaning: 'comma-separated brokers for the Ofsted feed' },
  KAFKA_SSL: { default: '`false`', meaning: '`true`: TLS to the brokers (system trust store)' },
  KAFKA_SASL_MECHANISM: {
    default: 'unset: no SASL',
    meaning: '`plain`, `scram-sha-256` or `scram-sha-512`, with `KAFKA_SASL_USERNAME` and `KAFKA_SASL_PASSWORD`',
  },
  KAFKA_SASL_USERNAME: { default: '—', meaning: "the relay's SASL user" },
  KAFKA_SASL_PASSWORD: { default: '—', meaning: "the relay's SASL password (a secret: never logged)" },
  AUTH_ISSUER: {
    default: 'unset: dev keys',
    meaning: 'OIDC issuer (required in production, with `AUTH_AUDIENCE` and `AUTH_JWKS_URL`)',
  },
  AUTH_AUDIENCE: { default: 'unset: dev keys', meaning: 'expected token audience' },
  AUTH_JWKS_URL: { default: 'unset: dev keys', meaning: "the issuer's JWKS address" },
  AUTH_ALGORITHMS: { default: '`RS256,PS256,ES256`', meaning: 'token algorithm allow-list (asymmetric only)' },
  TOKEN_MAX_LIFETIME_SECONDS: {
    default: '86400 (24 hours)',
    meaning: 'longest token lifetime accepted (`exp` minus `iat`, or minus now without `iat`); longer is refused',
  },
  CORS_ORIGINS: {
    default: 'none: no cross-origin calls',
    meaning:
      'comma-separated origins (`https://app.example`) whose browser scripts may call `/graphql`; never with cookies',
  },
  TRUSTED_PROXIES: {
    default: 'none',
    meaning:
      'addresses of the proxies in front (comma-separated IPs); only from these is `X-Forwarded-For` believed, by the gateway (rate limits) and the web pages (client address, `X-Forwarded-Proto`)',
  },
  AUTH_ORGANISATION_CLAIM: {
    default: 'unset: access from grants only',
    meaning:
      "claim naming a person's organisation, a dotted path into an object claim allowed (DfE Sign-in `organisation.id`, Entra ID `tid`); read from the ID token by the pages and the access token by the gateway, for people with no grant",
  },
  AUTH_ROLE_CLAIM: {
    default: 'unset: `partnership` for a mapped organisation',
    meaning:
      'claim carrying a role for people with no grant (a string or list, e.g. Entra ID app roles `roles`): `partnership`, `agency` (both need a mapped organisation), `panel`, `ofsted` or `dfe`; never `admin`',
  },
  AUTH_ORGANISATION_PARTNERSHIPS: {
    default: 'none',
    meaning: 'which organisation is which partnership: comma-separated `organisation-id=partnership-id` pairs',
  },
  CSPR_MASTER_KEY: {
    default: 'dev: key file in `DATA_DIR`',
    meaning: 'base64 of 32 bytes wrapping every data key (required in production)',
  },
  CSPR_ERASURE_LEDGER: {
    default: '`DATA_DIR/erasure-ledger.jsonl`',
    meaning:
      "file recording every erasure, re-applied at start so a restored backup cannot bring erased data back; keep it outside the database's backups",
  },
  CSPR_ADMIN_USER_IDS: {
    default: 'none',
    meaning: 'admins who may request and approve an erasure (two different admins)',
  },
  CSPR_ALLOWED_OPERATIONS: {
    default: '—',
    meaning: 'allow-list file, required in production (`services/web/dist/allowed-operations.json` from the web build)',
  },
  NODE_ENV: {
    default: '`development`',
    meaning:
      '`production`, `development` or `test`; anything else is refused. `production`: allow-listed operations only, no introspection, no dev keys, rate limits on',
  },
  LOG_LEVEL: { default: '`info`', meaning: 'pino level' },
  PROJECTOR_PORT: { default: '4001', meaning: 'health and readiness of the projector run as its own service' },
  RELAY_PORT: { default: '4002', meaning: 'health and readiness of the relay run as its own service' },
  RELAY_TOPIC: {
    default: '`cspr.notifications.v1`',
    meaning: 'the Ofsted feed topic (see [services/relay/README.md](services/relay/README.md))',
  },
  RELAY_NAME: { default: '`ofsted-feed`', meaning: "the relay's checkpoint and lease name (side-by-side runs)" },
  RELAY_BATCH_SIZE: { default: '500', meaning: 'events per batch when behind' },
  RELAY_PARTITIONS: { default: '6', meaning: 'partitions when the relay creates the topic' },
  RELAY_LEASE_TTL_MS: { default: '15000', meaning: "relay lease expiry (a standby's takeover time)" },
  RELAY_RETRY_MAX_MS: { default: '10000', meaning: 'longest pause between attempts while the broker is down' },
  RELAY_SHUTDOWN_TIMEOUT_MS: { default: '10000', meaning: 'longest a graceful relay stop on SIGTERM may take' },
  READY_MAX_PROJECTOR_LAG_SECONDS: { default: '30', meaning: "the projector's own `/ready` answers 503 past this lag" },
  READY_MAX_RELAY_LAG_SECONDS: { default: '60', meaning: "the relay's own `/ready` answers 503 past this lag" },
  OTEL_EXPORTER_OTLP_ENDPOINT: { default: 'no export', meaning: 'OTLP/HTTP endpoint for traces and metrics' },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: { default: '`OTEL_EXPORTER_OTLP_ENDPOINT`', meaning: 'traces only' },
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: { default: '`OTEL_EXPORTER_OTLP_ENDPOINT`', meaning: 'metrics only' },
  OTEL_SERVICE_NAME: { default: '`cspr-<service>`', meaning: 'service.name in traces and metrics' },
  OTEL_SDK_DISABLED: { default: '`false`', meaning: '`true` starts no telemetry SDK' },
  LOG_COPY_FROM: { default: '—', meaning: '`npm run log:copy` source store, when `--from` is not given' },
  LOG_COPY_TO: { default: '—', meaning: '`npm run log:copy` target store, when `--to` is not given' },
  DOCUMENT_MAX_BYTES: {
    default: '52428800 (50 MB)',
    meaning: 'largest report file accepted by `POST /documents` and the publication form',
  },
  PUBLIC_URL: {
    default: '`http://localhost:PORT`',
    meaning: 'public address of the web pages (OIDC callback and post-logout addresses, links in emails)',
  },
  GATEWAY_URL: {
    default: '—',
    meaning:
      "the gateway's `/graphql` address, for the web pages run as their own service (`services/web/src/main.ts`)",
  },
  OIDC_ISSUER: {
    default: 'unset: embedded development provider at `PUBLIC_URL/oidc`',
    meaning:
      "the organisation's OpenID provider for signing in to the pages (DfE Sign-in, Entra ID, Keycloak); required in production",
  },
  OIDC_CLIENT_ID: { default: '—', meaning: "the web application's client id at that provider (with `OIDC_ISSUER`)" },
  OIDC_CLIENT_SECRET: { default: '—', meaning: 'its client secret (required in production)' },
  OIDC_RESOURCE: {
    default: '—',
    meaning: "resource indicator (RFC 8707) for the gateway's access tokens, where the provider supports it",
  },
  OIDC_SCOPE: { default: '`openid email profile`', meaning: 'scopes asked for at sign-in' },
  SESSION_SECRET: {
    default: 'dev: generated',
    meaning: 'signs the session cookie, at least 32 characters (required in production)',
  },
  SESSION_TIMEOUT_MINUTES: {
    default: '30',
    meaning: 'inactivity timeout of a signed-in session; the pages warn before it',
  },
  SESSION_COOKIE_SECURE: {
    default: '`true` unless `PUBLIC_URL` is plain http',
    meaning: 'Secure flag of the session cookie',
  },
  FEEDBACK_EMAIL: {
    default: `\`${DEFAULT_FEEDBACK_EMAIL}\``,
    meaning: "the service team's mailbox the feedback page (`/feedback`) asks people to write to",
  },
};

export type PlatformConfig = {
  environment: (typeof ENVIRONMENTS)[number];
  production: boolean;
  port: number;
  /** Where HTTP servers listen: HOST, else 127.0.0.1 outside production and 0.0.0.0 in production. */
  host: string;
  databaseUrl?: string;
  dataDir: string;
  eventStore: 'postgres' | 'eventstoredb';
  eventStoreConnectionString?: string;
  kafkaBrokers?: string[];
  /** TLS and SASL to the brokers (the relay); kafkajs options as they are. */
  kafka: {
    ssl: boolean;
    sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  };
  auth?: { issuer: string; audience: string; jwksUrl: string; algorithms: string[] };
  /** Longest token lifetime accepted, in seconds. */
  tokenMaxLifetimeSeconds: number;
  /** Origins allowed to call the gateway from a browser script; none by default. */
  corsOrigins: string[];
  /** Proxies whose X-Forwarded-For is believed (rate limits); none by default. */
  trustedProxies: string[];
  /** Access from the provider's claims for people with no grant (domain `accessFromClaims`). */
  claimMapping: {
    organisationClaim?: string;
    roleClaim?: string;
    organisationPartnerships: Record<string, string>;
  };
  masterKey?: string;
  erasureLedger?: string;
  adminUserIds: string[];
  allowedOperationsFile?: string;
  logLevel: string;
  /** Whether LOG_LEVEL was set: command-line tools log warnings only unless it was. */
  logLevelGiven: boolean;
  projectorPort: number;
  relay: {
    port: number;
    topic: string;
    name: string;
    batchSize: number;
    partitions: number;
    leaseTtlMs: number;
    retryMaxMs: number;
    shutdownTimeoutMs: number;
  };
  readiness: { maxProjectorLagSeconds: number; maxRelayLagSeconds: number };
  telemetry: { tracesEndpoint?: string; metricsEndpoint?: string; serviceName?: string; disabled: boolean };
  logCopy: { from?: string; to?: string };
  documents: { maxBytes: number };
  /** The web pages run apart reach the gateway here (GATEWAY_URL). */
  gatewayUrl?: string;
  /** Sign-in for the web pages; `issuer` absent means the embedded development provider. */
  signIn: {
    publicUrl?: string;
    issuer?: string;
    clientId?: string;
    clientSecret?: string;
    resource?: string;
    scope?: string;
    sessionSecret?: string;
    timeoutMinutes: number;
    secureCookies?: boolean;
  };
  /** Where the feedback page sends people (FEEDBACK_EMAIL). */
  feedbackEmail: string;
};

/**
 * For the services that serve the web pages (the platform, the web service): production refuses to start without
 * the organisation's provider and a session secret, never falling back to the embedded development provider.
 */
export const requireSignInConfig = (config: PlatformConfig): void => {
  if (!config.production) return;
  const missing = (['issuer', 'clientId', 'clientSecret', 'sessionSecret'] as const).filter((k) => !config.signIn[k]);
  if (missing.length) {
    throw new ConfigError(
      'Invalid configuration: production pages need OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and SESSION_SECRET',
    );
  }
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** An empty variable (`RELAY_TOPIC=`) means unset, as shells and compose files write it. */
const withoutEmpty = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));

export const loadConfig = (env: Record<string, string | undefined> = process.env): PlatformConfig => {
  const parsed = environmentSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const authParts = [e.AUTH_ISSUER, e.AUTH_AUDIENCE, e.AUTH_JWKS_URL];
  if (authParts.some(Boolean) && !authParts.every(Boolean)) {
    throw new ConfigError('Invalid configuration: AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL go together');
  }
  if (e.AUTH_ALGORITHMS.some((a) => a === 'none' || a.startsWith('HS'))) {
    throw new ConfigError('Invalid configuration: AUTH_ALGORITHMS must list asymmetric algorithms only');
  }
  const production = e.NODE_ENV === 'production';
  if (production && !e.AUTH_ISSUER)
    throw new ConfigError('Invalid configuration: production needs AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL');
  if (production && !e.CSPR_MASTER_KEY)
    throw new ConfigError('Invalid configuration: production needs CSPR_MASTER_KEY (or a KMS wrapper)');
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean))
    throw new ConfigError('Invalid configuration: OIDC_ISSUER and OIDC_CLIENT_ID go together');
  const saslParts = [e.KAFKA_SASL_MECHANISM, e.KAFKA_SASL_USERNAME, e.KAFKA_SASL_PASSWORD];
  if (saslParts.some(Boolean) && !saslParts.every(Boolean))
    throw new ConfigError(
      'Invalid configuration: KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD go together',
    );
  if (e.CORS_ORIGINS.some((origin) => origin === '*' || !/^https?:\/\/[^/]+$/.test(origin)))
    throw new ConfigError('Invalid configuration: CORS_ORIGINS lists origins like https://app.example, never *');
  const organisationPartnerships = Object.fromEntries(
    e.AUTH_ORGANISATION_PARTNERSHIPS.map((pair) => {
      const [organisation, partnership, ...rest] = pair.split('=').map((part) => part.trim());
      if (!organisation || !partnership || rest.length)
        throw new ConfigError(
          `Invalid configuration: AUTH_ORGANISATION_PARTNERSHIPS: '${pair}' is not organisation-id=partnership-id`,
        );
      return [organisation, partnership];
    }),
  );
  if (e.AUTH_ORGANISATION_PARTNERSHIPS.length && !e.AUTH_ORGANISATION_CLAIM)
    throw new ConfigError('Invalid configuration: AUTH_ORGANISATION_PARTNERSHIPS needs AUTH_ORGANISATION_CLAIM');
  if (e.EVENT_STORE === 'eventstoredb' && !e.EVENTSTORE_CONNECTION_STRING) {
    throw new ConfigError('Invalid configuration: EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  }
  return {
    environment: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    eventStore: e.EVENT_STORE,
    eventStoreConnectionString: e.EVENTSTORE_CONNECTION_STRING,
    kafkaBrokers: e.KAFKA_BROKERS?.length ? e.KAFKA_BROKERS : undefined,
    kafka: {
      ssl: e.KAFKA_SSL === 'true',
      ...(e.KAFKA_SASL_MECHANISM
        ? {
            sasl: {
              mechanism: e.KAFKA_SASL_MECHANISM,
              username: e.KAFKA_SASL_USERNAME!,
              password: e.KAFKA_SASL_PASSWORD!,
            },
          }
        : {}),
    },
    auth: e.AUTH_ISSUER
      ? { issuer: e.AUTH_ISSUER, audience: e.AUTH_AUDIENCE!, jwksUrl: e.AUTH_JWKS_URL!, algorithms: e.AUTH_ALGORITHMS }
      : undefined,
    tokenMaxLifetimeSeconds: e.TOKEN_MAX_LIFETIME_SECONDS,
    corsOrigins: e.CORS_ORIGINS,
    trustedProxies: e.TRUSTED_PROXIES,
    claimMapping: {
      ...(e.AUTH_ORGANISATION_CLAIM ? { organisationClaim: e.AUTH_ORGANISATION_CLAIM } : {}),
      ...(e.AUTH_ROLE_CLAIM ? { roleClaim: e.AUTH_ROLE_CLAIM } : {}),
      organisationPartnerships,
    },
    masterKey: e.CSPR_MASTER_KEY,
    erasureLedger: e.CSPR_ERASURE_LEDGER,
    adminUserIds: e.CSPR_ADMIN_USER_IDS,
    allowedOperationsFile: e.CSPR_ALLOWED_OPERATIONS,
    logLevel: e.LOG_LEVEL,
    logLevelGiven: Boolean(env.LOG_LEVEL),
    projectorPort: e.PROJECTOR_PORT,
    relay: {
      port: e.RELAY_PORT,
      topic: e.RELAY_TOPIC,
      name: e.RELAY_NAME,
      batchSize: e.RELAY_BATCH_SIZE,
      partitions: e.RELAY_PARTITIONS,
      leaseTtlMs: e.RELAY_LEASE_TTL_MS,
      retryMaxMs: e.RELAY_RETRY_MAX_MS,
      shutdownTimeoutMs: e.RELAY_SHUTDOWN_TIMEOUT_MS,
    },
    readiness: {
      maxProjectorLagSeconds: e.READY_MAX_PROJECTOR_LAG_SECONDS,
      maxRelayLagSeconds: e.READY_MAX_RELAY_LAG_SECONDS,
    },
    telemetry: {
      tracesEndpoint: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT,
      metricsEndpoint: e.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: e.OTEL_SERVICE_NAME,
      disabled: e.OTEL_SDK_DISABLED === 'true',
    },
    logCopy: { from: e.LOG_COPY_FROM, to: e.LOG_COPY_TO },
    documents: { maxBytes: e.DOCUMENT_MAX_BYTES },
    gatewayUrl: e.GATEWAY_URL,
    signIn: {
      publicUrl: e.PUBLIC_URL,
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      resource: e.OIDC_RESOURCE,
      scope: e.OIDC_SCOPE,
      sessionSecret: e.SESSION_SECRET,
      timeoutMinutes: e.SESSION_TIMEOUT_MINUTES,
      secureCookies: e.SESSION_COOKIE_SECURE === undefined ? undefined : e.SESSION_COOKIE_SECURE === 'true',
    },
    feedbackEmail: e.FEEDBACK_EMAIL,
  };
};

/** The README's configuration table, printed from CONFIG_DOCS (`npm run config:table` writes it into README.md). */
export const configTable = (): string =>
  [
    '| variable | default | meaning |',
    '|---|---|---|',
    ...Object.entries(CONFIG_DOCS).map(([name, doc]) => `| \`${name}\` | ${doc.default} | ${doc.meaning} |`),
  ].join('\n');
