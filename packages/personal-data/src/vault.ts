import { randomBytes, randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import { KEY_BYTES, decrypt, encrypt, fromBase64 } from './aes-gcm';
import type { KeyWrapper } from './key-wrapper';
import { PersonalDataError } from './personal-data-error';
import { createKeyCache } from './key-cache';
import type { ErasureLedger } from './erasure-ledger';
import { rewriteDataKeys } from './rewrite-data-keys';

/** The encrypted envelope stored in an event's `personal` field. All binary fields are base64. */
export type SealedPersonalData = { sealed: { v: 1; keyId: string; iv: string; tag: string; ciphertext: string } };

export type OpenedPersonalData<T> = { status: 'available'; value: T } | { status: 'erased' };

/** Who asked for an erasure, who approved it (a second admin) and why. Stored with the destroyed key: no personal data. */
export type ErasureRequest = { reason: string; requestedBy: string; approvedBy: string };

export type PersonalDataVault = {
  /** Encrypts `personal` (any JSON value) under the subject's data key, creating the key on first use. */
  seal: (subjectId: string, personal: unknown) => Promise<SealedPersonalData>;
  /** `erased` when the subject's key was destroyed or `sealed` is null/undefined (a scrubbed read model). */
  open: <T = unknown>(subjectId: string, sealed: unknown) => Promise<OpenedPersonalData<T>>;
  /**
   * Destroys the subject's data key for good (idempotent). Requires a reason and an approver other than the requester.
   * Resolves once the table files no longer hold the wrapped key either (`rewriteDataKeys`).
   */
  destroyKey: (subjectId: string, erasure: ErasureRequest) => Promise<void>;
  /** `destroyKey` for several subjects of one erasure, with one rewrite of the table for all. */
  destroyKeys: (subjectIds: readonly string[], erasure: ErasureRequest) => Promise<void>;
  isErased: (subjectId: string) => Promise<boolean>;
};

export type PersonalDataVaultOptions = {
  /** A pool on the database holding the `personal_data` schema (run `migratePersonalData` first). */
  sql: Sql;
  /** Wraps new data keys: the master key (`createMasterKeyWrapper`) or a KMS. */
  wrapper: KeyWrapper;
  /**
   * Wrappers of earlier master keys, still able to unwrap keys they wrapped until `rewrapAll` has moved every key
   * to `wrapper` (the rotation story, docs/personal-data.md). Default none. Chosen by the key id stored per key.
   */
  previousWrappers?: KeyWrapper[];
  /**
   * Where each erasure is written BEFORE the key is destroyed, kept outside the database's backups so that
   * `reapplyErasures` can destroy again what a restored backup brings back. Default none (say so in operations).
   */
  erasureLedger?: ErasureLedger;
  /** Unwrapped data keys kept in memory (LRU). Default 1000. 0 disables the cache. */
  cacheSize?: number;
  /**
   * How long a cached data key is trusted, in ms. Default 30 000. `destroyKey` evicts at once in this instance;
   * another instance holding the key in its cache stops decrypting at most this long after the destruction.
   */
  cacheTtlMs?: number;
};

type KeyRow = { data_key_id: string; wrapped_key: string | null; key_id: string; destroyed_at: Date | null };
type DataKey = { dataKeyId: string; key: Uint8Array } | 'erased' | undefined;

const aadFor = (subjectId: string) => Buffer.from(subjectId, 'utf8');

const checkSubject = (subjectId: unknown): string => {
  if (typeof subjectId !== 'string' || subjectId.length === 0 || subjectId.length > 200) {
    throw new PersonalDataError('invalid_argument', 'A subject id is a non-empty string of at most 200 characters');
  }
  return subjectId;
};

const parseEnvelope = (sealed: unknown) => {
  const inner = (sealed as { sealed?: unknown } | null)?.sealed as Record<string, unknown> | undefined;
  if (typeof sealed !== 'object' || inner === null || typeof inner !== 'object') {
    throw new PersonalDataError('malformed', 'Not a sealed personal data envelope');
  }
  const { v, keyId, iv, tag, ciphertext } = inner;
  if (v !== 1) throw new PersonalDataError('malformed', 'Unsupported sealed envelope version');
  if (
    typeof keyId !== 'string' ||
    typeof iv !== 'string' ||
    typeof tag !== 'string' ||
    typeof ciphertext !== 'string'
  ) {
    throw new PersonalDataError('malformed', 'A sealed envelope needs keyId, iv, tag and ciphertext strings');
  }
  return {
    keyId,
    box: {
      iv: fromBase64(iv, 'sealed iv'),
      tag: fromBase64(tag, 'sealed tag'),
      ciphertext: fromBase64(ciphertext, 'sealed ciphertext'),
    },
  };
};

export const createPersonalDataVault = (options: PersonalDataVaultOptions): PersonalDataVault => {
  const { sql, wrapper } = options;
  const wrappers = new Map([...(options.previousWrappers ?? []), wrapper].map((w) => [w.keyId, w]));
  const unwrapperFor = (keyId: string, subjectId: string): KeyWrapper => {
    const found = wrappers.get(keyId);
    if (!found)
      throw new PersonalDataError(
        'master_key',
        `The data key of subject ${subjectId} is wrapped by ${keyId}, which this process does not hold`,
      );
    return found;
  };
  const cache = createKeyCache<{ dataKeyId: string; key: Uint8Array }>(
    options.cacheSize ?? 1000,
    options.cacheTtlMs ?? 30_000,
  );

  const readKey = async (subjectId: string): Promise<DataKey> => {
    const cached = cache.get(subjectId);
    if (cached) return cached;
    const [row] = await sql<KeyRow[]>`
      select data_key_id, wrapped_key, key_id, destroyed_at from personal_data.data_keys where subject_id = ${subjectId}`;
    if (!row) return undefined;
    if (row.destroyed_at !== null || row.wrapped_key === null) return 'erased';
    const key = await unwrapperFor(row.key_id, subjectId).unwrap(row.wrapped_key);
    if (key.length !== KEY_BYTES)
      throw new PersonalDataError('master_key', `The data key of subject ${subjectId} has the wrong length`);
    const dataKey = { dataKeyId: row.data_key_id, key };
    cache.set(subjectId, dataKey);
    return dataKey;
  };

  /** Two first seals at once both insert; ON CONFLICT keeps one and both re-read it, so the subject has one key. */
  const keyForSealing = async (subjectId: string) => {
    const existing = await readKey(subjectId);
    if (existing === 'erased')
      throw new PersonalDataError(
        'erased',
        `The personal data of subject ${subjectId} was erased; nothing new can be sealed for it`,
      );
    if (existing) return existing;
    const fresh = randomBytes(KEY_BYTES);
    const wrapped = await wrapper.wrap(fresh);
    fresh.fill(0);
    await sql`
      insert into personal_data.data_keys (subject_id, data_key_id, wrapped_key, key_id)
      values (${subjectId}, ${randomUUID()}, ${wrapped}, ${wrapper.keyId})
      on conflict (subject_id) do nothing`;
    const created = await readKey(subjectId);
    if (created === 'erased')
      throw new PersonalDataError(
        'erased',
        `The personal data of subject ${subjectId} was erased; nothing new can be sealed for it`,
      );
    if (!created)
      throw new PersonalDataError(
        'key_not_found',
        `The data key of subject ${subjectId} vanished after it was created`,
      );
    return created;
  };

  const destroyKeys: PersonalDataVault['destroyKeys'] = async (subjectIds, erasure) => {
    for (const subjectId of subjectIds) checkSubject(subjectId);
    const { reason, requestedBy, approvedBy } = erasure ?? ({} as ErasureRequest);
    for (const [name, value] of Object.entries({ reason, requestedBy, approvedBy })) {
      if (typeof value !== 'string' || value.trim() === '')
        throw new PersonalDataError('invalid_argument', `An erasure needs ${name}`);
    }
    if (requestedBy === approvedBy)
      throw new PersonalDataError(
        'invalid_argument',
        'An erasure must be approved by someone other than the requester',
      );
    const record = { reason, requestedBy, approvedBy };
    for (const subjectId of subjectIds) {
      cache.delete(subjectId);
      // Ledger first: a ledger entry without a destroyed key is re-applied later; the reverse would be resurrectable.
      await options.erasureLedger?.append({ subjectId, erasedAt: new Date().toISOString(), ...record });
      // A subject that never had personal data still gets a destroyed row, so nothing can be sealed for it later.
      await sql`
        insert into personal_data.data_keys (subject_id, data_key_id, wrapped_key, key_id, destroyed_at, erasure)
        values (${subjectId}, ${randomUUID()}, null, ${wrapper.keyId}, now(), ${sql.json(record)})
        on conflict (subject_id) do update set
          wrapped_key = null,
          destroyed_at = coalesce(personal_data.data_keys.destroyed_at, excluded.destroyed_at),
          erasure = coalesce(personal_data.data_keys.erasure, excluded.erasure)`;
      cache.delete(subjectId);
    }
    // One rewrite for all of them. Failing here fails the approval, which is asked again: the keys stay destroyed
    // and this runs once more.
    if (subjectIds.length > 0) await rewriteDataKeys(sql);
  };

  return {
    seal: async (subjectId, personal) => {
      checkSubject(subjectId);
      const json = personal === undefined ? undefined : JSON.stringify(personal);
      if (json === undefined) throw new PersonalDataError('invalid_argument', 'Personal data must be a JSON value');
      const { dataKeyId, key } = await keyForSealing(subjectId);
      const box = encrypt(key, Buffer.from(json, 'utf8'), aadFor(subjectId));
      return {
        sealed: {
          v: 1,
          keyId: dataKeyId,
          iv: box.iv.toString('base64'),
          tag: box.tag.toString('base64'),
          ciphertext: box.ciphertext.toString('base64'),
        },
      };
    },

    open: async <T = unknown>(subjectId: string, sealed: unknown): Promise<OpenedPersonalData<T>> => {
      checkSubject(subjectId);
      if (sealed === null || sealed === undefined) return { status: 'erased' };
      const envelope = parseEnvelope(sealed);
      const dataKey = await readKey(subjectId);
      if (dataKey === 'erased') return { status: 'erased' };
      if (!dataKey) throw new PersonalDataError('key_not_found', `No data key is recorded for subject ${subjectId}`);
      if (dataKey.dataKeyId !== envelope.keyId) {
        throw new PersonalDataError(
          'key_mismatch',
          `The envelope was not sealed with the data key of subject ${subjectId}`,
        );
      }
      const plaintext = decrypt(dataKey.key, envelope.box, aadFor(subjectId), `Personal data of subject ${subjectId}`);
      try {
        return { status: 'available', value: JSON.parse(plaintext.toString('utf8')) as T };
      } catch {
        throw new PersonalDataError(
          'malformed',
          `The personal data of subject ${subjectId} decrypted to something that is not JSON`,
        );
      }
    },

    destroyKey: (subjectId, erasure) => destroyKeys([subjectId], erasure),
    destroyKeys,

    isErased: async (subjectId) => {
      checkSubject(subjectId);
      const [row] = await sql<{ destroyed_at: Date | null }[]>`
        select destroyed_at from personal_data.data_keys where subject_id = ${subjectId}`;
      return row?.destroyed_at != null;
    },
  };
};
