/**
 * One verifier per issuer, chosen by the token's (unverified) `iss`: the embedded provider's tokens and the
 * development tokens of `npm run token` side by side under `npm start`. The chosen verifier checks everything
 * again, signature and issuer included, so reading `iss` first decides nothing on its own.
 */
import { createLocalJWKSet, decodeJwt } from 'jose';
import type { JWK, JWTPayload } from 'jose';
import { AuthenticationError, createTokenVerifier } from './verify-token';
import type { TokenVerifier } from './verify-token';
import type { Principal } from './principal';

export const createIssuerRoutedVerifier = (
  byIssuer: ReadonlyMap<string, TokenVerifier>,
  fallback: TokenVerifier,
): TokenVerifier => ({
  mode: fallback.mode,
  verify: async (authorization) => {
    const token = /^Bearer\s+(\S+)\s*$/.exec(authorization ?? '')?.[1];
    if (!token) return fallback.verify(authorization);
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new AuthenticationError('Token could not be verified');
    }
    const verifier = (typeof issuer === 'string' ? byIssuer.get(issuer) : undefined) ?? fallback;
    return verifier.verify(authorization);
  },
});

/** The embedded provider's access tokens: ES256 JWTs for the gateway's audience, principals from the grants. */
export const createEmbeddedProviderVerifier = (options: {
  issuer: string;
  audience: string;
  publicKeys: JWK[];
  principalOf: (payload: JWTPayload) => Promise<Principal>;
}): TokenVerifier =>
  createTokenVerifier({
    mode: 'dev',
    issuer: options.issuer,
    audience: options.audience,
    algorithms: ['ES256', 'RS256'],
    keys: createLocalJWKSet({ keys: options.publicKeys }),
    principalOf: options.principalOf,
  });
