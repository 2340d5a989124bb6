import type { Sql } from 'postgres';
import { PersonalDataError } from './personal-data-error';
import type { OpenedPersonalData, PersonalDataVault } from './vault';

/** Who read which subject's personal data, and why. Holds no personal data itself: field names, not values. */
export type ReadAuditEntry = {
  actorId: string;
  role: string;
  partnershipId?: string;
  /** The aggregate whose personal data was read (incident or review id). */
  subjectId: string;
  /** Names of the personal fields returned, e.g. `children.name`, `caseOutline`. */
  fields: string[];
  purpose?: string;
  requestId: string;
  /** Defaults to the database's now(). */
  at?: Date;
};

export type RecordedReadAuditEntry = Required<Omit<ReadAuditEntry, 'partnershipId' | 'purpose'>> & {
  id: string;
  partnershipId: string | null;
  purpose: string | null;
};

export type ReadAuditQuery = {
  subjectId?: string;
  actorId?: string;
  /** Inclusive lower bound on `at`. */
  from?: Date;
  /** Exclusive upper bound on `at`. */
  to?: Date;
  /** Page size, 1..500. */
  first: number;
  /** The `endCursor` of the previous page. */
  after?: string;
  /** 1-based page number of `first` entries (GOV.UK pagination); `after` is ignored when given. */
  page?: number;
};

export type ReadAuditFilter = Pick<ReadAuditQuery, 'subjectId' | 'actorId' | 'from' | 'to'>;

export type ReadAuditPage = {
  entries: RecordedReadAuditEntry[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
};

export type ReadAudit = {
  record: (entry: ReadAuditEntry) => Promise<void>;
  /** Several entries in one statement (a page of incidents): all written or none. */
  recordMany: (entries: ReadAuditEntry[]) => Promise<void>;
  /** Oldest first, in the order entries were written. */
  query: (query: ReadAuditQuery) => Promise<ReadAuditPage>;
  /** How many entries match, over the whole log (for a true total beside a page). */
  count: (filter: ReadAuditFilter) => Promise<number>;
};

export const MAX_AUDIT_PAGE = 500;

type AuditRow = {
  id: string;
  at: Date;
  actor_id: string;
  role: string;
  partnership_id: string | null;
  subject_id: string;
  fields: string[];
  purpose: string | null;
  request_id: string;
};

const required = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value.trim() === '')
    throw new PersonalDataError('invalid_argument', `A read audit entry needs ${name}`);
  return value;
};

const cursorOf = (id: string) => Buffer.from(`audit:${id}`).toString('base64url');
const idOfCursor = (cursor: string): string => {
  const match = /^audit:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new PersonalDataError('invalid_argument', 'Not a read audit cursor');
  return match[1]!;
};

const checkFields = (fields: unknown): string[] => {
  if (
    !Array.isArray(fields) ||
    fields.length === 0 ||
    fields.some((field) => typeof field !== 'string' || field === '')
  ) {
    throw new PersonalDataError('invalid_argument', 'A read audit entry needs the names of the fields read');
  }
  return fields as string[];
};

const whereOf = (sql: Sql, query: ReadAuditFilter) => sql`
  ${query.subjectId === undefined ? sql`` : sql`and subject_id = ${query.subjectId}`}
  ${query.actorId === undefined ? sql`` : sql`and actor_id = ${query.actorId}`}
  ${query.from === undefined ? sql`` : sql`and at >= ${query.from}`}
  ${query.to === undefined ? sql`` : sql`and at < ${query.to}`}`;

export const createReadAudit = (sql: Sql): ReadAudit => ({
  record: async (entry) => {
    const fields = checkFields(entry.fields);
    await sql`
      insert into personal_data.audit_log (at, actor_id, role, partnership_id, subject_id, fields, purpose, request_id)
      values (${entry.at ?? sql`now()`}, ${required(entry.actorId, 'actorId')}, ${required(entry.role, 'role')},
              ${entry.partnershipId ?? null}, ${required(entry.subjectId, 'subjectId')}, ${fields},
              ${entry.purpose ?? null}, ${required(entry.requestId, 'requestId')})`;
  },

  recordMany: async (entries) => {
    if (entries.length === 0) return;
    const rows = entries.map((entry) => ({
      at: entry.at ?? new Date(),
      actor_id: required(entry.actorId, 'actorId'),
      role: required(entry.role, 'role'),
      partnership_id: entry.partnershipId ?? null,
      subject_id: required(entry.subjectId, 'subjectId'),
      // sql.array: sent as a text[] parameter, not expanded into a row list by the multi-row helper.
      fields: sql.array(checkFields(entry.fields)),
      purpose: entry.purpose ?? null,
      request_id: required(entry.requestId, 'requestId'),
    }));
    await sql`insert into personal_data.audit_log ${sql(rows, 'at', 'actor_id', 'role', 'partnership_id', 'subject_id', 'fields', 'purpose', 'request_id')}`;
  },

  query: async (query) => {
    const first = query.first;
    if (!Number.isInteger(first) || first < 1 || first > MAX_AUDIT_PAGE) {
      throw new PersonalDataError('invalid_argument', `first must be an integer from 1 to ${MAX_AUDIT_PAGE}`);
    }
    if (query.page !== undefined && (!Number.isInteger(query.page) || query.page < 1)) {
      throw new PersonalDataError('invalid_argument', 'page must be a whole number from 1');
    }
    const offset = query.page === undefined ? 0 : (query.page - 1) * first;
    const after = query.after === undefined || query.page !== undefined ? undefined : idOfCursor(query.after);
    const rows = await sql<AuditRow[]>`
      select id::text, at, actor_id, role, partnership_id, subject_id, fields, purpose, request_id
      from personal_data.audit_log
      where true ${whereOf(sql, query)}
        ${after === undefined ? sql`` : sql`and id > ${after}::bigint`}
      order by id
      limit ${first + 1} offset ${offset}`;
    const page = rows.slice(0, first);
    const entries = page.map((row) => ({
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      role: row.role,
      partnershipId: row.partnership_id,
      subjectId: row.subject_id,
      fields: row.fields,
      purpose: row.purpose,
      requestId: row.request_id,
    }));
    const last = page.at(-1);
    return { entries, pageInfo: { endCursor: last ? cursorOf(last.id) : null, hasNextPage: rows.length > first } };
  },

  count: async (query) => {
    const [row] = await sql<
      [{ count: number }]
    >`select count(*)::int as count from personal_data.audit_log where true ${whereOf(sql, query)}`;
    return row.count;
  },
});

/** The reader, as the gateway knows it from the token and the request. */
export type Reader = Omit<ReadAuditEntry, 'subjectId' | 'at'>;

/**
 * The only way the gateway gets plaintext: decrypts, writes the audit entry, and only then returns the value. If
 * the audit write fails the plaintext is dropped and `audit_failed` thrown. Erased or absent data discloses
 * nothing, so it is returned without an entry.
 */
export const openAudited = async <T = unknown>(
  vault: PersonalDataVault,
  audit: ReadAudit,
  subjectId: string,
  sealed: unknown,
  who: Reader,
): Promise<OpenedPersonalData<T>> => {
  const opened = await vault.open<T>(subjectId, sealed);
  if (opened.status === 'erased') return opened;
  try {
    await audit.record({ ...who, subjectId });
  } catch (error) {
    if (error instanceof PersonalDataError && error.code === 'invalid_argument') throw error;
    throw new PersonalDataError(
      'audit_failed',
      `The read of subject ${subjectId} could not be audited, so it was refused`,
    );
  }
  return opened;
};

/**
 * `openAudited` for a page of subjects: decrypts all, writes one audit entry per subject that had data available
 * in a single statement, and only then returns the values (in the order given). No audit, no plaintext.
 */
export const openAuditedMany = async <T = unknown>(
  vault: PersonalDataVault,
  audit: ReadAudit,
  items: readonly { subjectId: string; sealed: unknown }[],
  who: Reader,
): Promise<OpenedPersonalData<T>[]> => {
  const opened = await Promise.all(items.map((item) => vault.open<T>(item.subjectId, item.sealed)));
  const read = [
    ...new Set(items.filter((_item, i) => opened[i]!.status === 'available').map((item) => item.subjectId)),
  ];
  try {
    await audit.recordMany(read.map((subjectId) => ({ ...who, subjectId })));
  } catch (error) {
    if (error instanceof PersonalDataError && error.code === 'invalid_argument') throw error;
    throw new PersonalDataError(
      'audit_failed',
      `The read of ${read.length} subjects could not be audited, so it was refused`,
    );
  }
  return opened;
};
