/**
 * Read your own writes: after a mutation the page that follows waits until the read models have caught up with
 * the log position the mutation returned. The position (a number in the log, nothing personal) travels in a
 * short-lived cookie from the POST to the GET it redirects to.
 */
import type { Request, Response } from 'express';

const COOKIE = 'cspr-position';

export const rememberPosition = (res: Response, position: string | null | undefined): void => {
  if (!position) return;
  res.cookie(COOKIE, position, {
    httpOnly: true,
    sameSite: 'lax',
    secure: res.req.secure,
    maxAge: 10 * 60_000,
    path: '/',
  });
};

export const consistentAfterFrom = (req: Request): string | undefined => {
  const match = /(?:^|;\s*)cspr-position=([^;]+)/.exec(req.headers.cookie ?? '');
  const value = match ? decodeURIComponent(match[1]!) : undefined;
  // Positions are numbers or `xid:position` pairs: anything else is ignored rather than sent to the gateway.
  return value && /^[\w:.-]{1,64}$/.test(value) ? value : undefined;
};
