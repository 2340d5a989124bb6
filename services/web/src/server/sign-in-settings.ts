/** Sign-in settings from the environment (contract names: OIDC_*, SESSION_*, PUBLIC_URL). */
import type { SignInSettings } from '../sign-in';

export const signInSettingsFromEnv = (env: Record<string, string | undefined>): SignInSettings => ({
  ...(env.OIDC_ISSUER ? { issuer: env.OIDC_ISSUER } : {}),
  ...(env.OIDC_CLIENT_ID ? { clientId: env.OIDC_CLIENT_ID } : {}),
  ...(env.OIDC_CLIENT_SECRET ? { clientSecret: env.OIDC_CLIENT_SECRET } : {}),
  ...(env.OIDC_RESOURCE ? { resource: env.OIDC_RESOURCE } : {}),
  ...(env.OIDC_SCOPE ? { scope: env.OIDC_SCOPE } : {}),
  ...(env.SESSION_SECRET ? { sessionSecret: env.SESSION_SECRET } : {}),
  ...(env.SESSION_TIMEOUT_MINUTES ? { timeoutMinutes: Number(env.SESSION_TIMEOUT_MINUTES) } : {}),
  ...(env.SESSION_COOKIE_SECURE ? { secureCookies: env.SESSION_COOKIE_SECURE === 'true' } : {}),
});
