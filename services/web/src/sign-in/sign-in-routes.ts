/**
 * The sign-in routes: /sign-in (to the provider), /auth/callback (back from it), /sign-out (here and at the
 * provider), /signed-out, /no-access, /session/extend (the timeout warning's keep-alive) and the script for that
 * warning. A provider that cannot be reached answers the GOV.UK "service unavailable" page with 503.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Request, Response, Router } from 'express';
import * as client from 'openid-client';
import { organisationClaimsOf } from '@cspr/domain';
import { verifyCsrf } from './csrf';
import type { SignInOptions } from './sign-in-types';
import { isUnreachable } from './provider-client';
import type { ProviderClient } from './provider-client';
import { safeReturnPath } from './return-path';
import type { CookieSettings } from './session-cookie';
import type { SessionData, SessionStore, StoredSession } from './session-store';

type RouterDeps = {
  options: SignInOptions;
  sessions: SessionStore;
  provider: ProviderClient;
  cookies: CookieSettings;
  now: () => Date;
  sessionOf: (req: Request) => Promise<StoredSession | undefined>;
  startSession: (data: Omit<SessionData, 'csrfToken'>, res: Response) => Promise<StoredSession>;
  endSession: (session: StoredSession | undefined, res: Response) => Promise<void>;
};

const scriptPath = join(dirname(fileURLToPath(import.meta.url)), 'session-timeout.js');

const unavailable = (res: Response) =>
  res
    .status(503)
    .set('retry-after', '30')
    .render('sign-in/service-unavailable.njk', { pageTitle: 'Sorry, the service is unavailable' });

const signInProblem = (res: Response) =>
  res.status(400).render('sign-in/sign-in-problem.njk', { pageTitle: 'There was a problem signing you in' });

/** A display name from the ID token's claims: name, else given and family names, else the email. */
const displayNameOf = (claims: Record<string, unknown>, email: string): string => {
  if (typeof claims.name === 'string' && claims.name.trim()) return claims.name.trim();
  const parts = [claims.given_name, claims.family_name].filter(
    (p): p is string => typeof p === 'string' && p.trim() !== '',
  );
  return parts.length ? parts.join(' ') : email;
};

export const createSignInRouter = (deps: RouterDeps): Router => {
  const { options, sessions, provider, now } = deps;
  const router = express.Router();
  const callbackUrl = new URL('/auth/callback', options.baseUrl).href;

  router.get('/sign-in', async (req, res, next) => {
    try {
      const returnTo = safeReturnPath(req.query.returnTo);
      let config: client.Configuration;
      try {
        config = await provider.configuration();
      } catch (error) {
        options.logger.warn({ reason: (error as Error).message }, 'identity provider unavailable at sign-in');
        return unavailable(res);
      }
      const codeVerifier = client.randomPKCECodeVerifier();
      const pending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, returnTo };
      // A fresh session for every attempt: whatever id the browser held before is never the signed-in one.
      await deps.endSession(await deps.sessionOf(req), res);
      await deps.startSession({ pending }, res);
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: callbackUrl,
        scope: options.scope ?? 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
        ...(options.resource ? { resource: options.resource } : {}),
      });
      return res.redirect(303, url.href);
    } catch (error) {
      return next(error);
    }
  });

  router.get('/auth/callback', async (req, res, next) => {
    try {
      const session = await deps.sessionOf(req);
      const pending = session?.data.pending;
      if (!session || !pending) {
        options.logger.warn({ reason: 'no sign-in in progress for this browser' }, 'sign-in callback refused');
        return signInProblem(res);
      }
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        const config = await provider.configuration();
        const current = new URL(req.originalUrl, options.baseUrl);
        tokens = await client.authorizationCodeGrant(
          config,
          current,
          {
            pkceCodeVerifier: pending.codeVerifier,
            expectedState: pending.state,
            expectedNonce: pending.nonce,
            idTokenExpected: true,
          },
          options.resource ? { resource: options.resource } : undefined,
        );
      } catch (error) {
        await deps.endSession(session, res);
        if (isUnreachable(error)) {
          options.logger.warn({ reason: (error as Error).message }, 'identity provider unavailable at callback');
          return unavailable(res);
        }
        // The message and code name the check that failed (state, nonce, PKCE, issuer); never the code itself.
        const e = error as { name?: string; code?: string; error?: string; message?: string };
        options.logger.warn(
          { reason: e.name, code: e.code ?? e.error, detail: e.message?.slice(0, 200) },
          'sign-in callback refused',
        );
        return signInProblem(res);
      }
      const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      const email = typeof claims.email === 'string' ? claims.email : '';
      const expiresIn = tokens.expiresIn();
      const organisationClaims = options.claimMapping ? organisationClaimsOf(claims, options.claimMapping) : undefined;
      await deps.endSession(session, res);
      await deps.startSession(
        {
          user: {
            subject: String(claims.sub),
            displayName: displayNameOf(claims, email),
            email,
            accessToken: tokens.access_token,
            ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
            ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
            ...(expiresIn ? { accessTokenExpiresAt: Math.floor(now().getTime() / 1000) + expiresIn } : {}),
            ...(organisationClaims ? { organisationClaims } : {}),
          },
        },
        res,
      );
      options.logger.info({ subject: String(claims.sub) }, 'signed in');
      // Proven who, but granted nothing yet: say so at once rather than on whichever page they were going to.
      const grants = await options.grantsFor({
        subject: String(claims.sub),
        email,
        ...(organisationClaims ? { organisationClaims } : {}),
      });
      return res.redirect(303, grants.length === 0 ? '/no-access' : pending.returnTo);
    } catch (error) {
      return next(error);
    }
  });

  router.get('/sign-out', async (req, res, next) => {
    try {
      const session = await deps.sessionOf(req);
      const idToken = session?.data.user?.idToken;
      await deps.endSession(session, res);
      const after = new URL(
        req.query.reason === 'timeout' ? '/signed-out?reason=timeout' : '/signed-out',
        options.baseUrl,
      ).href;
      const config = await provider.configuration().catch(() => undefined);
      // RP-initiated logout where the provider offers it; otherwise (or when it is down) signed out here only.
      if (config?.serverMetadata().end_session_endpoint && idToken) {
        return res.redirect(
          303,
          client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: after }).href,
        );
      }
      return res.redirect(303, after);
    } catch (error) {
      return next(error);
    }
  });

  router.get('/signed-out', (req, res) =>
    res.render('sign-in/signed-out.njk', {
      pageTitle: 'You have signed out',
      timedOut: req.query.reason === 'timeout',
    }),
  );

  router.get('/no-access', (_req, res) => {
    if (!res.locals.user) return res.redirect(303, '/sign-in?returnTo=%2F');
    return res.render('sign-in/no-access.njk', { pageTitle: 'You do not have access yet' });
  });

  router.post('/session/extend', verifyCsrf, async (_req, res) => {
    const session = res.locals.session as StoredSession | undefined;
    if (!session?.data.user) return res.status(401).json({ signedIn: false });
    await sessions.touch({ ...session, lastSeenAt: new Date(0) });
    return res.status(200).json({ signedIn: true, expiresInSeconds: (options.timeoutMinutes ?? 30) * 60 });
  });

  router.get('/sign-in/session-timeout.js', async (_req, res) => {
    res
      .type('text/javascript')
      .set('cache-control', 'no-cache')
      .send(await readFile(scriptPath, 'utf8'));
  });

  return router;
};
