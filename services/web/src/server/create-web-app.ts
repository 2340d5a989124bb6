/**
 * The web application: an Express app that renders GOV.UK pages on the server and calls the gateway with the
 * signed-in person's token. Built here, started by whoever composes it (the platform in one process, or
 * `web-main.ts` on its own); nothing listens until they do.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_FEEDBACK_EMAIL } from '@cspr/config';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { gatewayClient, GatewayError, type GatewayFetch } from './gateway-client';
import { homeOf, navigationFor } from './navigation';
import { nunjucksSetup } from './nunjucks-setup';
import { consistentAfterFrom } from './read-your-writes';
import type { SignedInUser, SignInModule } from './signed-in-user';
import { assetUrls, refuseMalformedPaths, staticAssets } from './static-assets';
import { multipartForm } from './multipart-form';
import { pageRoutes } from './page-routes';
import { verifyCsrf } from '../sign-in';
import { devMailboxRoutes, type DevMailbox } from '../dev-mailbox/dev-mailbox-page';

export type WebAppOptions = {
  /** How to reach the gateway: `yoga.fetch` in one process, or `fetch` when the gateway runs apart. */
  gateway: GatewayFetch;
  /** Address of /graphql for `gateway`. Default: a placeholder host (in-process only the path matters). */
  gatewayUrl?: string;
  /** Sign-in, sessions and CSRF (`setUpSignIn` of services/web/src/sign-in). Without it every visitor is public. */
  signIn?: SignInModule;
  /** Re-read templates on every request. Default false. */
  watchViews?: boolean;
  /** Logs unexpected errors; never given a token or a child's details. Default: console.error. */
  logError?: (error: unknown, context: { path: string }) => void;
  /** The development mailbox (/dev/mailbox): given on the embedded default only, never in production. */
  devMailbox?: DevMailbox;
  /** The mailbox the feedback page names (FEEDBACK_EMAIL). Default: @cspr/config's DEFAULT_FEEDBACK_EMAIL. */
  feedbackEmail?: string;
  /**
   * Addresses of the proxies in front (TRUSTED_PROXIES, as the gateway has them). Only a connection from one of
   * these has its X-Forwarded-For, -Proto and -Host believed (req.ip, req.secure, req.protocol). Default none.
   */
  trustedProxies?: readonly string[];
};

/**
 * Scripts only from this origin and the template's one inline script (by nonce); styles only from this origin.
 * Forms post only here: a page cannot be made to send what someone typed elsewhere.
 */
const contentSecurityPolicy = (nonce: string) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');

const securityHeaders: RequestHandler = (req, res, next) => {
  // The embedded identity provider sets its own headers on its own endpoints.
  if (req.path.startsWith('/oidc/') || req.path === '/oidc') return next();
  const nonce = randomBytes(16).toString('base64');
  res.locals.cspNonce = nonce;
  res.set({
    'content-security-policy': contentSecurityPolicy(nonce),
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
  });
  next();
};

const publicVisitor: RequestHandler = (_req, res, next) => {
  res.locals.user = undefined;
  next();
};

export const createWebApp = (options: WebAppOptions): Express => {
  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy in production (TLS ends there): req.ip, req.secure and req.protocol come from its headers, but
  // only when the connection is from that proxy. Trusting "one hop" would believe any caller that wrote them.
  const trustedProxies = options.trustedProxies ?? [];
  app.set('trust proxy', trustedProxies.length > 0 ? [...trustedProxies] : false);
  nunjucksSetup(app, { watch: options.watchViews ?? false });
  app.locals.assets = assetUrls();
  const client = gatewayClient({ send: options.gateway, ...(options.gatewayUrl ? { url: options.gatewayUrl } : {}) });

  app.use(refuseMalformedPaths);
  app.use(staticAssets());
  app.use(securityHeaders);
  // Pages the sign-in module renders (choosing an account, signed out) get the anonymous navigation.
  app.use((req, res, next) => {
    res.locals.navigation = navigationFor(undefined, req.path);
    next();
  });
  // Before the body parser: the embedded provider reads its own request bodies.
  if (options.signIn) options.signIn.mount(app);
  else app.use(publicVisitor);
  app.use(
    express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 500 }),
    multipartForm({
      send: options.gateway,
      ...(options.gatewayUrl ? { documentsUrl: options.gatewayUrl.replace(/\/graphql$/, '/documents') } : {}),
    }),
  );
  app.use((req, res, next) => {
    const user = res.locals.user as SignedInUser | undefined;
    res.locals.navigation = navigationFor(user, req.path);
    res.locals.home = homeOf(user);
    res.locals.gateway = client(user?.accessToken, consistentAfterFrom(req));
    // Pages with someone's case on them are not kept by the browser or anything between.
    if (user) res.set('cache-control', 'no-store');
    next();
  });
  // Every form post carries this session's CSRF token (the sign-in module checks it).
  if (options.signIn) app.use((req, res, next) => (req.method === 'POST' ? verifyCsrf(req, res, next) : next()));

  app.get('/', (_req, res) => res.redirect(303, res.locals.home as string));
  if (options.devMailbox) app.use(devMailboxRoutes(options.devMailbox));
  app.use(
    pageRoutes(
      { feedbackEmail: options.feedbackEmail ?? DEFAULT_FEEDBACK_EMAIL },
      options.signIn?.signIn.requireSignedIn,
    ),
  );

  app.use((_req, res) => {
    res.status(404).render('views/error', { pageTitle: 'Page not found', code: 'NOT_FOUND' });
  });
  const errorPage: ErrorRequestHandler = (error, req, res, _next) => {
    if (res.headersSent) return;
    if (error instanceof GatewayError) {
      if (error.code === 'UNAUTHENTICATED') {
        res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      res
        .status(error.status)
        .render('views/error', { pageTitle: titleOf(error.code), code: error.code, message: error.message });
      return;
    }
    const status =
      typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
    if (status >= 500) (options.logError ?? ((e) => console.error(e)))(error, { path: req.path });
    res.status(status).render('views/error', {
      pageTitle: status === 400 ? 'Bad request' : titleOf('UNEXPECTED'),
      code: status === 400 ? 'BAD_REQUEST' : 'UNEXPECTED',
    });
  };
  app.use(errorPage);
  return app;
};

const titleOf = (code: string): string =>
  code === 'NOT_FOUND'
    ? 'Page not found'
    : code === 'FORBIDDEN'
      ? 'You do not have access to this page'
      : code === 'UNAVAILABLE'
        ? 'Sorry, the service is unavailable'
        : code === 'BAD_USER_INPUT'
          ? 'Bad request'
          : 'Sorry, there is a problem with the service';
