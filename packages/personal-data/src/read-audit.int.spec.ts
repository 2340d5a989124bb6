import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@cspr/testing';
import type { TestDatabase } from '@cspr/testing';
import {
  createMasterKeyWrapper,
  createPersonalDataVault,
  createReadAudit,
  isPersonalDataError,
  migratePersonalData,
  openAudited,
  openAuditedMany,
} from './index';
import type { PersonalDataVault, ReadAudit, Reader } from './index';

let db: TestDatabase;
let vault: PersonalDataVault;
let audit: ReadAudit;
const reader: Reader = {
  actorId: 'user-7',
  role: 'partnership',
  partnershipId: 'p-1',
  fields: ['children.name', 'caseOutline'],
  purpose: 'incident page',
  requestId: 'req-1',
};
const subject = () => `incident-${randomBytes(8).toString('hex')}`;

beforeAll(async () => {
  db = await createTestDatabase();
  await migratePersonalData(db.sql);
  vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(new Uint8Array(randomBytes(32))) });
  audit = createReadAudit(db.sql);
});
afterAll(async () => db?.drop());

describe('read audit', () => {
  it('records entries and pages through them with filters', async () => {
    const id = subject();
    for (let i = 0; i < 5; i += 1)
      await audit.record({
        ...reader,
        subjectId: id,
        requestId: `req-${i}`,
        actorId: i % 2 ? 'user-odd' : 'user-even',
      });
    await audit.record({ ...reader, subjectId: subject() });
    const first = await audit.query({ subjectId: id, first: 2 });
    expect(first.entries.map((e) => e.requestId)).toEqual(['req-0', 'req-1']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await audit.query({ subjectId: id, first: 10, after: first.pageInfo.endCursor! });
    expect(second.entries.map((e) => e.requestId)).toEqual(['req-2', 'req-3', 'req-4']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(second.entries[0]).toMatchObject({
      subjectId: id,
      role: 'partnership',
      partnershipId: 'p-1',
      fields: ['children.name', 'caseOutline'],
      purpose: 'incident page',
    });
    expect(second.entries[0]!.at).toBeInstanceOf(Date);
    const odd = await audit.query({ subjectId: id, actorId: 'user-odd', first: 10 });
    expect(odd.entries.map((e) => e.requestId)).toEqual(['req-1', 'req-3']);
  });

  it('filters by time window', async () => {
    const id = subject();
    await audit.record({ ...reader, subjectId: id, requestId: 'old', at: new Date('2020-01-01T00:00:00Z') });
    await audit.record({ ...reader, subjectId: id, requestId: 'new', at: new Date('2026-01-01T00:00:00Z') });
    const page = await audit.query({
      subjectId: id,
      from: new Date('2025-01-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
      first: 10,
    });
    expect(page.entries.map((e) => e.requestId)).toEqual(['new']);
  });

  it('refuses bad page sizes, cursors and entries without who/what', async () => {
    for (const first of [0, 501, 1.5])
      await expect(audit.query({ first })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(audit.query({ first: 1, after: 'bm9wZQ' })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(audit.record({ ...reader, subjectId: subject(), requestId: '' })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await expect(audit.record({ ...reader, subjectId: subject(), fields: [] })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const id = subject();
    await audit.record({ ...reader, subjectId: id });
    await expect(
      db.sql`update personal_data.audit_log set actor_id = 'someone-else' where subject_id = ${id}`,
    ).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.sql`delete from personal_data.audit_log where subject_id = ${id}`).rejects.toThrow(
      /append-only: DELETE/,
    );
    await expect(db.sql`truncate personal_data.audit_log`).rejects.toThrow(/append-only: TRUNCATE/);
    const page = await audit.query({ subjectId: id, first: 10 });
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]!.actorId).toBe('user-7');
  });
});

describe('openAudited', () => {
  it('writes the audit entry and returns the plaintext', async () => {
    const id = subject();
    const sealed = await vault.seal(id, { name: 'Child A' });
    const opened = await openAudited(vault, audit, id, sealed, { ...reader, requestId: 'req-open' });
    expect(opened).toEqual({ status: 'available', value: { name: 'Child A' } });
    const page = await audit.query({ subjectId: id, first: 10 });
    expect(page.entries.map((e) => [e.actorId, e.requestId, e.fields])).toEqual([
      ['user-7', 'req-open', reader.fields],
    ]);
  });

  it('returns no plaintext when the audit cannot be written', async () => {
    const id = subject();
    const sealed = await vault.seal(id, { name: 'Child B' });
    const closed = postgres(db.url, { max: 1 });
    await closed.end();
    const error = await openAudited(vault, createReadAudit(closed), id, sealed, reader).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isPersonalDataError(error) && error.code).toBe('audit_failed');
    expect(String((error as Error).message)).not.toContain('Child B');
    const missingWho = await openAudited(vault, audit, id, sealed, { ...reader, actorId: '' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isPersonalDataError(missingWho) && missingWho.code).toBe('invalid_argument');
    expect((await audit.query({ subjectId: id, first: 10 })).entries).toHaveLength(0);
  });

  it('erased data discloses nothing and writes no entry', async () => {
    const id = subject();
    const sealed = await vault.seal(id, { name: 'Child C' });
    await vault.destroyKey(id, { reason: 'court-order', requestedBy: 'admin-1', approvedBy: 'admin-2' });
    expect(await openAudited(vault, audit, id, sealed, reader)).toEqual({ status: 'erased' });
    expect((await audit.query({ subjectId: id, first: 10 })).entries).toHaveLength(0);
  });
});

describe('openAuditedMany', () => {
  it('opens a page, writes one entry per subject read in one statement, and skips erased ones', async () => {
    const [a, b, gone] = [subject(), subject(), subject()];
    const items = [
      { subjectId: a, sealed: await vault.seal(a, { name: 'Child A1' }) },
      { subjectId: b, sealed: await vault.seal(b, { name: 'Child B1' }) },
      { subjectId: a, sealed: await vault.seal(a, { name: 'Child A2' }) },
      { subjectId: gone, sealed: null },
    ];
    const opened = await openAuditedMany(vault, audit, items, { ...reader, requestId: 'req-page' });
    expect(opened).toEqual([
      { status: 'available', value: { name: 'Child A1' } },
      { status: 'available', value: { name: 'Child B1' } },
      { status: 'available', value: { name: 'Child A2' } },
      { status: 'erased' },
    ]);
    for (const [id, count] of [
      [a, 1],
      [b, 1],
      [gone, 0],
    ] as const) {
      const page = await audit.query({ subjectId: id, first: 10 });
      expect(page.entries).toHaveLength(count);
      if (count)
        expect(page.entries[0]).toMatchObject({ requestId: 'req-page', fields: reader.fields, actorId: 'user-7' });
    }
  });

  it('returns nothing when the audit cannot be written', async () => {
    const id = subject();
    const closed = postgres(db.url, { max: 1 });
    await closed.end();
    const sealed = await vault.seal(id, { name: 'Child Z' });
    await expect(
      openAuditedMany(vault, createReadAudit(closed), [{ subjectId: id, sealed }], reader),
    ).rejects.toMatchObject({ code: 'audit_failed' });
  });
});
