/**
 * How a domain event sits in the log. The stored `data` is the event's data with `schemaVersion` beside it and
 * the personal part, if any, under the reserved key `personal`:
 *
 *   { schemaVersion: 1, incidentId: '…', …, personal: <sealed personal data> }
 *
 * By the time an event is appended, `personal` has been sealed by @cspr/personal-data (an encrypted envelope
 * `{ sealed: { keyId, iv, tag, ciphertext } }`), so the store, the projector and the relay only ever move the
 * sealed form. Decoding therefore returns `personal` as an opaque value; only the gateway opens it, and audits
 * the read when it does.
 */
export type StoredEventData = Record<string, unknown> & { schemaVersion: number; personal?: unknown };

export type EncodedEvent = { type: string; data: StoredEventData };

export const PERSONAL_KEY = 'personal';

export const encodeEvent = (event: {
  type: string;
  schemaVersion: number;
  data: object;
  personal?: unknown;
}): EncodedEvent => {
  const data: StoredEventData = { schemaVersion: event.schemaVersion, ...(event.data as Record<string, unknown>) };
  if (event.personal !== undefined) data[PERSONAL_KEY] = event.personal;
  return { type: event.type, data };
};

/** The minimised part of a stored event (everything but `personal`) and the personal part as stored. */
export const decodeEvent = <Data = Record<string, unknown>>(stored: {
  type: string;
  data: Record<string, unknown>;
}) => {
  const { schemaVersion, personal, ...data } = stored.data as StoredEventData;
  return { type: stored.type, schemaVersion: Number(schemaVersion ?? 1), data: data as Data, personal };
};
