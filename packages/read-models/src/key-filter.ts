/**
 * A fixed-size set of strings that can answer "maybe" but never a wrong "no" (a Bloom filter). The rebuild pipeline
 * uses it to remember which keys it evicted from its row cache: a key it never saw does not exist and needs no
 * lookup, a key it may have seen is looked up. Remembering them in a Set grew with every row of the log; this stays
 * the same size, and an over-full filter only costs extra lookups (answers stay right).
 */
export type KeyFilter = {
  add: (key: string) => void;
  /** False only when `key` was never added. */
  mightHave: (key: string) => boolean;
};

const HASHES = 4;

/** Two independent 32-bit FNV-1a hashes of the string's UTF-16 units (different offset bases). */
const hashes = (key: string): [number, number] => {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i += 1) {
    const unit = key.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995);
  }
  return [a >>> 0, (b >>> 0) | 1];
};

/** `bits` is rounded up to a power of two; 2^23 bits (1 MB) keep false "maybe"s near 2% up to a million keys. */
export const createKeyFilter = (bits = 2 ** 23): KeyFilter => {
  const size = 2 ** Math.ceil(Math.log2(Math.max(bits, 64)));
  const mask = size - 1;
  const words = new Uint32Array(size / 32);
  return {
    add: (key) => {
      const [a, b] = hashes(key);
      for (let i = 0; i < HASHES; i += 1) {
        const bit = (a + i * b) & mask;
        words[bit >>> 5]! |= 1 << (bit & 31);
      }
    },
    mightHave: (key) => {
      const [a, b] = hashes(key);
      for (let i = 0; i < HASHES; i += 1) {
        const bit = (a + i * b) & mask;
        if ((words[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
      }
      return true;
    },
  };
};
