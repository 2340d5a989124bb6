import { createHmac, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KEY_BYTES, decrypt, encrypt, fromBase64 } from './aes-gcm';
import { PersonalDataError } from './personal-data-error';

/**
 * The KMS extension point: wraps and unwraps per-subject data keys. `createMasterKeyWrapper` implements it with a
 * local master key; a production deployment can implement it with a cloud KMS (wrap = Encrypt, unwrap = Decrypt)
 * so the master key never enters the process. `keyId` names the wrapping key and is stored beside each wrapped
 * data key, which is what makes rotation (`rewrapAll`) possible.
 */
export type KeyWrapper = {
  wrap(dataKey: Uint8Array): Promise<string>;
  unwrap(wrapped: string): Promise<Uint8Array>;
  keyId: string;
};

const WRAP_AAD = Buffer.from('cspr.personal-data.data-key.v1');

const checkMasterKey = (key: Uint8Array): void => {
  if (key.length !== KEY_BYTES)
    throw new PersonalDataError('master_key', `The master key must be ${KEY_BYTES} bytes, got ${key.length}`);
};

/**
 * AES-256-GCM key wrapping with node:crypto. The wrapped form is `<iv>.<tag>.<ciphertext>` in base64. The key id is
 * an HMAC of a fixed label under the key: stable, distinct per key, and useless for guessing the key.
 */
export const createMasterKeyWrapper = (masterKey: Uint8Array): KeyWrapper => {
  checkMasterKey(masterKey);
  const key = Buffer.from(masterKey);
  const keyId = `master:${createHmac('sha256', key).update('cspr.personal-data.key-id').digest('hex').slice(0, 16)}`;
  return {
    keyId,
    wrap: async (dataKey) => {
      const box = encrypt(key, dataKey, WRAP_AAD);
      return [box.iv, box.tag, box.ciphertext].map((part) => part.toString('base64')).join('.');
    },
    unwrap: async (wrapped) => {
      const parts = wrapped.split('.');
      if (parts.length !== 3)
        throw new PersonalDataError('master_key', 'A wrapped data key is not <iv>.<tag>.<ciphertext>');
      try {
        const [iv, tag, ciphertext] = parts.map((part) => fromBase64(part, 'wrapped data key')) as [
          Buffer,
          Buffer,
          Buffer,
        ];
        return new Uint8Array(decrypt(key, { iv, tag, ciphertext }, WRAP_AAD, 'wrapped data key'));
      } catch {
        throw new PersonalDataError(
          'master_key',
          `A data key could not be unwrapped with master key ${keyId} (wrong master key?)`,
        );
      }
    },
  };
};

export type LoadMasterKeyOptions = {
  /** Base64 of 32 bytes, normally `process.env.CSPR_MASTER_KEY`. Wins over the dev file when set. */
  env?: string;
  /** Dev/embedded only: read `<dataDir>/master.key`, creating it (mode 0600) with a random key if absent. */
  dataDir?: string;
  /** When true, only `env` is accepted: a production master key never sits in a file beside the data. */
  production?: boolean;
};

const decodeMasterKey = (text: string, source: string): Uint8Array => {
  const trimmed = text.trim();
  if (trimmed.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed)) {
    throw new PersonalDataError('master_key', `${source} must be base64 of ${KEY_BYTES} bytes`);
  }
  const bytes = Buffer.from(trimmed, 'base64');
  checkMasterKey(bytes);
  return new Uint8Array(bytes);
};

export const loadMasterKey = async (options: LoadMasterKeyOptions): Promise<Uint8Array> => {
  if (options.env !== undefined && options.env.trim() !== '') return decodeMasterKey(options.env, 'CSPR_MASTER_KEY');
  if (options.production) {
    throw new PersonalDataError(
      'master_key',
      'CSPR_MASTER_KEY is required in production (base64 of 32 bytes); the dev key file is refused',
    );
  }
  if (!options.dataDir)
    throw new PersonalDataError('master_key', 'Set CSPR_MASTER_KEY or give a data folder for the dev master key');
  const path = join(options.dataDir, 'master.key');
  try {
    return decodeMasterKey(await readFile(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const fresh = randomBytes(KEY_BYTES);
  try {
    // 'wx': if another process made the file meanwhile, keep theirs (two keys would orphan one side's data).
    await writeFile(path, `${fresh.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return decodeMasterKey(await readFile(path, 'utf8'), path);
  }
  await chmod(path, 0o600);
  return new Uint8Array(fresh);
};
