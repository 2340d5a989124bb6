import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PersonalDataError } from './personal-data-error';

/** AES-256-GCM with a fresh 96-bit IV per encryption (NIST SP 800-38D's recommended IV length) and a 128-bit tag. */
const ALGORITHM = 'aes-256-gcm';
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type GcmBox = { iv: Buffer; tag: Buffer; ciphertext: Buffer };

export const encrypt = (key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): GcmBox => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
};

/** Throws `tampered` (never the node:crypto message, which is generic anyway) when authentication fails. */
export const decrypt = (key: Uint8Array, box: GcmBox, aad: Uint8Array, what: string): Buffer => {
  if (box.iv.length !== IV_BYTES || box.tag.length !== TAG_BYTES) {
    throw new PersonalDataError('malformed', `${what}: IV must be ${IV_BYTES} bytes and tag ${TAG_BYTES} bytes`);
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, box.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(box.tag);
    return Buffer.concat([decipher.update(box.ciphertext), decipher.final()]);
  } catch {
    throw new PersonalDataError(
      'tampered',
      `${what}: authentication failed (altered, or sealed for another subject or key)`,
    );
  }
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64: Buffer.from silently skips junk, which would turn tampering into a confusing length error. */
export const fromBase64 = (text: string, what: string): Buffer => {
  if (text.length % 4 !== 0 || !BASE64.test(text)) throw new PersonalDataError('malformed', `${what} is not base64`);
  return Buffer.from(text, 'base64');
};
