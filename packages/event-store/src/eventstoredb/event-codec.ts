import type { AllStreamResolvedEvent, JSONEventData, ResolvedEvent } from '@eventstore/db-client';
import { EventStoreError } from '../event-store';
import type { EventMetadata, EventToAppend, RecordedEvent } from '../event-store';
import { fromEsdbPosition } from './positions';

/**
 * Data and metadata are stored as JSON (content type application/json), so EventStoreDB's own tools and
 * projections can read them. JSON has no bigint, NaN or Date: rather than let `JSON.stringify` throw deep in the
 * client (bigint) or silently change a value (NaN becomes null, a Date a string), such a value is refused here with
 * a typed error that names the path, never the value (it may be personal data).
 */
export const assertJsonSafe = (value: unknown, path: string): void => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value))
        throw new EventStoreError('invalid_event', `${path} is not a finite number: JSON cannot hold it`);
      return;
    case 'bigint':
      throw new EventStoreError('invalid_event', `${path} is a bigint: JSON cannot hold it, store it as a string`);
    case 'object': {
      if (value === null) return;
      if (Array.isArray(value)) {
        value.forEach((item, index) => assertJsonSafe(item, `${path}[${index}]`));
        return;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new EventStoreError('invalid_event', `${path} is not a plain object: it would not read back as written`);
      }
      for (const [key, item] of Object.entries(value)) if (item !== undefined) assertJsonSafe(item, `${path}.${key}`);
      return;
    }
    default:
      throw new EventStoreError('invalid_event', `${path} is a ${typeof value}: JSON cannot hold it`);
  }
};

export const toEventData = (event: EventToAppend): JSONEventData => {
  if (!event.type || event.type.startsWith('$')) {
    throw new EventStoreError(
      'invalid_event',
      `Event type must be non-empty and not start with $ (reserved for the server)`,
    );
  }
  assertJsonSafe(event.data, 'data');
  assertJsonSafe(event.metadata, 'metadata');
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
};

/** Server-owned records: `$`-prefixed streams (`$$metadata`, `$stats-…`, projections) and `$`-prefixed types. */
export const isSystemRecord = (streamId: string, type: string): boolean =>
  streamId.startsWith('$') || type.startsWith('$');

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * One record read back, or `undefined` when it is not ours to hand out: a system record, or a link whose target
 * is gone. A non-JSON record in a non-system stream is refused: the platform expects a database of its own.
 */
export const fromResolvedEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined => {
  const event = resolved.event;
  if (!event || isSystemRecord(event.streamId, event.type)) return undefined;
  const where = `Event at ${event.streamId}@${event.revision}`;
  if (!event.isJson || !isPlainObject(event.data)) {
    throw new EventStoreError('invalid_event', `${where} is not a JSON object: not written by this platform`);
  }
  const metadata = event.metadata === undefined ? {} : event.metadata;
  if (!isPlainObject(metadata))
    throw new EventStoreError('invalid_event', `${where} has metadata that is not a JSON object`);
  return {
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: metadata as EventMetadata,
    streamId: event.streamId,
    streamRevision: event.revision,
    position: fromEsdbPosition(event.position, where),
    recordedAt: event.created,
  };
};
