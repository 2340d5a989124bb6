import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Sql } from 'postgres';
import { PersonalDataError } from './personal-data-error';
import { rewriteDataKeys } from './rewrite-data-keys';

/**
 * Why a ledger: a database backup taken before an erasure still holds the wrapped data key, so restoring it
 * brings the key back. The ledger lists every erasure (ids and who/why, no personal data) somewhere the database
 * backups do not cover; after any restore, `reapplyErasures` destroys those keys again before the service starts.
 */
export type ErasureLedgerEntry = {
  subjectId: string;
  erasedAt: string;
  reason: string;
  requestedBy: string;
  approvedBy: string;
};

export type ErasureLedger = {
  append: (entry: ErasureLedgerEntry) => Promise<void>;
  readAll: () => Promise<ErasureLedgerEntry[]>;
};

/** A JSON-lines file, appended with O_APPEND and fsync'd by the OS on close. Put it on storage the DB backups skip. */
export const createFileErasureLedger = (path: string): ErasureLedger => ({
  append: async (entry) => {
    await mkdir(dirname(path), { recursive: true });
    await appendFile(path, `${JSON.stringify(entry)}\n`, { mode: 0o600, flush: true });
  },
  readAll: async () => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, index) => {
        try {
          return JSON.parse(line) as ErasureLedgerEntry;
        } catch {
          throw new PersonalDataError('invalid_argument', `Erasure ledger line ${index + 1} is not JSON`);
        }
      });
  },
});

/** Every erasure this database knows of, e.g. to seed or check a ledger. */
export const listErasures = async (sql: Sql): Promise<ErasureLedgerEntry[]> => {
  const rows = await sql<{ subject_id: string; destroyed_at: Date; erasure: Partial<ErasureLedgerEntry> | null }[]>`
    select subject_id, destroyed_at, erasure from personal_data.data_keys where destroyed_at is not null order by destroyed_at, subject_id`;
  return rows.map((row) => ({
    subjectId: row.subject_id,
    erasedAt: row.destroyed_at.toISOString(),
    reason: row.erasure?.reason ?? '',
    requestedBy: row.erasure?.requestedBy ?? '',
    approvedBy: row.erasure?.approvedBy ?? '',
  }));
};

/**
 * Destroys again every key the ledger says was erased (after a backup restore). Already-approved erasures, so no
 * second approval is asked. Subjects with no key row get a destroyed row, so nothing can be sealed for them.
 * Returns the subjects whose key had come back and was destroyed now. Callers must drop vault caches (restart).
 */
export const reapplyErasures = async (sql: Sql, ledger: ErasureLedgerEntry[] | ErasureLedger): Promise<string[]> => {
  const entries = Array.isArray(ledger) ? ledger : await ledger.readAll();
  const resurrected: string[] = [];
  for (const entry of entries) {
    const record = { reason: entry.reason, requestedBy: entry.requestedBy, approvedBy: entry.approvedBy };
    const rows = await sql<{ subject_id: string; was_live: boolean }[]>`
      with before as (select subject_id, destroyed_at is null as was_live from personal_data.data_keys where subject_id = ${entry.subjectId})
      insert into personal_data.data_keys (subject_id, data_key_id, wrapped_key, key_id, destroyed_at, erasure)
      values (${entry.subjectId}, gen_random_uuid(), null, 'erased', ${new Date(entry.erasedAt)}, ${sql.json(record)})
      on conflict (subject_id) do update set
        wrapped_key = null,
        destroyed_at = coalesce(personal_data.data_keys.destroyed_at, excluded.destroyed_at),
        erasure = coalesce(personal_data.data_keys.erasure, excluded.erasure)
      returning subject_id, coalesce((select was_live from before), false) as was_live`;
    if (rows[0]?.was_live) resurrected.push(entry.subjectId);
  }
  if (resurrected.length > 0) await rewriteDataKeys(sql);
  return resurrected;
};
