/**
 * Signing keys of the embedded provider, kept in the data folder (`<DATA_DIR>/oidc-provider-keys.json`, 0600) so
 * access tokens held in sessions stay valid across restarts: RS256 for ID tokens (the OIDC default), ES256 for the
 * gateway's JWT access tokens.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';

export const PROVIDER_KEYS_FILE = 'oidc-provider-keys.json';

const make = async (alg: 'RS256' | 'ES256'): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), alg, use: 'sig', kid: randomUUID() };
};

export const loadOrCreateProviderKeys = async (dataDir: string): Promise<JWK[]> => {
  const path = join(dataDir, PROVIDER_KEYS_FILE);
  try {
    return (JSON.parse(await readFile(path, 'utf8')) as { keys: JWK[] }).keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const keys = [await make('RS256'), await make('ES256')];
  try {
    await writeFile(path, JSON.stringify({ keys }), { mode: 0o600, flag: 'wx' });
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return (JSON.parse(await readFile(path, 'utf8')) as { keys: JWK[] }).keys;
    throw error;
  }
};

/** The public halves, for the gateway's verifier. */
export const publicJwks = (keys: readonly JWK[]): JWK[] =>
  keys.map(
    ({ kty, crv, x, y, n, e, alg, kid, use }) =>
      Object.fromEntries(
        Object.entries({ kty, crv, x, y, n, e, alg, kid, use }).filter(([, v]) => v !== undefined),
      ) as JWK,
  );
