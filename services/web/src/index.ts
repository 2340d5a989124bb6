/**
 * The web application as others compose it: the Express app factory (the platform mounts it beside /graphql in one
 * process; `main.ts` runs it alone against GATEWAY_URL) and the operations the pages send, for the allow-list.
 */
export { createWebApp, type WebAppOptions } from './server/create-web-app';
export type { GatewayFetch } from './server/gateway-client';
export type { SignedInUser, SignInModule } from './server/signed-in-user';
export { allowedOperations, writeAllowedOperations } from './server/allowed-operations';
export { setUpSignIn, grantsInForce, DEV_ACCOUNTS, type SetUpSignIn, type SignInSettings } from './sign-in';
export { signInSettingsFromConfig } from './server/sign-in-settings';
// For the sign-in module's own test app: the same views and assets as the pages.
export { nunjucksSetup } from './server/nunjucks-setup';
export { assetUrls } from './server/static-assets';
