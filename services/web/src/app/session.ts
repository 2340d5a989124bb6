/**
 * The signed-in user: the bearer token (the same tokens as the API) and the claims read from it for display only.
 * The gateway verifies the token on every request; the browser never trusts its own reading for access.
 * Kept in sessionStorage so closing the tab signs out on a shared office computer.
 */
import { clearAllDrafts } from './drafts';

export type Role = 'partnership' | 'panel' | 'ofsted' | 'admin' | 'agency' | 'dfe';
const ROLES: readonly string[] = ['partnership', 'panel', 'ofsted', 'admin', 'agency', 'dfe'];
export type Session = { token: string; role: Role; partnershipId?: string; userId: string; expiresAt?: number };

const KEY = 'cspr.session';

const base64UrlDecode = (text: string): string => {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return decodeURIComponent(Array.from(atob(padded), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
};

/** Reads the claims of a JWT without verifying it (the gateway verifies). Undefined when it is not a token. */
export const readTokenClaims = (token: string): Omit<Session, 'token'> | undefined => {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(base64UrlDecode(parts[1]!)) as Record<string, unknown>;
    const role = claims.role;
    if (typeof role !== 'string' || !ROLES.includes(role)) return undefined;
    return {
      role: role as Role,
      userId: typeof claims.sub === 'string' ? claims.sub : 'unknown',
      ...(typeof claims.partnership === 'string' ? { partnershipId: claims.partnership } : {}),
      ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp * 1000 } : {}),
    };
  } catch {
    return undefined;
  }
};

export const currentSession = (): Session | undefined => {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return undefined;
  const session = JSON.parse(stored) as Session;
  if (session.expiresAt !== undefined && session.expiresAt < Date.now()) {
    sessionStorage.removeItem(KEY);
    return undefined;
  }
  return session;
};

export const signIn = (token: string): Session | undefined => {
  const claims = readTokenClaims(token);
  if (!claims) return undefined;
  const session = { token: token.trim(), ...claims };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
};

/** Ends the session and removes every draft: a draft may hold case details and must not outlive the sign-in. */
export const signOut = (): void => {
  sessionStorage.removeItem(KEY);
  clearAllDrafts(sessionStorage);
  clearAllDrafts(globalThis.localStorage);
};

/** The workspace a role lands on after signing in. */
export const homeOf = (session: Session | undefined): string =>
  session?.role === 'partnership' ? '#/partnership' : session?.role === 'panel' ? '#/panel' : session?.role === 'agency' ? '#/agency/referrals'
    : session?.role === 'dfe' ? '#/dfe' : '#/reports';
