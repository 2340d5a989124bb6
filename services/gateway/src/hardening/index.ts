// The gateway's hardening plugins (issue 5). The gateway adds `hardeningPlugins(...)` to its Yoga plugins.
export { hardeningPlugins, HARDENING_DEFAULTS } from './hardening-plugins';
export type { HardeningOptions } from './hardening-plugins';
export { allowListFromDocuments, loadAllowedOperations, operationId, useAllowedOperations } from './allowed-operations';
export type { AllowedOperations } from './allowed-operations';
export { apiClientAllowList, apiClientDocuments } from './api-client-operations';
export { useBodySizeLimit } from './body-size-limit';
export { useRateLimit, createTokenBuckets, defaultRateLimitKey } from './rate-limit';
export type { RateLimitKey, RateLimitOptions } from './rate-limit';
export { usePageSizeCap } from './page-size-cap';
