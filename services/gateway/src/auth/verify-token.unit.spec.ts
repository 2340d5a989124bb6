import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_KEY_FILE, loadOrCreateDevSigningKey } from './dev-signing-key';
import type { DevSigningKey } from './dev-signing-key';
import { mintDevToken } from './mint-token';
import {
  AuthenticationError,
  createDevTokenVerifier,
  createTokenVerifier,
  createTokenVerifierFromConfig,
} from './verify-token';
import type { TokenVerifier } from './verify-token';

let dataDir: string;
let key: DevSigningKey;
let verifier: TokenVerifier;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cspr-auth-'));
  key = await loadOrCreateDevSigningKey(dataDir);
  verifier = await createDevTokenVerifier(key);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const bearer = (token: string) => `Bearer ${token}`;

describe('dev signing key', () => {
  it('is kept in the data folder with mode 0600 and reused', async () => {
    const info = await stat(join(dataDir, DEV_KEY_FILE));
    expect(info.mode & 0o777).toBe(0o600);
    const again = await loadOrCreateDevSigningKey(dataDir);
    expect(again.kid).toBe(key.kid);
  });
});

describe('token verification', () => {
  it('treats a request without a token as the public', async () => {
    await expect(verifier.verify(null)).resolves.toEqual({ kind: 'public' });
    await expect(verifier.verify('')).resolves.toEqual({ kind: 'public' });
  });

  it('accepts a minted partnership token with its partnership claim', async () => {
    const token = await mintDevToken(key, { role: 'partnership', partnership: 'leeds', sub: 'alice' });
    await expect(verifier.verify(bearer(token))).resolves.toEqual({
      kind: 'user',
      userId: 'alice',
      role: 'partnership',
      partnershipId: 'leeds',
    });
  });

  it('accepts panel, ofsted and admin tokens', async () => {
    for (const role of ['panel', 'ofsted', 'admin'] as const) {
      const principal = await verifier.verify(bearer(await mintDevToken(key, { role })));
      expect(principal).toEqual({ kind: 'user', userId: `dev-${role}`, role });
    }
  });

  it('refuses an expired token', async () => {
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setSubject('x')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(key.privateKey);
    await expect(verifier.verify(bearer(token))).rejects.toThrow('Token expired');
  });

  it('refuses a token for another audience or issuer', async () => {
    const make = (issuer: string, audience: string) =>
      new SignJWT({ role: 'admin' })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('x')
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime('1h')
        .sign(key.privateKey);
    await expect(verifier.verify(bearer(await make(DEV_ISSUER, 'someone-else')))).rejects.toThrow(/aud/);
    await expect(verifier.verify(bearer(await make('evil', DEV_AUDIENCE)))).rejects.toThrow(/iss/);
  });

  it('refuses alg none', async () => {
    const token = new UnsecuredJWT({ role: 'admin' })
      .setSubject('x')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .encode();
    await expect(verifier.verify(bearer(token))).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses HS256 and tokens signed by another key', async () => {
    const hs = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough-0123456789'));
    await expect(verifier.verify(bearer(hs))).rejects.toBeInstanceOf(AuthenticationError);
    const other = await generateKeyPair('ES256');
    const forged = await mintDevToken(
      { kid: key.kid, privateKey: other.privateKey, publicKey: other.publicKey },
      { role: 'admin' },
    );
    await expect(verifier.verify(bearer(forged))).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses a partnership token without the partnership claim and unknown roles', async () => {
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('x')
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setExpirationTime('1h')
        .sign(key.privateKey);
    await expect(verifier.verify(bearer(await sign({ role: 'partnership' })))).rejects.toThrow(/partnership claim/);
    await expect(verifier.verify(bearer(await sign({ role: 'root' })))).rejects.toThrow(/role/);
  });

  it('refuses a malformed header', async () => {
    await expect(verifier.verify('Basic dXNlcjpwYXNz')).rejects.toThrow(/Bearer/);
  });
});

describe('verifier from the configuration', () => {
  it('will not fall back to the dev key in production', async () => {
    await expect(createTokenVerifierFromConfig({ dataDir, production: true })).rejects.toThrow(/AUTH_ISSUER/);
  });

  it('refuses symmetric algorithms and verifies against the issuer in production', async () => {
    const auth = { jwksUrl: 'https://idp.example/jwks', issuer: 'i', audience: 'a', algorithms: ['HS256'] };
    await expect(createTokenVerifierFromConfig({ auth, dataDir, production: true })).rejects.toThrow(/asymmetric/);
    const production = await createTokenVerifierFromConfig({
      auth: { ...auth, algorithms: ['RS256'] },
      dataDir,
      production: true,
    });
    expect(production.mode).toBe('production');
  });
});

describe('verified-token cache', () => {
  it('answers a repeated token from the cache but never past its exp', async () => {
    const cached = await createDevTokenVerifier(key);
    const token = await new SignJWT({ role: 'panel' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('p')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime(Math.floor(Date.now() / 1000) + 2)
      .sign(key.privateKey);
    await expect(cached.verify(bearer(token))).resolves.toMatchObject({ role: 'panel' });
    await expect(cached.verify(bearer(token))).resolves.toMatchObject({ role: 'panel' });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    // Past exp (+ tolerance it is still valid for jose): the cache entry is gone, so jose decides, with its tolerance.
    const strict = createTokenVerifier({
      mode: 'dev',
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      algorithms: ['ES256'],
      keys: async () => key.publicKey,
      clockToleranceSeconds: 0,
    });
    await expect(strict.verify(bearer(token))).rejects.toThrow('Token expired');
  });

  it('never caches a failure', async () => {
    const verifier2 = await createDevTokenVerifier(key);
    await expect(verifier2.verify('Bearer a.b.c')).rejects.toBeInstanceOf(AuthenticationError);
    await expect(verifier2.verify('Bearer a.b.c')).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe('token lifetime cap', () => {
  it('refuses a token living longer than the cap, with or without iat, and accepts one within it', async () => {
    const capped = await createDevTokenVerifier(key, { maxLifetimeSeconds: 86_400 });
    const century = await mintDevToken(key, { role: 'panel', expiresIn: '100y' });
    await expect(capped.verify(bearer(century))).rejects.toThrow(/lifetime/);
    // Without iat the lifetime counts from now.
    const noIat = await new SignJWT({ role: 'panel' })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setSubject('s')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('3d')
      .sign(key.privateKey);
    await expect(capped.verify(bearer(noIat))).rejects.toBeInstanceOf(AuthenticationError);
    const day = await mintDevToken(key, { role: 'panel', expiresIn: '12h' });
    await expect(capped.verify(bearer(day))).resolves.toMatchObject({ role: 'panel' });
    // Without a cap (the option unset) the century token passes: the cap is what refuses it.
    await expect(verifier.verify(bearer(century))).resolves.toMatchObject({ role: 'panel' });
  });

  it('applies TOKEN_MAX_LIFETIME_SECONDS from the configuration', async () => {
    const fromConfig = await createTokenVerifierFromConfig({ dataDir, production: false, tokenMaxLifetimeSeconds: 60 });
    const hour = await mintDevToken(key, { role: 'panel', expiresIn: '1h' });
    await expect(fromConfig.verify(bearer(hour))).rejects.toThrow(/lifetime/);
  });
});
