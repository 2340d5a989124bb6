/**
 * A small app around the sign-in for its own tests: the embedded provider at /oidc, the sign-in routes, a public
 * page, a page that needs a user and a form post guarded by CSRF. The real composition is the web app's.
 */
import { createServer, type Server } from 'node:http';
import express from 'express';
import type { Sql } from 'postgres';
import { createSignIn, migrateSessions, verifyCsrf } from '../index';
import type { GrantsFor, SignIn, SignInOptions } from '../index';
import { createEmbeddedProvider } from '../embedded-provider/embedded-provider';
import type { EmbeddedProvider } from '../embedded-provider/embedded-provider';
import { DEV_ACCOUNTS } from '../embedded-provider/dev-accounts';
import { assetUrls, nunjucksSetup } from '@cspr/web';

/** Grants as the dev accounts get them at start (the platform reads them from the grants read model). */
export const devGrants: GrantsFor = async ({ subject }) => {
  const grant = DEV_ACCOUNTS.find((a) => a.subject === subject)?.grant;
  return grant ? [grant] : [];
};

export type SignInApp = {
  server: Server;
  baseUrl: string;
  signIn: SignIn;
  provider: EmbeddedProvider;
  close: () => Promise<void>;
};

export const startSignInApp = async (options: {
  sql: Sql;
  dataDir: string;
  grantsFor?: GrantsFor;
  overrides?: Partial<SignInOptions>;
  /** Point the web at another issuer (e.g. one that is down) instead of the embedded provider. */
  issuer?: string;
}): Promise<SignInApp> => {
  await migrateSessions(options.sql);
  const app = express();
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const baseUrl = `http://localhost:${port}`;
  nunjucksSetup(app);
  app.locals.assets = assetUrls();
  const provider = await createEmbeddedProvider({ baseUrl, dataDir: options.dataDir, production: false });
  const signIn = createSignIn({
    sql: options.sql,
    provider: {
      issuer: options.issuer ?? provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
    },
    baseUrl,
    sessionSecret: 'test-session-secret-of-enough-length',
    grantsFor: options.grantsFor ?? devGrants,
    logger: { info: () => undefined, warn: () => undefined },
    ...options.overrides,
  });
  app.use('/oidc', provider.handler);
  app.use(provider.interactionRouter);
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  app.use(signIn.loadSession);
  app.use(signIn.router);
  app.get('/', (_req, res) => res.render('sign-in/test-support/page.njk', { pageTitle: 'Published reports' }));
  app.get('/private', signIn.requireSignedIn, (_req, res) =>
    res.render('sign-in/test-support/page.njk', { pageTitle: 'Your dashboard' }),
  );
  app.post('/private/form', signIn.requireSignedIn, verifyCsrf, (_req, res) => res.redirect(303, '/private?saved=1'));
  return {
    server,
    baseUrl,
    signIn,
    provider,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
