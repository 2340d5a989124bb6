import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestDatabase } from '@cspr/testing';
import type { TestDatabase } from '@cspr/testing';
import { createMasterKeyWrapper, createPersonalDataVault, isPersonalDataError, migratePersonalData } from './index';
import type { PersonalDataVault, SealedPersonalData } from './index';

let db: TestDatabase;
let vault: PersonalDataVault;
let id: string;
let good: SealedPersonalData;

beforeAll(async () => {
  db = await createTestDatabase();
  await migratePersonalData(db.sql);
  vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(new Uint8Array(randomBytes(32))) });
  id = `incident-${randomBytes(8).toString('hex')}`;
  good = await vault.seal(id, { name: 'Child H' });
});
afterAll(async () => db?.drop());

/** The only acceptable outcomes of opening hostile input: erased, or a typed error. Never plaintext, never a crash. */
const outcome = async (sealed: unknown) => {
  try {
    const opened = await vault.open(id, sealed);
    return opened.status;
  } catch (error) {
    if (!isPersonalDataError(error)) throw error;
    expect(error.message).not.toContain('Child H');
    return error.code;
  }
};

describe('hostile envelopes', () => {
  it('any JSON value as the sealed part is erased (null) or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        expect(['erased', 'malformed']).toContain(await outcome(value));
      }),
      { numRuns: 300 },
    );
  });

  it('any change to one field of a real envelope is refused with a typed error', async () => {
    const field = fc.constantFrom('keyId', 'iv', 'tag', 'ciphertext', 'v');
    const replacement = fc.oneof(
      fc.string(),
      fc.base64String(),
      fc.integer(),
      fc.constant(null),
      fc.string({ unit: 'binary' }),
    );
    await fc.assert(
      fc.asyncProperty(field, replacement, async (name, value) => {
        fc.pre(value !== (good.sealed as Record<string, unknown>)[name]);
        const code = await outcome({ sealed: { ...good.sealed, [name]: value } });
        expect(['malformed', 'tampered', 'key_mismatch']).toContain(code);
      }),
      { numRuns: 150 },
    );
  });

  it('any bit flipped in the ciphertext is detected', async () => {
    const bytes = Buffer.from(good.sealed.ciphertext, 'base64');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length * 8 - 1 }), async (bit) => {
        const flipped = Buffer.from(bytes);
        flipped[bit >> 3] = flipped[bit >> 3]! ^ (1 << (bit & 7));
        expect(await outcome({ sealed: { ...good.sealed, ciphertext: flipped.toString('base64') } })).toBe('tampered');
      }),
    );
  });

  it('unicode-edge and injection-shaped subject ids are stored exactly or refused, never interpreted', async () => {
    const subjects = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
      fc.constantFrom(
        "x'; drop table personal_data.data_keys; --",
        '\u0000',
        'a\u202Eb',
        '🧒'.repeat(50),
        'x'.repeat(201),
      ),
    );
    await fc.assert(
      fc.asyncProperty(subjects, async (subject) => {
        try {
          const sealed = await vault.seal(subject, { s: subject });
          expect(await vault.open(subject, sealed)).toEqual({ status: 'available', value: { s: subject } });
        } catch (error) {
          // PostgreSQL text cannot hold NUL; over-long ids are refused by the vault. Both must be typed, not crashes.
          expect(isPersonalDataError(error) || String(error).includes('0x00')).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
    const rows = await db.sql<{ count: number }[]>`select count(*)::int as count from personal_data.data_keys`;
    expect(rows[0]!.count).toBeGreaterThan(1); // the table survived the injection-shaped ids
  });
});
