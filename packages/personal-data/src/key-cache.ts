/**
 * A small LRU with a time-to-live for unwrapped data keys. The TTL bounds how long another instance can keep
 * decrypting after a key is destroyed elsewhere (no cross-process invalidation on the embedded default).
 */
export const createKeyCache = <V>(capacity: number, ttlMs: number) => {
  const entries = new Map<string, { value: V; expiresAt: number }>();
  return {
    get: (key: string): V | undefined => {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= Date.now()) return undefined;
      entries.set(key, entry); // most recently used goes last
      return entry.value;
    },
    set: (key: string, value: V): void => {
      if (capacity <= 0) return;
      entries.delete(key);
      entries.set(key, { value, expiresAt: Date.now() + ttlMs });
      while (entries.size > capacity) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },
    delete: (key: string): void => {
      entries.delete(key);
    },
  };
};
