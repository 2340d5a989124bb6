/** Sign-in settings from the platform's configuration (contract names: OIDC_*, SESSION_*, PUBLIC_URL). */
import type { PlatformConfig } from '@cspr/config';
import type { SignInSettings } from '../sign-in';

export const signInSettingsFromConfig = (config: Pick<PlatformConfig, 'signIn' | 'claimMapping'>): SignInSettings => {
  const s = config.signIn;
  return {
    ...(s.issuer ? { issuer: s.issuer } : {}),
    ...(s.clientId ? { clientId: s.clientId } : {}),
    ...(s.clientSecret ? { clientSecret: s.clientSecret } : {}),
    ...(s.resource ? { resource: s.resource } : {}),
    ...(s.scope ? { scope: s.scope } : {}),
    ...(s.sessionSecret ? { sessionSecret: s.sessionSecret } : {}),
    timeoutMinutes: s.timeoutMinutes,
    ...(s.secureCookies !== undefined ? { secureCookies: s.secureCookies } : {}),
    ...(config.claimMapping.organisationClaim || config.claimMapping.roleClaim
      ? { claimMapping: config.claimMapping }
      : {}),
  };
};
