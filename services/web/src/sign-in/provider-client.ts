/**
 * The relying party's view of the identity provider (openid-client 6): discovery is lazy and retried, so the web
 * server starts and serves public pages while the provider is down; sign-in then answers "service unavailable"
 * until discovery succeeds.
 */
import * as client from 'openid-client';

export type ProviderSettings = {
  /** OIDC_ISSUER, e.g. http://localhost:4000/oidc (embedded) or https://login.example.gov.uk/realms/cspr. */
  issuer: string;
  clientId: string;
  /** OIDC_CLIENT_SECRET (client_secret_basic). Absent: a public client with PKCE only. */
  clientSecret?: string;
  /** Seconds before a discovery or token request is abandoned. Default 5. */
  timeoutSeconds?: number;
};

/** The provider could not be reached (network, timeout, 5xx on discovery): a GOV.UK "service unavailable" page. */
export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError';
}

export type ProviderClient = {
  configuration: () => Promise<client.Configuration>;
  /** Forget a failed or stale discovery (the next sign-in tries again). */
  reset: () => void;
};

const RETRY_AFTER_FAILURE_MS = 2_000;

export const createProviderClient = (settings: ProviderSettings): ProviderClient => {
  let current: Promise<client.Configuration> | undefined;
  let failedAt = 0;
  const discover = async () => {
    try {
      return await client.discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
        {
          timeout: settings.timeoutSeconds ?? 5,
          ...(settings.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : {}),
        },
      );
    } catch (error) {
      failedAt = Date.now();
      current = undefined;
      throw new ProviderUnavailableError(`Identity provider discovery failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
  return {
    configuration: () => {
      if (!current && Date.now() - failedAt < RETRY_AFTER_FAILURE_MS) {
        return Promise.reject(new ProviderUnavailableError('Identity provider discovery failed moments ago'));
      }
      current ??= discover();
      return current;
    },
    reset: () => {
      current = undefined;
    },
  };
};

/** Network-level failures (refused, reset, timeout) as opposed to a provider that answered "no". */
export const isUnreachable = (error: unknown): boolean => {
  if (error instanceof ProviderUnavailableError) return true;
  const text = `${(error as Error)?.name} ${(error as Error)?.message} ${String((error as { cause?: unknown })?.cause ?? '')}`;
  return /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|TimeoutError|AbortError|ENOTFOUND|socket hang up/i.test(text);
};
