/**
 * Who is signed in, as the sign-in module's `loadSession` puts it on `res.locals.user`. The access token is for
 * calling the gateway only: it is never rendered into a page.
 */
import type { RequestHandler } from 'express';

export type SignedInUser = {
  subject: string;
  displayName: string;
  email?: string;
  roles: string[];
  partnershipId?: string;
  partnershipName?: string;
  accessToken: string;
};

/** What the web app needs from the sign-in module (services/web/src/sign-in): the seam, kept small. */
export type SignInModule = {
  /** /sign-in, /sign-out, the OIDC callback and any pages of its own. */
  router: RequestHandler;
  /** Sets res.locals.user (or leaves it undefined) and res.locals.csrfToken. */
  loadSession: RequestHandler;
  /** Sends someone not signed in to sign in, coming back to where they were. */
  requireSignedIn: RequestHandler;
  /** Refuses a form post without this session's CSRF token. */
  verifyCsrf: RequestHandler;
};
