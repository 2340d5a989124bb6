/**
 * CSRF protection for form posts: one random token per session (`res.locals.csrfToken`, rendered as a hidden
 * `_csrf` field); a POST without the session's token is refused with 403. SameSite=Lax already stops most
 * cross-site posts; the token covers older browsers and same-site subdomains.
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const CSRF_FIELD = '_csrf';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Expects a parsed urlencoded body (or the `x-csrf-token` header for the session keep-alive). */
export const verifyCsrf = (req: Request, res: Response, next: NextFunction) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const expected = res.locals.csrfToken as string | undefined;
  const body = req.body as Record<string, unknown> | undefined;
  const given = typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : req.get('x-csrf-token');
  if (expected && given && same(expected, given)) return next();
  res.status(403);
  return res.render('sign-in/form-expired.njk', { pageTitle: 'Your form has expired' });
};
