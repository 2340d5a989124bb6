/**
 * The embedded/dev signing key: an ES256 key pair kept in the data folder (`<DATA_DIR>/dev-signing-key.json`,
 * mode 0600), made on first use. `npm run token` signs with it and the gateway verifies with its public half, so
 * a fresh clone has working tokens without an identity provider. Never used when AUTH_JWKS_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK } from 'jose';
import type { CryptoKey, JWK } from 'jose';

export const DEV_KEY_FILE = 'dev-signing-key.json';
export const DEV_ALGORITHM = 'ES256';
/** Issuer and audience of dev tokens; the verifier checks both, as in production. */
export const DEV_ISSUER = 'cspr-dev';
export const DEV_AUDIENCE = 'cspr';

export type DevSigningKey = { kid: string; privateKey: CryptoKey; publicKey: CryptoKey };

type StoredKey = { kid: string; alg: string; privateJwk: JWK; publicJwk: JWK };

const load = async (path: string): Promise<DevSigningKey | undefined> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const stored = JSON.parse(text) as StoredKey;
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, DEV_ALGORITHM)) as CryptoKey,
    publicKey: (await importJWK(stored.publicJwk, DEV_ALGORITHM)) as CryptoKey,
  };
};

/** Loads the key pair from `dataDir`, or makes and saves one (0600) when there is none yet. */
export const loadOrCreateDevSigningKey = async (dataDir: string): Promise<DevSigningKey> => {
  const path = join(dataDir, DEV_KEY_FILE);
  const existing = await load(path);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true });
  const { privateKey, publicKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
  const kid = randomUUID();
  const stored: StoredKey = {
    kid,
    alg: DEV_ALGORITHM,
    privateJwk: await exportJWK(privateKey),
    publicJwk: await exportJWK(publicKey),
  };
  try {
    // 'wx': two processes starting together must not overwrite each other's key; the loser reads the winner's.
    await writeFile(path, JSON.stringify(stored, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return (await load(path))!;
    throw error;
  }
  await chmod(path, 0o600);
  return { kid, privateKey, publicKey };
};
