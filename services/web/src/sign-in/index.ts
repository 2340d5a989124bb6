/**
 * Sign-in for the web pages: OpenID Connect authorization code flow with PKCE, state and nonce (openid-client),
 * sessions held on the server (PostgreSQL), an HttpOnly session cookie, an inactivity timeout with a warning, and
 * CSRF tokens per session. The app mounts `router`, runs `loadSession` before its pages, `requireSignedIn` before
 * pages that need a user, and `verifyCsrf` on form posts.
 */
export { verifyCsrf, CSRF_FIELD } from './csrf';
export { migrateSessions } from './session-store';
export { safeReturnPath } from './return-path';
export type { AccessGrant, GrantsFor, Identity, SignedInUser } from './signed-in-user';

export type { SessionLocals, SignIn, SignInLogger, SignInOptions } from './sign-in-types';
export { createSignIn } from './create-sign-in';
export { setUpSignIn } from './set-up-sign-in';
export { grantsInForce } from './grants-in-force';
export type { SetUpSignIn, SetUpSignInOptions, SignInSettings } from './set-up-sign-in';
export { DEV_ACCOUNTS } from './embedded-provider/dev-accounts';
export type { DevAccount } from './embedded-provider/dev-accounts';
