/**
 * The embedded OpenID provider for `npm start` (oidc-provider, a certified implementation), mounted under /oidc on
 * the platform's own server: authorization code with PKCE required, RP-initiated logout, JWT access tokens for the
 * gateway through a resource indicator, and a GOV.UK-styled page where a developer picks an account. Refused in
 * production: there the platform signs in through the organisation's provider (OIDC_ISSUER).
 */
import { randomBytes } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import Provider, { errors } from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { JWK } from 'jose';
import { DEV_ACCOUNTS, devAccount } from './dev-accounts';
import { loadOrCreateProviderKeys, publicJwks } from './provider-keys';

export const EMBEDDED_CLIENT_ID = 'cspr-web';
/** The gateway as a resource server: the `resource` the web asks tokens for, and their audience. */
export const GATEWAY_RESOURCE = 'urn:cspr:gateway';
export const GATEWAY_AUDIENCE = 'cspr';
const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export type EmbeddedProviderOptions = {
  /** Public address of the platform, e.g. http://localhost:4000; the issuer is `<baseUrl>/oidc`. */
  baseUrl: string;
  dataDir: string;
  production: boolean;
  /** Client secret the web uses. Default: random per start (the web gets it from here). */
  clientSecret?: string;
};

export type EmbeddedProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Mount at /oidc before any body parser: oidc-provider reads its own bodies. */
  handler: (req: Request, res: Response) => void;
  /** The account picker (`/sign-in/dev/:uid`), an Express router to mount beside the sign-in routes. */
  interactionRouter: Router;
  /** Public signing keys, so the gateway verifies access tokens without calling back over HTTP. */
  publicKeys: JWK[];
};

const page = (title: string, body: string) => `<!DOCTYPE html>
<html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>${title} – Development sign-in</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/assets/govuk-frontend.min.css"></head>
<body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
${body}</main></div></body></html>`;

export const createEmbeddedProvider = async (options: EmbeddedProviderOptions): Promise<EmbeddedProvider> => {
  if (options.production)
    throw new Error(
      'The embedded identity provider is for development only: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET',
    );
  const issuer = `${options.baseUrl.replace(/\/$/, '')}/oidc`;
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const keys = await loadOrCreateProviderKeys(options.dataDir);
  const signedOut = new URL('/signed-out', options.baseUrl).href;

  const configuration: Configuration = {
    clients: [
      {
        client_id: EMBEDDED_CLIENT_ID,
        client_secret: clientSecret,
        client_name: 'Child safeguarding practice reviews',
        redirect_uris: [new URL('/auth/callback', options.baseUrl).href],
        post_logout_redirect_uris: [signedOut, `${signedOut}?reason=timeout`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: keys as never },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Grant: 14 * 24 * 3600,
      RefreshToken: 24 * 3600,
      Session: 24 * 3600,
    },
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'organisation'] },
    findAccount: (_ctx, id) => {
      const account = devAccount(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: account.email,
          email_verified: true,
          name: account.name,
          organisation: account.organisation,
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/sign-in/dev/${interaction.uid}` },
    // First-party client: consent is implied, so the grant is made on first use instead of a consent page.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid email profile offline_access');
      grant.addOIDCClaims(['email', 'email_verified', 'name', 'organisation']);
      grant.addResourceScope(GATEWAY_RESOURCE, 'api');
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // Submits itself (our own sign-out already asked); a button remains for browsers without JavaScript.
        logoutSource: async (ctx, form) => {
          ctx.body = page(
            'Signing you out',
            `${form}<h1 class="govuk-heading-l">Signing you out</h1>
<button class="govuk-button" type="submit" form="op.logoutForm" name="logout" value="yes">Continue</button>
<script>document.getElementById('op.logoutForm').insertAdjacentHTML('beforeend','<input type="hidden" name="logout" value="yes">');document.getElementById('op.logoutForm').submit()</script>`,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = page('You have signed out', '<h1 class="govuk-heading-l">You have signed out</h1>');
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => GATEWAY_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== GATEWAY_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: 'api',
            audience: GATEWAY_AUDIENCE,
            accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        'There was a problem signing you in',
        `<h1 class="govuk-heading-l">There was a problem signing you in</h1>
<p class="govuk-body">${out.error === 'invalid_request' ? 'The sign-in request was not valid.' : 'The sign-in service could not complete the request.'}</p>
<p class="govuk-body"><a class="govuk-link" href="/sign-in">Sign in again</a></p>`,
      );
    },
  };

  const provider = new Provider(issuer, configuration);
  // Mounted with app.use('/oidc', handler): oidc-provider finds its mount path from req.originalUrl.
  const handler = provider.callback() as unknown as (req: Request, res: Response) => void;

  const interactionRouter = express.Router();
  interactionRouter.get('/sign-in/dev/:uid', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name !== 'login')
        return await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
      return res.render('sign-in/embedded-provider/choose-account.njk', {
        pageTitle: 'Choose a development account',
        uid: details.uid,
        accounts: DEV_ACCOUNTS,
      });
    } catch (error) {
      return next(error);
    }
  });
  interactionRouter.post(
    '/sign-in/dev/:uid',
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req, res, next) => {
      try {
        const details = await provider.interactionDetails(req, res);
        const subject = (req.body as Record<string, unknown> | undefined)?.account;
        const account = typeof subject === 'string' ? devAccount(subject) : undefined;
        if (!account) {
          res.status(400);
          return res.render('sign-in/embedded-provider/choose-account.njk', {
            pageTitle: 'Error: Choose a development account',
            uid: details.uid,
            accounts: DEV_ACCOUNTS,
            error: 'Select the account to sign in as',
          });
        }
        return await provider.interactionFinished(
          req,
          res,
          { login: { accountId: account.subject } },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        return next(error);
      }
    },
  );

  return {
    issuer,
    clientId: EMBEDDED_CLIENT_ID,
    clientSecret,
    handler,
    interactionRouter,
    publicKeys: publicJwks(keys),
  };
};
