import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@cspr/testing';
import type { TestDatabase } from '@cspr/testing';
import {
  createFileErasureLedger,
  createMasterKeyWrapper,
  createPersonalDataVault,
  listErasures,
  migratePersonalData,
  reapplyErasures,
  rewrapAll,
} from './index';

let db: TestDatabase;
let dir: string;
const wrapperOf = () => createMasterKeyWrapper(new Uint8Array(randomBytes(32)));
const subject = () => `incident-${randomBytes(8).toString('hex')}`;
const erasure = { reason: 'data-subject-request', requestedBy: 'admin-1', approvedBy: 'admin-2' };

beforeAll(async () => {
  db = await createTestDatabase();
  await migratePersonalData(db.sql);
  dir = await mkdtemp(join(tmpdir(), 'cspr-ledger-'));
});
afterAll(async () => {
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('master key rotation', () => {
  it('re-wraps every live key; sealed data opens with the new master key alone, erased keys stay erased', async () => {
    const oldWrapper = wrapperOf();
    const newWrapper = wrapperOf();
    const before = createPersonalDataVault({ sql: db.sql, wrapper: oldWrapper });
    const ids = [subject(), subject(), subject()];
    const sealed = await Promise.all(ids.map((id, i) => before.seal(id, { child: i })));
    const erasedId = subject();
    const erasedSealed = await before.seal(erasedId, { child: 'gone' });
    await before.destroyKey(erasedId, erasure);

    // During the rotation a vault holds both: new keys under the new master key, old ones still readable.
    const during = createPersonalDataVault({
      sql: db.sql,
      wrapper: newWrapper,
      previousWrappers: [oldWrapper],
      cacheSize: 0,
    });
    expect(await during.open(ids[0]!, sealed[0])).toEqual({ status: 'available', value: { child: 0 } });

    expect(await rewrapAll({ sql: db.sql, from: oldWrapper, to: newWrapper, batchSize: 2 })).toBe(3);
    expect(await rewrapAll({ sql: db.sql, from: oldWrapper, to: newWrapper })).toBe(0);

    const after = createPersonalDataVault({ sql: db.sql, wrapper: newWrapper, cacheSize: 0 });
    for (const [i, id] of ids.entries())
      expect(await after.open(id, sealed[i])).toEqual({ status: 'available', value: { child: i } });
    expect(await after.open(erasedId, erasedSealed)).toEqual({ status: 'erased' });
    const oldOnly = createPersonalDataVault({ sql: db.sql, wrapper: oldWrapper, cacheSize: 0 });
    await expect(oldOnly.open(ids[0]!, sealed[0])).rejects.toMatchObject({ code: 'master_key' });
  });
});

describe('backup restore and the erasure ledger', () => {
  it('a restored backup brings a destroyed key back; reapplyErasures destroys it again', async () => {
    const wrapper = wrapperOf();
    const ledger = createFileErasureLedger(join(dir, 'erasures.jsonl'));
    const vault = createPersonalDataVault({ sql: db.sql, wrapper, erasureLedger: ledger, cacheSize: 0 });
    const id = subject();
    const keep = subject();
    const sealed = await vault.seal(id, { name: 'Child R' });
    const kept = await vault.seal(keep, { name: 'Child K' });
    // The "backup": the key row as it was before the erasure.
    const [backup] = await db.sql`select * from personal_data.data_keys where subject_id = ${id}`;

    await vault.destroyKey(id, erasure);
    expect(await ledger.readAll()).toEqual([expect.objectContaining({ subjectId: id, ...erasure })]);
    expect((await listErasures(db.sql)).map((e) => e.subjectId)).toContain(id);

    // The "restore": the database goes back to the backup (the trigger only guards live updates, not a restore).
    await db.sql.begin(async (tx) => {
      await tx`alter table personal_data.data_keys disable trigger data_keys_stay_destroyed`;
      await tx`delete from personal_data.data_keys where subject_id = ${id}`;
      await tx`insert into personal_data.data_keys ${tx(backup!)}`;
      await tx`alter table personal_data.data_keys enable trigger data_keys_stay_destroyed`;
    });
    expect(await vault.open(id, sealed)).toEqual({ status: 'available', value: { name: 'Child R' } });

    const neverSealed = subject();
    expect(
      await reapplyErasures(db.sql, [
        ...(await ledger.readAll()),
        { subjectId: neverSealed, erasedAt: new Date().toISOString(), ...erasure },
      ]),
    ).toEqual([id]);
    expect(await vault.open(id, sealed)).toEqual({ status: 'erased' });
    expect(await vault.isErased(neverSealed)).toBe(true);
    expect(await vault.open(keep, kept)).toEqual({ status: 'available', value: { name: 'Child K' } });
    expect(await reapplyErasures(db.sql, ledger)).toEqual([]);
  });

  it('when the ledger cannot be written the key is not destroyed and the erasure fails loudly', async () => {
    const notADir = join(dir, 'not-a-folder');
    await writeFile(notADir, 'a file where the ledger folder should be');
    const vault = createPersonalDataVault({
      sql: db.sql,
      wrapper: wrapperOf(),
      erasureLedger: createFileErasureLedger(join(notADir, 'erasures.jsonl')),
    });
    const id = subject();
    await vault.seal(id, { name: 'Child L' });
    await expect(vault.destroyKey(id, erasure)).rejects.toThrow();
    expect(await vault.isErased(id)).toBe(false);
  });
});
