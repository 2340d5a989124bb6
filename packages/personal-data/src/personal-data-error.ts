/**
 * The one error type of this package. Messages name what failed and the subject at most: never a plaintext,
 * a key or a ciphertext, because errors reach logs and clients (docs/architecture.md, rule 7).
 */
export type PersonalDataErrorCode =
  /** The sealed value is not a `{ sealed: { v: 1, keyId, iv, tag, ciphertext } }` envelope. */
  | 'malformed'
  /** Authentication failed: the ciphertext, tag or IV was altered, or the envelope belongs to another subject. */
  | 'tampered'
  /** No data key is recorded for the subject (e.g. a blob moved to a subject that never had personal data). */
  | 'key_not_found'
  /** The envelope names a data key that is not the subject's. */
  | 'key_mismatch'
  /** Sealing was attempted for a subject whose data key has been destroyed. */
  | 'erased'
  /** The master key is missing or not 32 bytes, or a wrapped data key could not be unwrapped. */
  | 'master_key'
  /** A caller-supplied argument is invalid (an erasure without reason or approval, personal data that is not JSON). */
  | 'invalid_argument'
  /** The read audit could not be written, so the plaintext was withheld. */
  | 'audit_failed';

export class PersonalDataError extends Error {
  override readonly name = 'PersonalDataError';
  constructor(
    readonly code: PersonalDataErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const isPersonalDataError = (error: unknown): error is PersonalDataError => error instanceof PersonalDataError;
