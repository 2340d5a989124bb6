import type { RecordedEvent, EventMetadata } from '../event-store';

/**
 * The columns every read selects; int8 and xid8 come back as text and become bigint here. `leftOut` is the
 * parameter holding the top-level `data` fields the reader leaves out (`leaveOutData`; an empty array leaves the
 * value as it is).
 */
export const eventColumns = (leftOut: string) =>
  `transaction_id::text as commit, position::text as prepare, event_id::text, stream_id, stream_revision::text as revision, type, data - ${leftOut}::text[] as data, metadata, recorded_at`;

export type EventRow = {
  commit: string;
  prepare: string;
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: Date;
};

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  streamId: row.stream_id,
  streamRevision: BigInt(row.revision),
  position: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) },
  recordedAt: row.recorded_at,
});

const bigintAsText = (_key: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);

/** JSON cannot hold bigint: write it as text (the reader knows its own fields). Events rarely hold one, and a
 * replacer slows every value down, so it is used only when plain JSON.stringify refuses a bigint. */
export const toJson = (value: unknown): string => {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof TypeError) return JSON.stringify(value, bigintAsText);
    throw error;
  }
};
