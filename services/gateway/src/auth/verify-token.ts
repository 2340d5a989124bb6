/**
 * Bearer token verification (docs/architecture.md "Security"). Production verifies against the identity provider's JWKS
 * (AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL); embedded/dev mode verifies against the data folder's key.
 * Both check signature, `exp`, `iss` and `aud` and accept only an allow-list of asymmetric algorithms, so an
 * `alg: none` or HS256-with-the-public-key token is refused before any claim is read.
 */
import { createLocalJWKSet, createRemoteJWKSet, errors, exportJWK, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { DEV_ALGORITHM, DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevSigningKey } from './dev-signing-key';
import type { DevSigningKey } from './dev-signing-key';
import { isRole, PARTNERSHIP_BOUND_ROLES, PUBLIC } from './principal';
import type { Principal } from './principal';

/** Default algorithm allow-list for production issuers. */
export const PRODUCTION_ALGORITHMS = ['RS256', 'PS256', 'ES256'];

/** A request that claims to be someone and fails to prove it: 401, never silently treated as public. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

export type TokenVerifier = {
  /** `authorization` header value; absent means the public. Throws AuthenticationError on a bad token. */
  verify: (authorization: string | null | undefined) => Promise<Principal>;
  mode: 'production' | 'dev';
};

export type VerifierOptions = {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
  /** Default: PRODUCTION_ALGORITHMS in production, ES256 in dev. */
  algorithms: string[];
  mode: 'production' | 'dev';
  /** Clock tolerance for exp/nbf in seconds. Default 30. */
  clockToleranceSeconds?: number;
  /** Verified tokens remembered (by their exact text) to skip the signature check on repeat requests. Default 1000; 0 off. */
  cacheSize?: number;
  /** How long a verified token is remembered, in ms, never past its `exp`. Default 60 000. */
  cacheTtlMs?: number;
  /**
   * Who the verified token's subject is in the platform. Default: the token's own `role`/`partnership` claims (dev
   * tokens). With grants (auth/grants-principal.ts) it runs on every request, after the cached signature check, so
   * a revoked grant takes effect within the grants cache window rather than the token's lifetime.
   */
  principalOf?: (payload: JWTPayload) => Promise<Principal>;
  /**
   * Longest lifetime accepted, in seconds: `exp - iat`, or `exp - now` without `iat` (TOKEN_MAX_LIFETIME_SECONDS).
   * A stolen token with a 100-year lifetime would otherwise never stop working. Default: no cap.
   */
  maxLifetimeSeconds?: number;
  /**
   * Whether a partnership exists (the log's partnerships): a principal naming one that does not is refused, so a
   * token cannot act for a partnership made up by whoever minted it. Default: not checked.
   */
  partnershipExists?: (partnershipId: string) => Promise<boolean>;
};

const BEARER = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)\s*$/;

export const principalFromClaims = (payload: JWTPayload): Principal => {
  const claimed = payload.role ?? (Array.isArray(payload.roles) ? payload.roles.find(isRole) : undefined);
  if (!isRole(claimed))
    throw new AuthenticationError('Token has no known role (partnership, panel, ofsted, admin, agency or dfe)');
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new AuthenticationError('Token has no subject');
  if (PARTNERSHIP_BOUND_ROLES.includes(claimed)) {
    if (typeof payload.partnership !== 'string' || payload.partnership === '') {
      throw new AuthenticationError(`A ${claimed} token must carry the partnership claim`);
    }
    return { kind: 'user', userId: payload.sub, role: claimed, partnershipId: payload.partnership };
  }
  return { kind: 'user', userId: payload.sub, role: claimed };
};

/**
 * A small cache of verified tokens: a client sends the same token on every request for hours, and the signature
 * check (ECDSA/RSA) is most of the cost of an authenticated request. An entry lives at most `cacheTtlMs` and never
 * past the token's own `exp`, so expiry is enforced as before; failures are never cached.
 */
const createVerifiedCache = (size: number, ttlMs: number) => {
  const entries = new Map<string, { principal: JWTPayload; until: number }>();
  return {
    get: (token: string): JWTPayload | undefined => {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (entry.until <= Date.now()) {
        entries.delete(token);
        return undefined;
      }
      return entry.principal;
    },
    set: (token: string, principal: JWTPayload, expSeconds: number | undefined) => {
      if (size <= 0) return;
      if (entries.size >= size) entries.delete(entries.keys().next().value!);
      entries.set(token, { principal, until: Math.min(Date.now() + ttlMs, (expSeconds ?? 0) * 1000) });
    },
  };
};

export const createTokenVerifier = (options: VerifierOptions): TokenVerifier => {
  const cache = createVerifiedCache(options.cacheSize ?? 1000, options.cacheTtlMs ?? 60_000);
  const principalOfPayload = options.principalOf ?? (async (payload: JWTPayload) => principalFromClaims(payload));
  // Partnerships are never deleted: one seen to exist is remembered; an unknown one is asked again each time.
  const knownPartnerships = new Set<string>();
  const principalOf = async (payload: JWTPayload): Promise<Principal> => {
    const principal = await principalOfPayload(payload);
    const partnershipId = principal.kind === 'user' ? principal.partnershipId : undefined;
    if (partnershipId && options.partnershipExists && !knownPartnerships.has(partnershipId)) {
      if (!(await options.partnershipExists(partnershipId)))
        throw new AuthenticationError('Token names a partnership that does not exist');
      knownPartnerships.add(partnershipId);
    }
    return principal;
  };
  return {
    mode: options.mode,
    verify: async (authorization) => {
      if (authorization === null || authorization === undefined || authorization.trim() === '') return PUBLIC;
      // The usual header, "Bearer <token>", of a token verified before: only tokens that matched BEARER are
      // cached, so this header would match it too.
      const repeat = authorization.startsWith('Bearer ') ? cache.get(authorization.slice(7)) : undefined;
      if (repeat) return principalOf(repeat);
      const match = BEARER.exec(authorization);
      if (!match) throw new AuthenticationError('Authorization must be "Bearer <JWT>"');
      const cached = cache.get(match[1]!);
      if (cached) return principalOf(cached);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(match[1]!, options.keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: options.algorithms,
          clockTolerance: options.clockToleranceSeconds ?? 30,
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new AuthenticationError('Token expired');
        if (error instanceof errors.JWTClaimValidationFailed)
          throw new AuthenticationError(`Token claim "${error.claim}" is not valid`);
        throw new AuthenticationError('Token could not be verified');
      }
      if (options.maxLifetimeSeconds !== undefined && payload.exp !== undefined) {
        const from = typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000);
        if (payload.exp - from > options.maxLifetimeSeconds)
          throw new AuthenticationError('Token lifetime is longer than this service accepts');
      }
      // Outside the try: a grants lookup that fails (database down) is an error, not a bad token.
      const principal = await principalOf(payload);
      cache.set(match[1]!, payload, payload.exp);
      return principal;
    },
  };
};

/** `limits`: the lifetime cap and partnership check of VerifierOptions, and principals from grants if given. */
export const createDevTokenVerifier = async (
  key: DevSigningKey,
  limits: Pick<VerifierOptions, 'maxLifetimeSeconds' | 'partnershipExists' | 'principalOf'> = {},
): Promise<TokenVerifier> =>
  createTokenVerifier({
    ...limits,
    mode: 'dev',
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    algorithms: [DEV_ALGORITHM],
    keys: createLocalJWKSet({ keys: [{ ...(await exportJWK(key.publicKey)), kid: key.kid, alg: DEV_ALGORITHM }] }),
  });

/** What the verifier needs from PlatformConfig (AUTH_*, DATA_DIR, NODE_ENV), checked there already. */
export type AuthConfig = {
  auth?: { issuer: string; audience: string; jwksUrl: string; algorithms: string[] } | undefined;
  dataDir: string;
  production: boolean;
  /** TOKEN_MAX_LIFETIME_SECONDS. Default: no cap. */
  tokenMaxLifetimeSeconds?: number;
};

export type VerifierFromConfigOptions = {
  /** Principals from the platform's grants for tokens of the configured issuer (AUTH_*); default: claims. */
  principalOf?: (payload: JWTPayload) => Promise<Principal>;
  /** Refuse tokens whose principal names a partnership that does not exist. Default: not checked. */
  partnershipExists?: (partnershipId: string) => Promise<boolean>;
};

/**
 * Production when AUTH_* are configured; otherwise the dev key in DATA_DIR. `production: true` without AUTH_* is a
 * start-up error, never a silent dev key.
 */
export const createTokenVerifierFromConfig = async (
  config: AuthConfig,
  options: VerifierFromConfigOptions = {},
): Promise<TokenVerifier> => {
  const limits = {
    ...(config.tokenMaxLifetimeSeconds !== undefined ? { maxLifetimeSeconds: config.tokenMaxLifetimeSeconds } : {}),
    ...(options.partnershipExists ? { partnershipExists: options.partnershipExists } : {}),
  };
  if (config.auth) {
    const algorithms = config.auth.algorithms.length ? config.auth.algorithms : PRODUCTION_ALGORITHMS;
    if (algorithms.some((a) => a === 'none' || a.startsWith('HS')))
      throw new Error('AUTH_ALGORITHMS must list asymmetric algorithms only');
    return createTokenVerifier({
      mode: 'production',
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      algorithms,
      keys: createRemoteJWKSet(new URL(config.auth.jwksUrl)),
      ...(options.principalOf ? { principalOf: options.principalOf } : {}),
      ...limits,
    });
  }
  if (config.production) throw new Error('Production needs AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL');
  return createDevTokenVerifier(await loadOrCreateDevSigningKey(config.dataDir), limits);
};
