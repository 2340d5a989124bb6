/**
 * Sign-in for the web pages: OpenID Connect authorization code flow with PKCE, state and nonce (openid-client),
 * sessions held on the server (PostgreSQL), an HttpOnly session cookie, an inactivity timeout with a warning, and
 * CSRF tokens per session. The app mounts `router`, runs `loadSession` before its pages, `requireSignedIn` before
 * pages that need a user, and `verifyCsrf` on form posts.
 */
import type { NextFunction, Request, Response } from 'express';
import * as client from 'openid-client';
import { clearSessionCookie, cookieName, readCookie, setSessionCookie, verifySessionValue } from './session-cookie';
import type { CookieSettings } from './session-cookie';
import { createSessionStore, newSecret } from './session-store';
import type { SessionData, StoredSession } from './session-store';
import { createProviderClient } from './provider-client';
import { safeReturnPath } from './return-path';
import { createSignInRouter } from './sign-in-routes';
import { toSignedInUser } from './signed-in-user';
import type { SessionLocals, SignIn, SignInOptions } from './sign-in-types';

const REFRESH_MARGIN_SECONDS = 30;

export const createSignIn = (options: SignInOptions): SignIn => {
  const timeoutMs = (options.timeoutMinutes ?? 30) * 60_000;
  const cookies: CookieSettings = {
    secret: options.sessionSecret,
    secure: options.secureCookies ?? !options.baseUrl.startsWith('http://'),
  };
  const now = options.clock ?? (() => new Date());
  const sessions = createSessionStore({ sql: options.sql, timeoutMs, clock: now });
  const provider = createProviderClient(options.provider);

  const sessionOf = async (req: Request): Promise<StoredSession | undefined> => {
    const id = verifySessionValue(cookies.secret, readCookie(req, cookieName(cookies)));
    return id ? sessions.get(id) : undefined;
  };

  /** Refreshes the access token when it is about to expire; a refused refresh ends the session. */
  const freshTokens = async (session: StoredSession): Promise<SessionData['user'] | undefined> => {
    const user = session.data.user!;
    const expiresAt = user.accessTokenExpiresAt;
    if (!expiresAt || expiresAt - REFRESH_MARGIN_SECONDS > now().getTime() / 1000) return user;
    if (!user.refreshToken) return undefined;
    try {
      const tokens = await client.refreshTokenGrant(
        await provider.configuration(),
        user.refreshToken,
        options.resource ? { resource: options.resource } : undefined,
      );
      const expiresIn = tokens.expiresIn();
      const refreshed = {
        ...user,
        accessToken: tokens.access_token,
        ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
        ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
        ...(expiresIn ? { accessTokenExpiresAt: Math.floor(now().getTime() / 1000) + expiresIn } : {}),
      };
      await sessions.save(session.id, { ...session.data, user: refreshed });
      return refreshed;
    } catch (error) {
      options.logger.warn({ reason: (error as Error).name }, 'token refresh refused: session ended');
      return undefined;
    }
  };

  const loadSession = async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.user = undefined;
      const hadCookie = readCookie(req, cookieName(cookies)) !== undefined;
      const found = await sessionOf(req);
      if (!found) {
        if (hadCookie) clearSessionCookie(res, cookies);
        return next();
      }
      const session = await sessions.touch(found);
      res.locals.session = session;
      res.locals.csrfToken = session.data.csrfToken;
      const locals: SessionLocals = {
        sessionTimeoutSeconds: timeoutMs / 1000,
        sessionWarningSeconds: options.warnBeforeSeconds ?? 120,
      };
      Object.assign(res.locals, locals);
      if (session.data.user) {
        const user = await freshTokens(session);
        if (!user) {
          await sessions.destroy(session.id);
          clearSessionCookie(res, cookies);
          res.locals.session = undefined;
          res.locals.csrfToken = undefined;
          return next();
        }
        const grants = await options.grantsFor({
          subject: user.subject,
          email: user.email,
          ...(user.organisationClaims ? { organisationClaims: user.organisationClaims } : {}),
        });
        res.locals.user = toSignedInUser(user, grants);
      }
      return next();
    } catch (error) {
      return next(error);
    }
  };

  const requireSignedIn = (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user as ReturnType<typeof toSignedInUser> | undefined;
    if (!user) return res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(safeReturnPath(req.originalUrl))}`);
    if (user.roles.length === 0) return res.redirect(303, '/no-access');
    return next();
  };

  const router = createSignInRouter({
    options,
    sessions,
    provider,
    cookies,
    now,
    sessionOf,
    startSession: async (data: Omit<SessionData, 'csrfToken'>, res: Response) => {
      const session = await sessions.create({ ...data, csrfToken: newSecret() });
      setSessionCookie(res, cookies, session.id);
      return session;
    },
    endSession: async (session: StoredSession | undefined, res: Response) => {
      if (session) await sessions.destroy(session.id);
      clearSessionCookie(res, cookies);
    },
  });

  return { router, loadSession, requireSignedIn, sessions, provider };
};
