// Public surface of @cspr/gateway: what services/platform composes and tests start.
export { createGateway } from './yoga';
export type { Gateway, GatewayOptions } from './yoga';
export { createTokenVerifierFromEnv } from './auth/verify-token';
export type { TokenVerifier } from './auth/verify-token';
export { loadAllowedOperations } from './hardening/index';
