/**
 * Configuration from the environment (design.md, "Configuration" — the variable names are a contract).
 * Parsed once at start-up by each service; a bad value stops the service with a message naming the variable.
 */
import { z } from 'zod';

const list = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const environmentSchema = z.object({
  /** HTTP port of the gateway (and of `npm start`). Default 4000. */
  PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  /** PostgreSQL server URL. Unset: embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Folder for the embedded database, the dev signing key and the dev master key. Default ./.data. */
  DATA_DIR: z.string().min(1).default('./.data'),
  /** Where the event log lives: `postgres` (default, the DATABASE_URL or embedded database) or `eventstoredb`. */
  EVENT_STORE: z.enum(['postgres', 'eventstoredb']).default('postgres'),
  /** EventStoreDB/KurrentDB connection string, required when EVENT_STORE=eventstoredb. */
  EVENTSTORE_CONNECTION_STRING: z.string().optional(),
  /** Comma-separated Kafka brokers. Unset: no relay (the pull feed over GraphQL still works). */
  KAFKA_BROKERS: list.optional(),
  /** OIDC issuer, audience and JWKS address for production token verification. All three or none. */
  AUTH_ISSUER: z.string().url().optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  /** Base64 of 32 random bytes wrapping every data key. Unset in dev: a key file in DATA_DIR. Required in production. */
  CSPR_MASTER_KEY: z.string().optional(),
  /** `production` turns on persisted operations, turns off introspection and dev keys. */
  NODE_ENV: z.string().default('development'),
  /** Public address of the web pages (the OIDC callback and post-logout addresses). Default http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** The organisation's OpenID provider. Unset in development: the embedded provider at <PUBLIC_URL>/oidc. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Resource indicator (RFC 8707) for the gateway's access tokens, for providers that support it. */
  OIDC_RESOURCE: z.string().min(1).optional(),
  /** Scopes asked for at sign-in. Default `openid email profile`. */
  OIDC_SCOPE: z.string().min(1).optional(),
  /** Signs the session cookie: at least 32 characters. Required in production. */
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** Inactivity timeout of a signed-in session, in minutes. Default 30. */
  SESSION_TIMEOUT_MINUTES: z.coerce.number().int().min(2).max(24 * 60).default(30),
  /** `true`/`false`: Secure session cookie. Default: true unless PUBLIC_URL is plain http. */
  SESSION_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /** pino level. Default info. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type PlatformConfig = {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  eventStore: 'postgres' | 'eventstoredb';
  eventStoreConnectionString?: string;
  kafkaBrokers?: string[];
  auth?: { issuer: string; audience: string; jwksUrl: string };
  masterKey?: string;
  production: boolean;
  logLevel: string;
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
};

/**
 * For the services that serve the web pages (the platform, the web service): production refuses to start without
 * the organisation's provider and a session secret, never falling back to the embedded development provider.
 */
export const requireSignInConfig = (config: PlatformConfig): void => {
  if (!config.production) return;
  const missing = (['issuer', 'clientId', 'clientSecret', 'sessionSecret'] as const).filter((k) => !config.signIn[k]);
  if (missing.length) {
    throw new ConfigError('Invalid configuration: production pages need OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and SESSION_SECRET');
  }
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const loadConfig = (env: Record<string, string | undefined> = process.env): PlatformConfig => {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const authParts = [e.AUTH_ISSUER, e.AUTH_AUDIENCE, e.AUTH_JWKS_URL];
  if (authParts.some(Boolean) && !authParts.every(Boolean)) {
    throw new ConfigError('Invalid configuration: AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL go together');
  }
  const production = e.NODE_ENV === 'production';
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) throw new ConfigError('Invalid configuration: OIDC_ISSUER and OIDC_CLIENT_ID go together');
  if (production && !e.AUTH_ISSUER) throw new ConfigError('Invalid configuration: production needs AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL');
  if (production && !e.CSPR_MASTER_KEY) throw new ConfigError('Invalid configuration: production needs CSPR_MASTER_KEY (or a KMS wrapper)');
  if (e.EVENT_STORE === 'eventstoredb' && !e.EVENTSTORE_CONNECTION_STRING) {
    throw new ConfigError('Invalid configuration: EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  }
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    eventStore: e.EVENT_STORE,
    eventStoreConnectionString: e.EVENTSTORE_CONNECTION_STRING,
    kafkaBrokers: e.KAFKA_BROKERS?.length ? e.KAFKA_BROKERS : undefined,
    auth: e.AUTH_ISSUER ? { issuer: e.AUTH_ISSUER, audience: e.AUTH_AUDIENCE!, jwksUrl: e.AUTH_JWKS_URL! } : undefined,
    masterKey: e.CSPR_MASTER_KEY,
    production,
    logLevel: e.LOG_LEVEL,
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
  };
};
