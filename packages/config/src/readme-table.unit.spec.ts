import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_DOCS } from './config';
import { readmeWithConfigTable } from './readme-table';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the README configuration table', () => {
  it('is the table printed from the config schema (run npm run config:table after changing a variable)', () => {
    expect(readme).toBe(readmeWithConfigTable(readme));
  });

  it('has one row per variable of the schema', () => {
    const rows = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(Object.keys(CONFIG_DOCS));
  });
});
