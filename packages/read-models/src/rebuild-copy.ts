/**
 * How a rebuild batch writes its rows: COPY in text format instead of the live path's upsert from JSON. Turning a
 * batch's rows into one JSON document and back into records (`jsonb_populate_recordset`) cost the server about as
 * much per row as a COPY of the same rows costs in all; a rebuild inserts nearly every row once, so it deletes the
 * few rows an earlier batch already wrote and copies every changed row in. Rows are encoded in slices as they are
 * sent: the server parses one slice while the next is encoded, and no batch-sized text is held in memory. Table and
 * column names come from the catalogue, never input.
 */
import type { Sql, TransactionSql } from 'postgres';
import type { DeadLetter, TableState } from './batch-memory';
import { writeRows, type TableOf } from './batch-sql';

type Row = Record<string, unknown>;

/** A table's columns in order, and which of them hold JSON (a JSON string must be written quoted there). */
export type CopyColumns = { names: string[]; json: boolean[] };

export const readCopyColumns = async (sql: Sql, table: string): Promise<CopyColumns> => {
  const columns = await sql<{ name: string; json: boolean }[]>`
    select attname as name, atttypid in ('json'::regtype, 'jsonb'::regtype) as json
    from pg_attribute where attrelid = ${table}::regclass and attnum > 0 and not attisdropped order by attnum`;
  return { names: columns.map((c) => c.name), json: columns.map((c) => c.json) };
};

const SPECIAL = /[\\\n\r\t]/;
const escapeCopy = (text: string): string =>
  SPECIAL.test(text)
    ? text.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'))
    : text;

/**
 * JSON text as a COPY field. JSON.stringify escapes every control character, so no newline, return or tab can be in
 * its output and only backslashes need doubling: a search for one is much cheaper than the general escape's regular
 * expression over kilobytes of history and sealed parts.
 */
const jsonField = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text.includes('\\') ? text.replaceAll('\\', '\\\\') : text;
};

/**
 * One field as `jsonb_populate_recordset` would have read it from the row's JSON: null and a missing key are NULL, a
 * JSON column takes the value's JSON text, any other column the text of a string or number (PostgreSQL parses it).
 */
const field = (value: unknown, json: boolean): string => {
  if (value === null || value === undefined) return '\\N';
  if (json) return jsonField(value);
  if (typeof value === 'string') return escapeCopy(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return jsonField(value);
  return String(value);
};

/** One row as a line of COPY text, newline included. */
const encodeCopyRow = (columns: CopyColumns, row: Row): string => {
  const { names, json } = columns;
  let line = field(row[names[0]!], json[0]!);
  for (let i = 1; i < names.length; i += 1) line += `\t${field(row[names[i]!], json[i]!)}`;
  return `${line}\n`;
};

/** One table's share of a batch: keys whose old rows go first, then the rows copied in. */
export type CopyPlan = { table: string; key: string; columns: CopyColumns; remove: string[]; rows: Row[] };

/**
 * Characters of COPY text encoded and sent at a time. Kept well under V8's largest ordinary heap object (128 KB): a
 * bigger string is born in the large-object space, which only a full collection frees, so slices of 500 rows (1.5 MB
 * of incidents) grew the heap by the whole rebuild's text between full collections.
 */
const COPY_CHUNK = 32 * 1024;

/**
 * What a batch writes to one table, or null when it changed nothing there. `existed` holds the keys that had a row
 * before the batch (loaded or cached): only those can be in the table and need a delete before their new row is
 * copied in.
 */
export const planCopy = (
  state: TableState,
  existed: Set<string>,
  columns: CopyColumns,
  tableOf: TableOf,
): CopyPlan | null => {
  if (state.dirty.size === 0) return null;
  const remove: string[] = [];
  const rows: Row[] = [];
  for (const key of state.dirty) {
    if (existed.has(key)) remove.push(key);
    const row = state.rows.get(key);
    if (row) rows.push(row);
  }
  return {
    table: tableOf(state.projection.table),
    key: state.projection.key,
    columns,
    remove,
    rows,
  };
};

/** Runs the plans in the batch's transaction: one statement deletes (and records dead letters), then one COPY per table. */
export const writeCopies = async (tx: TransactionSql, plans: CopyPlan[], letters: DeadLetter[], tableOf: TableOf) => {
  const removals = plans.filter((plan) => plan.remove.length > 0);
  if (removals.length > 0) {
    const statements = removals.map(
      (plan, index) =>
        tx`${tx(`removed_${index}`)} as (delete from ${tx(plan.table)}
        where ${tx(plan.key)} in (select jsonb_array_elements_text(${JSON.stringify(plan.remove)}::text::jsonb)) returning 1)`,
    );
    const list = statements.slice(1).reduce((all, statement) => tx`${all}, ${statement}`, statements[0]!);
    await tx`with ${list} select 1`;
  }
  if (letters.length > 0) await writeRows(tx, [], letters, tableOf);
  for (const plan of plans) {
    if (plan.rows.length > 0) await copyIn(tx, plan);
  }
};

/**
 * postgres.js settles a COPY's stream only when the server accepts it: on a server error nothing ever fires. So once
 * the data is sent and the stream ended (which frees the connection for the next query at once), a `select 1` goes
 * behind it: it succeeds after a good COPY and fails (transaction aborted, 25P02) after a bad one.
 */
const copyIn = async (tx: TransactionSql, plan: CopyPlan) => {
  const stream = await tx`copy ${tx(plan.table)} (${tx(plan.columns.names)}) from stdin`.writable();
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  finished.catch(() => undefined); // a failure surfaces through the query behind it
  const send = (text: string) =>
    new Promise<void>((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
  let text = '';
  for (const row of plan.rows) {
    text += encodeCopyRow(plan.columns, row);
    if (text.length < COPY_CHUNK) continue;
    await send(text);
    text = '';
  }
  if (text.length > 0) await send(text);
  stream.end();
  await Promise.all([finished, tx`select 1`]);
};
