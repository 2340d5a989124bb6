/**
 * The session cookie: `<id>.<HMAC-SHA256(id, SESSION_SECRET)>`, HttpOnly, SameSite=Lax, Secure outside plain-HTTP
 * development (then named with the `__Host-` prefix, so no subdomain can set or widen it). A value whose MAC does
 * not match is treated as no cookie: the visitor is simply signed out.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export type CookieSettings = {
  secret: string;
  /** Secure cookie (HTTPS only). Default true; false only for plain-HTTP development. */
  secure: boolean;
  /** Default `cspr_session`, or `__Host-cspr_session` when secure. */
  name?: string;
};

export const cookieName = (settings: CookieSettings) =>
  settings.name ?? (settings.secure ? '__Host-cspr_session' : 'cspr_session');

const mac = (secret: string, id: string) => createHmac('sha256', secret).update(id).digest('base64url');

export const signSessionId = (secret: string, id: string) => `${id}.${mac(secret, id)}`;

/** The session id from a signed value, or undefined when the value was tampered with or is malformed. */
export const verifySessionValue = (secret: string, value: string | undefined): string | undefined => {
  if (!value || value.length > 200) return undefined;
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const id = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(mac(secret, id));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
};

/** Reads one cookie from the header without a parser dependency (names are ours; values are base64url). */
export const readCookie = (req: Request, name: string): string | undefined => {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
};

export const setSessionCookie = (res: Response, settings: CookieSettings, id: string) =>
  res.cookie(cookieName(settings), signSessionId(settings.secret, id), {
    httpOnly: true,
    secure: settings.secure,
    sameSite: 'lax',
    path: '/',
  });

export const clearSessionCookie = (res: Response, settings: CookieSettings) =>
  res.clearCookie(cookieName(settings), { httpOnly: true, secure: settings.secure, sameSite: 'lax', path: '/' });
