import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestDatabase, relationFilesHolding } from '@cspr/testing';
import type { TestDatabase } from '@cspr/testing';
import { createMasterKeyWrapper, createPersonalDataVault, isPersonalDataError, migratePersonalData } from './index';
import type { PersonalDataVault, SealedPersonalData } from './index';

const MARKER = 'Zebedee-Quixotic-7781';
const personal = {
  children: [{ name: `${MARKER} Smith`, dateOfBirth: '2019-04-02', address: '1 High Street' }],
  caseOutline: `${MARKER} outline`,
};
const erasure = { reason: 'data-subject-request', requestedBy: 'admin-1', approvedBy: 'admin-2' };

let db: TestDatabase;
let vault: PersonalDataVault;
const masterKey = new Uint8Array(randomBytes(32));
const wrapper = createMasterKeyWrapper(masterKey);
const subject = () => `incident-${randomBytes(8).toString('hex')}`;

beforeAll(async () => {
  db = await createTestDatabase();
  await migratePersonalData(db.sql);
  await migratePersonalData(db.sql); // idempotent
  vault = createPersonalDataVault({ sql: db.sql, wrapper });
});
afterAll(async () => db?.drop());

const expectError = async (promise: Promise<unknown>, code: string) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isPersonalDataError(error), String(error)).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  expect(String((error as Error).message)).not.toContain(MARKER);
  return error as Error;
};

describe('seal and open', () => {
  it('round-trips personal data and uses a fresh IV per seal', async () => {
    const id = subject();
    const a = await vault.seal(id, personal);
    const b = await vault.seal(id, personal);
    expect(a.sealed.v).toBe(1);
    expect(a.sealed.keyId).toBe(b.sealed.keyId);
    expect(a.sealed.iv).not.toBe(b.sealed.iv);
    expect(Buffer.from(a.sealed.iv, 'base64')).toHaveLength(12);
    expect(await vault.open(id, a)).toEqual({ status: 'available', value: personal });
    expect(await vault.open(id, JSON.parse(JSON.stringify(b)))).toEqual({ status: 'available', value: personal });
  });

  it('keeps no plaintext in the sealed JSON or in any raw table', async () => {
    const id = subject();
    const sealed = await vault.seal(id, personal);
    expect(JSON.stringify(sealed)).not.toContain(MARKER);
    await db.sql`create table public.events_like (data jsonb)`;
    await db.sql`insert into public.events_like values (${db.sql.json({ personal: sealed })})`;
    const dump = await db.sql<{ t: string }[]>`
      select row_to_json(k)::text as t from personal_data.data_keys k
      union all select row_to_json(e)::text from public.events_like e`;
    expect(dump.length).toBeGreaterThanOrEqual(2);
    for (const row of dump) expect(row.t).not.toContain(MARKER);
    // and the wrapped key is not the raw key: nothing in the table is 32 raw bytes in base64 of the data key
    const [key] = await db.sql<
      { wrapped_key: string }[]
    >`select wrapped_key from personal_data.data_keys where subject_id = ${id}`;
    expect(key!.wrapped_key.split('.')).toHaveLength(3);
  });

  it('ends with one key when two first seals of a subject race', async () => {
    const id = subject();
    const racers = [1, 2, 3, 4, 5, 6].map(() => createPersonalDataVault({ sql: db.sql, wrapper }));
    const sealed = await Promise.all(racers.map((racer, i) => racer.seal(id, { i })));
    const rows = await db.sql<
      { count: number }[]
    >`select count(*)::int as count from personal_data.data_keys where subject_id = ${id}`;
    expect(rows[0]!.count).toBe(1);
    expect(new Set(sealed.map((s) => s.sealed.keyId)).size).toBe(1);
    for (const [i, s] of sealed.entries())
      expect(await vault.open(id, s)).toEqual({ status: 'available', value: { i } });
  });

  it('opens null or undefined as erased (a scrubbed read model)', async () => {
    expect(await vault.open(subject(), null)).toEqual({ status: 'erased' });
    expect(await vault.open(subject(), undefined)).toEqual({ status: 'erased' });
  });

  it('refuses undefined and functions, which are not JSON', async () => {
    await expectError(vault.seal(subject(), undefined), 'invalid_argument');
    await expectError(
      vault.seal(subject(), () => 1),
      'invalid_argument',
    );
  });

  it('property: for any JSON value x, open(seal(x)) deep-equals x', async () => {
    const id = subject();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const opened = await vault.open(id, await vault.seal(id, value));
        // JSON has no -0: the value that JSON can carry is what must come back.
        expect(opened).toEqual({ status: 'available', value: JSON.parse(JSON.stringify(value)) });
      }),
      { numRuns: 200 },
    );
  });
});

describe('tampering fails with a typed error and no plaintext in the message', () => {
  const flip = (b64: string) => {
    const bytes = Buffer.from(b64, 'base64');
    bytes[0] = bytes[0]! ^ 0x01;
    return bytes.toString('base64');
  };
  const withSealed = (s: SealedPersonalData, change: Partial<SealedPersonalData['sealed']>): SealedPersonalData => ({
    sealed: { ...s.sealed, ...change },
  });

  it('altered ciphertext, tag or IV', async () => {
    const id = subject();
    const s = await vault.seal(id, personal);
    await expectError(vault.open(id, withSealed(s, { ciphertext: flip(s.sealed.ciphertext) })), 'tampered');
    await expectError(vault.open(id, withSealed(s, { tag: flip(s.sealed.tag) })), 'tampered');
    await expectError(vault.open(id, withSealed(s, { iv: flip(s.sealed.iv) })), 'tampered');
  });

  it("a blob moved to another subject (AAD) fails, even with that subject's key id", async () => {
    const from = subject();
    const to = subject();
    const s = await vault.seal(from, personal);
    const other = await vault.seal(to, { unrelated: true });
    await expectError(vault.open(to, s), 'key_mismatch');
    await expectError(vault.open(to, withSealed(s, { keyId: other.sealed.keyId })), 'tampered');
    await expectError(vault.open(subject(), s), 'key_not_found');
  });

  it('malformed envelopes', async () => {
    const id = subject();
    const s = await vault.seal(id, personal);
    await expectError(vault.open(id, { sealed: { ...s.sealed, v: 2 } }), 'malformed');
    await expectError(vault.open(id, withSealed(s, { ciphertext: '***' })), 'malformed');
    await expectError(vault.open(id, withSealed(s, { tag: 'AAAA' })), 'malformed');
    await expectError(vault.open(id, { name: MARKER }), 'malformed');
    await expectError(vault.open(id, 'text'), 'malformed');
  });

  it('a wrong master key cannot unwrap the data key', async () => {
    const id = subject();
    const s = await vault.seal(id, personal);
    const stranger = createPersonalDataVault({
      sql: db.sql,
      wrapper: createMasterKeyWrapper(new Uint8Array(randomBytes(32))),
    });
    await expectError(stranger.open(id, s), 'master_key');
  });
});

describe('erasure', () => {
  it('destroyKey makes every sealed value of the subject unreadable, for new vaults too', async () => {
    const id = subject();
    const sealed = [await vault.seal(id, personal), await vault.seal(id, { more: MARKER })];
    const otherId = subject();
    const other = await vault.seal(otherId, personal);
    expect(await vault.isErased(id)).toBe(false);
    await vault.destroyKey(id, erasure);
    expect(await vault.isErased(id)).toBe(true);
    for (const s of sealed) expect(await vault.open(id, s)).toEqual({ status: 'erased' });
    const fresh = createPersonalDataVault({ sql: db.sql, wrapper, cacheSize: 0 });
    for (const s of sealed) expect(await fresh.open(id, s)).toEqual({ status: 'erased' });
    expect(await fresh.isErased(id)).toBe(true);
    expect(await fresh.open(otherId, other)).toEqual({ status: 'available', value: personal });
    await expectError(vault.seal(id, personal), 'erased');
    const [row] =
      await db.sql`select wrapped_key, destroyed_at, erasure from personal_data.data_keys where subject_id = ${id}`;
    expect(row!.wrapped_key).toBeNull();
    expect(row!.destroyed_at).toBeInstanceOf(Date);
    expect(row!.erasure).toEqual(erasure);
  });

  it('is idempotent and keeps the first erasure record', async () => {
    const id = subject();
    await vault.seal(id, personal);
    await vault.destroyKey(id, erasure);
    await vault.destroyKey(id, { reason: 'again', requestedBy: 'admin-3', approvedBy: 'admin-4' });
    const [row] = await db.sql`select erasure from personal_data.data_keys where subject_id = ${id}`;
    expect(row!.erasure).toEqual(erasure);
  });

  it('erases a subject that never had personal data, so nothing can be sealed later', async () => {
    const id = subject();
    await vault.destroyKey(id, erasure);
    expect(await vault.isErased(id)).toBe(true);
    await expectError(vault.seal(id, personal), 'erased');
  });

  it('needs a reason and a second person to approve', async () => {
    const id = subject();
    await expectError(vault.destroyKey(id, { reason: '', requestedBy: 'a', approvedBy: 'b' }), 'invalid_argument');
    await expectError(vault.destroyKey(id, { reason: 'r', requestedBy: 'a', approvedBy: 'a' }), 'invalid_argument');
    expect(await vault.isErased(id)).toBe(false);
  });

  it('the database refuses to put a destroyed key back', async () => {
    const id = subject();
    await vault.seal(id, personal);
    const [before] = await db.sql<
      { wrapped_key: string }[]
    >`select wrapped_key from personal_data.data_keys where subject_id = ${id}`;
    await vault.destroyKey(id, erasure);
    await expect(
      db.sql`update personal_data.data_keys set wrapped_key = ${before!.wrapped_key}, destroyed_at = null where subject_id = ${id}`,
    ).rejects.toThrow(/cannot be restored/);
  });
});

describe('erasure on disk', () => {
  it('leaves no copy of the destroyed wrapped key in the files of the table, its TOAST table or its index', async () => {
    const id = subject();
    await vault.seal(id, personal);
    const [{ wrapped_key: wrapped }] = await db.sql<[{ wrapped_key: string }]>`
      select wrapped_key from personal_data.data_keys where subject_id = ${id}`;
    // The search sees what it looks for: the live key is in the files before the erasure.
    expect(await relationFilesHolding(db.sql, ['personal_data.data_keys'], [wrapped])).toEqual([
      `personal_data.data_keys: ${wrapped}`,
    ]);
    await vault.destroyKey(id, erasure);
    expect(await relationFilesHolding(db.sql, ['personal_data.data_keys'], [wrapped])).toEqual([]);
  });

  it('destroyKeys destroys the keys of one erasure together and leaves none of them in the files', async () => {
    const ids = [subject(), subject(), subject()];
    for (const id of ids) await vault.seal(id, personal);
    const rows = await db.sql<{ wrapped_key: string }[]>`
      select wrapped_key from personal_data.data_keys where subject_id in ${db.sql(ids)}`;
    const [before] = await db.sql<
      [{ file: string }]
    >`select pg_relation_filenode('personal_data.data_keys')::text as file`;
    await vault.destroyKeys(ids, erasure);
    for (const id of ids) expect(await vault.isErased(id)).toBe(true);
    expect(
      await relationFilesHolding(
        db.sql,
        ['personal_data.data_keys'],
        rows.map((r) => r.wrapped_key),
      ),
    ).toEqual([]);
    const [after] = await db.sql<
      [{ file: string }]
    >`select pg_relation_filenode('personal_data.data_keys')::text as file`;
    expect(after.file).not.toBe(before.file); // rewritten into a new file
  });
});
