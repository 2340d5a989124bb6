/**
 * The seam with the sign-in module (services/web/src/sign-in): who is signed in, as its `loadSession` puts it on
 * `res.locals.user`, and what the app needs from it. The access token is for calling the gateway only.
 */
import type { RequestHandler } from 'express';
import type { SetUpSignIn } from '../sign-in';

export type { SignedInUser } from '../sign-in';

/** `setUpSignIn(...)`'s answer: `mount` adds the provider (embedded), `loadSession` and the sign-in routes. */
export type SignInModule = Pick<SetUpSignIn, 'mount'> & { signIn: { requireSignedIn: RequestHandler } };
