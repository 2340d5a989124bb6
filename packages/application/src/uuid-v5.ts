/**
 * RFC 4122 name-based UUIDs (version 5, SHA-1). Event ids derived from a client's command id are the same on
 * every retry of that command, so the store's idempotent append writes them once.
 */
import { createHash } from 'node:crypto';

/** Namespace of CSPR command-derived event ids (a fixed random UUID; changing it would break idempotency). */
export const COMMAND_NAMESPACE = '6c1f7b0e-4f4e-4d52-9a62-3c0f5f2b8d17';

const toBytes = (uuid: string): Buffer => {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error('Not a UUID');
  return Buffer.from(hex, 'hex');
};

/** The SHA-1 of namespace and name that a v5 UUID is made of (20 bytes). */
export const nameHash = (name: string, namespace: string = COMMAND_NAMESPACE): Buffer =>
  createHash('sha1').update(toBytes(namespace)).update(name, 'utf8').digest();

export const uuidV5 = (name: string, namespace: string = COMMAND_NAMESPACE): string => {
  const bytes = nameHash(name, namespace).subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
