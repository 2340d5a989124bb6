/** The sign-in module's options and what it gives the app (see create-sign-in.ts). */
import type { NextFunction, Request, Response, Router } from 'express';
import type { Sql } from 'postgres';
import type { ClaimMapping } from '@cspr/domain';
import type { ProviderClient, ProviderSettings } from './provider-client';
import type { SessionStore } from './session-store';
import type { GrantsFor } from './signed-in-user';

export type SignInLogger = {
  info: (fields: object, message: string) => void;
  warn: (fields: object, message: string) => void;
};

export type SignInOptions = {
  sql: Sql;
  provider: ProviderSettings;
  /** Public address of the web pages, e.g. http://localhost:4000 (the callback is `<baseUrl>/auth/callback`). */
  baseUrl: string;
  /** SESSION_SECRET: signs the session cookie. */
  sessionSecret: string;
  /** Secure cookie. Default: true unless baseUrl is plain http. */
  secureCookies?: boolean;
  /** Inactivity timeout in minutes. Default 30. */
  timeoutMinutes?: number;
  /** The warning shows this many seconds before the timeout. Default 120 (GOV.UK pattern: 2 minutes). */
  warnBeforeSeconds?: number;
  /** Scopes asked for. Default `openid email profile`. */
  scope?: string;
  /** Resource indicator (RFC 8707) for the gateway's access tokens; unset: none sent. */
  resource?: string;
  grantsFor: GrantsFor;
  /** Which ID token claims name the organisation and role (AUTH_ORGANISATION_CLAIM, AUTH_ROLE_CLAIM); unset: none. */
  claimMapping?: ClaimMapping;
  logger: SignInLogger;
  clock?: () => Date;
};

export type SignIn = {
  router: Router;
  loadSession: (req: Request, res: Response, next: NextFunction) => Promise<void>;
  requireSignedIn: (req: Request, res: Response, next: NextFunction) => void;
  sessions: SessionStore;
  provider: ProviderClient;
};

/** What the pages find in `res.locals` besides `user` and `csrfToken`. */
export type SessionLocals = { sessionTimeoutSeconds: number; sessionWarningSeconds: number };
