/**
 * A read model is a table of JSON-shaped rows keyed by one id, and its projection a pure `evolve` over those rows.
 * The batch runner (apply-batch.ts) loads every row a batch touches in one query, applies the events in memory and
 * writes the changed rows back in one statement per table, so a rebuild costs a few statements per thousand events
 * rather than several per event.
 */
import type { TransactionSql } from 'postgres';
import type { WorkingDayCalendar } from '@cspr/domain';
import type { EventMetadata, LogPosition } from '@cspr/event-store';

/**
 * A stored event as projections see it: the minimised data apart from the sealed personal part (never opened here).
 * A review's pseudonyms (case name, titles, themes) are in `data`: the projector opened them (pseudonyms.ts).
 */
export type ProjectedEvent = {
  eventId: string;
  type: string;
  streamId: string;
  position: LogPosition;
  recordedAt: string;
  metadata: Partial<EventMetadata>;
  schemaVersion: number;
  data: Record<string, unknown>;
  /** The sealed personal part, stored as given (opaque JSON); `undefined` when the event has none. */
  personal: unknown;
};

export type ProjectionContext = {
  calendar: WorkingDayCalendar;
  /** Panel response service-level target (working days). */
  panelResponseTargetWorkingDays: number;
};

/** Rows of one table as the batch sees them. Rows are treated as immutable values: `set` a new object to change one. */
export type Rows<Row> = {
  get: (key: string) => Row | undefined;
  set: (key: string, row: Row) => void;
  delete: (key: string) => void;
  /** Every row loaded or written in this batch, for events that find their rows by content (erasure). */
  entries: () => Iterable<[string, Row]>;
};

export type Projection<Row = Record<string, unknown>> = {
  name: string;
  /** Schema-qualified table name; a constant, never input. */
  table: string;
  /** The primary key column (text). */
  key: string;
  /**
   * The table keeps review pseudonyms the projector opened (case names, titles, themes) in plaintext. A row an
   * erasure blanks leaves its old version, text and all, in the table's files: the live projector rewrites such a
   * table after the erasure (`BatchOutcome.tablesToRewrite`, services/projector erasure-rewrites.ts).
   */
  holdsOpenedPseudonyms?: true;
  /** Event types the projection reads; any other type is skipped without a look. */
  handles: ReadonlySet<string>;
  /** Keys of the rows an event reads or writes, loaded before the batch is applied. */
  keysOf: (event: ProjectedEvent) => string[];
  /**
   * Keys found by content in the database (e.g. the reviews of an erased incident); runs once per batch, against
   * `table` (the projection's own, or the table a rebuild writes instead: rebuild-tables.ts).
   */
  lookupKeys?: (tx: TransactionSql, events: ProjectedEvent[], table: string) => Promise<string[]>;
  /** Event types that need `lookupKeys` (the rebuild pipeline waits for pending writes before looking up). */
  lookupOn?: ReadonlySet<string>;
  /** For the rebuild's in-memory index: the values a row is found by (e.g. its incident ids)... */
  lookupIndex?: (row: Row) => string[];
  /** ...and the values an event looks for (e.g. the erased incident's id). Same answer as `lookupKeys`. */
  lookupValues?: (event: ProjectedEvent) => string[];
  /**
   * Applies one event. Throws ProjectionError for a broken event: the event is dead-lettered and skipped. Anything
   * else thrown is taken for a bug: the batch is not applied and the projector stops and retries (batch-memory.ts).
   */
  evolve: (rows: Rows<Row>, event: ProjectedEvent, context: ProjectionContext) => void;
  /**
   * Work outside the read models that must follow the rows exactly once: run by the live projector after the batch's
   * rows are written, in the same transaction as them and the checkpoint (an erased review's files are deleted
   * with the rows that withdraw them). Not run by a rebuild, whose tables hold the log's past, not the present.
   * Returns the tables it deleted personal data from, to be rewritten like the blanked ones (their old row
   * versions keep the bytes in the files until then).
   */
  afterBatch?: (tx: TransactionSql, events: ProjectedEvent[]) => Promise<readonly string[] | void>;
};

/** A broken event: the message is recorded in read_models.dead_letters, so it must never hold personal data. */
/**
 * What a read model keeps in place of a review's case name, title or published text once the review's (or its
 * incident's) personal data is erased: the events keep what was written, the platform's copies do not.
 */
export const DETAILS_REMOVED = 'Details removed';

/** Where the platform serves a file it stores (packages/documents), by the file's SHA-256. */
const STORED_ADDRESS = /^\/documents\/([0-9a-f]{64})$/;

/**
 * A published report's documents once the review is erased: the titles ("Child M – Overview report", sealed in
 * ReportPublished) go. A file the platform stores (uploaded to `POST /documents`, addressed `/documents/<sha256>`)
 * is withdrawn: its address goes (no page links it), its checksum stays and `withdrawn` marks it, so the files'
 * sweep deletes its bytes (withdrawn-documents.ts) and `/documents/<sha256>` answers 410. An address on the
 * partnership's own website stays: that file is outside the platform's control (the partnership removes it).
 * The projector opens an erased record's documents as this too (pseudonyms.ts), so a rebuild after the erasure
 * gives the same rows. Applying it twice gives the same documents.
 */
export const withDocumentsErased = <T>(documents: T[]): T[] =>
  documents.map((document) => {
    if (typeof document !== 'object' || document === null) return document;
    const { address, ...rest } = document as Record<string, unknown>;
    const stored = typeof address === 'string' ? STORED_ADDRESS.exec(address)?.[1] : undefined;
    if (stored === undefined) return { ...document, title: DETAILS_REMOVED };
    return { ...rest, title: DETAILS_REMOVED, checksum: stored, withdrawn: true } as T;
  });

export class ProjectionError extends Error {
  override readonly name = 'ProjectionError';
}

export const requireString = (data: Record<string, unknown>, field: string): string => {
  const value = data[field];
  if (typeof value !== 'string' || value.length === 0) throw new ProjectionError(`missing or invalid field ${field}`);
  return value;
};

export const optionalString = (data: Record<string, unknown>, field: string): string | null => {
  const value = data[field];
  return typeof value === 'string' ? value : null;
};

export const stringArray = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export const addUnique = (list: string[], ...values: string[]): string[] => {
  const result = [...list];
  for (const value of values) if (!result.includes(value)) result.push(value);
  return result;
};

/** The role that caused an event, for history timelines (never the user id: timelines reach many readers). */
export const actorRoleOf = (event: ProjectedEvent): string => {
  const actor = event.metadata.actor as { role?: unknown } | undefined;
  return typeof actor?.role === 'string' ? actor.role : 'system';
};

export const occurredAtOf = (event: ProjectedEvent): string =>
  typeof event.metadata.occurredAt === 'string' ? event.metadata.occurredAt : event.recordedAt;

/** Instants are normalised to `toISOString()` so that text order is time order. */
export const requireInstant = (data: Record<string, unknown>, field: string): string => {
  const time = new Date(requireString(data, field));
  if (Number.isNaN(time.getTime())) throw new ProjectionError(`invalid instant in field ${field}`);
  return time.toISOString();
};
