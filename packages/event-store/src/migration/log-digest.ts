import { createHash } from 'node:crypto';
import type { EventStore, LogPosition, RecordedEvent } from '../event-store';

/**
 * JSON with object keys sorted, recursively. PostgreSQL's jsonb reorders keys (shorter first) while EventStoreDB
 * keeps them as written, so the same data reads back in different key orders; the digest must not care.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
};

export type LogDigest = {
  count: number;
  /** sha256, hex, over each event's id, type and canonical data, in log order. */
  sha256: string;
  /** Position of the last event read (LOG_START-like `undefined` when the log is empty). */
  last?: LogPosition;
};

/** Feeds one event into the running hash: fields separated by newlines, which JSON text cannot contain raw. */
export const digestEvent = (
  hash: ReturnType<typeof createHash>,
  event: Pick<RecordedEvent, 'eventId' | 'type' | 'data'>,
): void => {
  hash.update(`${event.eventId.toLowerCase()}\n${event.type}\n${canonicalJson(event.data)}\n`);
};

/** Count and checksum of a whole log, read page by page (memory stays bounded). */
export const logDigest = async (store: EventStore, options: { pageSize?: number } = {}): Promise<LogDigest> => {
  const pageSize = options.pageSize ?? 1000;
  const hash = createHash('sha256');
  let count = 0;
  let last: LogPosition | undefined;
  for (;;) {
    const page = await store.readAll({ ...(last ? { after: last } : {}), maxCount: pageSize });
    for (const event of page) digestEvent(hash, event);
    count += page.length;
    if (page.length === 0) break;
    last = page[page.length - 1]!.position;
    if (page.length < pageSize) break;
  }
  return { count, sha256: hash.digest('hex'), ...(last ? { last } : {}) };
};
