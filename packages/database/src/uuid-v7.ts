import { randomBytes } from 'node:crypto';

/**
 * Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then 74 random bits. Keys of append-only
 * tables made of these (event ids above all) land at the recent end of their B-tree index, on pages that are hot
 * anyway. Random (v4 or v5) keys land on a different leaf page almost every time: on a large table each such page
 * is a read, and the first change to it after a checkpoint writes a full 8 kB page image to the WAL.
 */
export const uuidV7 = (now: number = Date.now()): string => uuidV7Of(now, randomBytes(16));

/**
 * The version 7 UUID of `millis` whose other 74 bits are taken from `bytes` (16 or more; its first 6 bytes and the
 * version and variant bits are not used): with a hash for `bytes`, a time-ordered id that is the same every time.
 */
export const uuidV7Of = (millis: number, bytes: Uint8Array): string => {
  if (!Number.isSafeInteger(millis) || millis < 0 || millis >= 2 ** 48)
    throw new RangeError(`Not a v7 time: ${millis}`);
  if (bytes.length < 16) throw new RangeError('A UUID needs 16 bytes');
  const id = Buffer.from(bytes.subarray(0, 16));
  id.writeUIntBE(millis, 0, 6);
  id[6] = (id[6]! & 0x0f) | 0x70;
  id[8] = (id[8]! & 0x3f) | 0x80;
  const hex = id.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const V7_PREFIX = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/i;

/** The milliseconds of a text that starts with a version 7 UUID (`<v7>/follow-on` too); undefined otherwise. */
export const uuidV7Time = (text: string): number | undefined =>
  V7_PREFIX.test(text) ? parseInt(text.slice(0, 8) + text.slice(9, 13), 16) : undefined;
