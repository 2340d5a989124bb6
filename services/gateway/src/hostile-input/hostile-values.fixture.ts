/**
 * Hostile values for the input properties: injection shapes, NUL bytes, lone surrogates, bidi overrides, emoji and
 * combining marks, huge strings and arrays, wrong JSON types and impossible dates; plus the paths of a valid input
 * that one of them replaces.
 */
import fc from 'fast-check';

const HUGE = 'x'.repeat(100_000);
export const HOSTILE_CONSTANTS: unknown[] = [
  "'; drop table event_store.events; --",
  "' or '1'='1",
  '$1',
  '$1::text',
  '\\x00',
  '\\',
  '%',
  '_',
  '"',
  "''",
  '); delete from personal_data.data_keys; --',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\u202Egnp.exe',
  '\u200F\u202B',
  '👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  'Z̵̧̛͔a̸l̷g̶o̵',
  '\uFEFF',
  ' leading and trailing ',
  '',
  ' ',
  '\n\r\t',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${jndi:ldap://x}',
  '../../etc/passwd',
  HUGE,
  `${HUGE}\u0000`,
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '2026-03-05T23:30:00+05:00',
  '2026-03-05T00:00:00Z',
  '2026-13-01',
  '-001-01-01',
  '+275760-09-13',
  0,
  -1,
  1.5,
  2 ** 31,
  Number.MAX_SAFE_INTEGER,
  true,
  false,
  null,
  {},
  { $ne: null },
  { a: { b: { c: { d: 'deep' } } } },
  [],
  ['a', { b: 1 }],
  Array.from({ length: 10_000 }, (_, i) => `item-${i}`),
];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
  // Any code unit sequence, lone surrogates included.
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

export type Path = (string | number)[];

/** Every place of a JSON value one hostile value can replace: leaves and whole objects and arrays (the root excluded). */
export const pathsOf = (value: unknown, prefix: Path = []): Path[] => {
  if (value === null || typeof value !== 'object') return prefix.length ? [prefix] : [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [...(prefix.length ? [prefix] : []), ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
};

export const replaceAt = (value: unknown, path: Path, replacement: unknown): unknown => {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  const record = value as Record<string, unknown>;
  return { ...record, [head!]: replaceAt(record[head as string], rest, replacement) };
};

/** All strings in a JSON value (keys too), for finding what a command stored. */
export const stringsIn = (value: unknown): string[] => {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  return Object.entries(value).flatMap(([k, v]) => [k, ...stringsIn(v)]);
};

/** Shortened description of a hostile value for failure messages (never the 100k strings). */
export const describeValue = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}… (${text.length} chars)` : text;
};
