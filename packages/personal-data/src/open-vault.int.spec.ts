import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@cspr/testing';
import type { TestDatabase } from '@cspr/testing';
import { openVault } from './index';

describe('openVault at start-up', () => {
  let live: TestDatabase;
  let restored: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    [live, restored] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    dir = await mkdtemp(join(tmpdir(), 'cspr-open-vault-'));
  });
  afterAll(async () => {
    await Promise.all([live?.drop(), restored?.drop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('re-destroys, before serving, a key that a backup restore brought back', async () => {
    const masterKey = randomBytes(32).toString('base64');
    const ledgerPath = join(dir, 'ledger', 'erasure-ledger.jsonl');
    const subject = `incident-${randomBytes(6).toString('hex')}`;
    const personal = { children: [{ childRef: 'child-1', name: 'Restore Marker' }] };

    // The "backup": a database where the subject's key is live and its data sealed.
    const before = await openVault({
      sql: restored.sql,
      masterKey,
      dataDir: dir,
      production: false,
      ledgerPath: join(dir, 'unused.jsonl'),
    });
    const sealed = await before.vault.seal(subject, personal);
    expect(await before.vault.open(subject, sealed)).toEqual({ status: 'available', value: personal });

    // Meanwhile the live database erased it; the ledger (outside the database) remembers.
    const current = await openVault({ sql: live.sql, masterKey, dataDir: dir, production: false, ledgerPath });
    await current.vault.seal(subject, personal);
    await current.vault.destroyKey(subject, {
      reason: 'data-subject-request',
      requestedBy: 'admin-1',
      approvedBy: 'admin-2',
    });

    // Restart on the restored database with the same ledger: the resurrected key is destroyed before anything opens.
    const afterRestore = await openVault({ sql: restored.sql, masterKey, dataDir: dir, production: false, ledgerPath });
    expect(afterRestore.reapplied).toEqual([subject]);
    expect(await afterRestore.vault.open(subject, sealed)).toEqual({ status: 'erased' });
  });
});
