// Public surface of @cspr/gateway: built here, mounted at /graphql by services/platform or started by main.ts.
export { createGateway } from './yoga';
export { composeGateway, partnershipExists } from './compose-gateway';
export type { ComposeGatewayOptions, ComposedGateway } from './compose-gateway';
export type { Gateway, GatewayOptions } from './yoga';
export type { GatewayContext, GatewayServices } from './gateway-context';
export {
  createTokenVerifier,
  createDevTokenVerifier,
  createTokenVerifierFromConfig,
  AuthenticationError,
  PRODUCTION_ALGORITHMS,
} from './auth/verify-token';
export type { TokenVerifier, VerifierOptions, AuthConfig } from './auth/verify-token';
export { loadOrCreateDevSigningKey, DEV_KEY_FILE, DEV_ISSUER, DEV_AUDIENCE } from './auth/dev-signing-key';
export type { DevSigningKey } from './auth/dev-signing-key';
export { mintDevToken } from './auth/mint-token';
export type { DevTokenRequest } from './auth/mint-token';
export type { Principal } from './auth/principal';
export { buildSchema } from './schema/index';
export {
  allowListFromDocuments,
  apiClientAllowList,
  apiClientDocuments,
  loadAllowedOperations,
} from './hardening/index';
export { createGrantsLookup, grantsPrincipal, principalFromGrants, GRANTS_CACHE_MS } from './auth/grants-principal';
export type { GrantsLookup } from './auth/grants-principal';
export { createIssuerRoutedVerifier, createEmbeddedProviderVerifier } from './auth/issuer-verifier';
