/**
 * Sign-in as the app composes it: the organisation's provider when OIDC_ISSUER is set, otherwise (development
 * only) the embedded provider on the same server. `mount(app)` goes before the app's body parsers (the provider
 * reads its own bodies) and before its pages.
 */
import type { Express } from 'express';
import type { Sql } from 'postgres';
import type { JWK } from 'jose';
import type { ClaimMapping } from '@cspr/domain';
import { createSignIn } from './create-sign-in';
import { migrateSessions } from './session-store';
import type { SignIn, SignInLogger } from './sign-in-types';
import type { GrantsFor } from './signed-in-user';
import { createEmbeddedProvider, GATEWAY_RESOURCE } from './embedded-provider/embedded-provider';

export type SignInSettings = {
  /** OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: all absent means the embedded provider (never in production). */
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  /** OIDC_RESOURCE: resource indicator sent for the gateway's access tokens; unset for providers without RFC 8707. */
  resource?: string;
  /** OIDC_SCOPE. Default `openid email profile`. */
  scope?: string;
  /** SESSION_SECRET; development default: a fixed development value (refused in production). */
  sessionSecret?: string;
  /** SESSION_TIMEOUT_MINUTES. Default 30. */
  timeoutMinutes?: number;
  /** SESSION_COOKIE_SECURE. Default: true unless the public address is plain http. */
  secureCookies?: boolean;
  /** AUTH_ORGANISATION_CLAIM, AUTH_ROLE_CLAIM, AUTH_ORGANISATION_PARTNERSHIPS: access for people with no grant. */
  claimMapping?: ClaimMapping;
};

export type SetUpSignInOptions = {
  sql: Sql;
  /** PUBLIC_URL: where browsers reach the pages, e.g. http://localhost:4000. */
  baseUrl: string;
  dataDir: string;
  production: boolean;
  settings: SignInSettings;
  grantsFor: GrantsFor;
  logger: SignInLogger;
};

export type SetUpSignIn = {
  signIn: SignIn;
  mount: (app: Express) => void;
  /** The embedded provider's issuer and public keys, for the gateway's verifier; absent with an external provider. */
  embedded?: { issuer: string; publicKeys: JWK[]; audience: string };
};

const DEVELOPMENT_SESSION_SECRET = 'cspr-development-session-secret-not-for-production';

export const setUpSignIn = async (options: SetUpSignInOptions): Promise<SetUpSignIn> => {
  const { settings, production } = options;
  if (production && (!settings.issuer || !settings.clientId || !settings.clientSecret || !settings.sessionSecret)) {
    throw new Error('Production needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and SESSION_SECRET');
  }
  await migrateSessions(options.sql);
  const embedded = settings.issuer
    ? undefined
    : await createEmbeddedProvider({ baseUrl: options.baseUrl, dataDir: options.dataDir, production });
  const resource = settings.resource ?? (embedded ? GATEWAY_RESOURCE : undefined);
  const signIn = createSignIn({
    sql: options.sql,
    provider: embedded
      ? { issuer: embedded.issuer, clientId: embedded.clientId, clientSecret: embedded.clientSecret }
      : {
          issuer: settings.issuer!,
          clientId: settings.clientId!,
          ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
        },
    baseUrl: options.baseUrl,
    sessionSecret: settings.sessionSecret ?? DEVELOPMENT_SESSION_SECRET,
    ...(settings.secureCookies !== undefined ? { secureCookies: settings.secureCookies } : {}),
    ...(settings.timeoutMinutes ? { timeoutMinutes: settings.timeoutMinutes } : {}),
    ...(settings.scope ? { scope: settings.scope } : {}),
    ...(resource ? { resource } : {}),
    grantsFor: options.grantsFor,
    ...(settings.claimMapping ? { claimMapping: settings.claimMapping } : {}),
    logger: options.logger,
  });
  return {
    signIn,
    mount: (app) => {
      if (embedded) {
        app.use('/oidc', embedded.handler);
        app.use(embedded.interactionRouter);
      }
      app.use(signIn.loadSession);
      app.use(signIn.router);
    },
    ...(embedded ? { embedded: { issuer: embedded.issuer, publicKeys: embedded.publicKeys, audience: 'cspr' } } : {}),
  };
};
