/**
 * Where to go after signing in: a local path only. Anything that could leave the site (`//evil`, `/\evil`,
 * `https://…`, control characters, a path into the sign-in routes themselves) falls back to the home page.
 */
const SIGN_IN_PATHS = ['/sign-in', '/auth/callback', '/sign-out', '/signed-out', '/oidc'];

export const safeReturnPath = (value: unknown, fallback = '/'): string => {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, 'http://local.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://local.invalid') return fallback;
  if (SIGN_IN_PATHS.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`))) return fallback;
  return `${url.pathname}${url.search}`;
};
