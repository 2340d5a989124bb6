/** The production allow-list holds exactly the pages' named operations, keyed by the SHA-256 of their text. */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAllowedOperations } from '@cspr/gateway';
import * as operations from '../operations';
import { allowedOperations, writeAllowedOperations } from './allowed-operations';

const documents = Object.values(operations).filter(
  (d): d is string => typeof d === 'string' && /^(query|mutation) /.test(d),
);

describe('allowed operations', () => {
  it('lists every operation the pages send, each named, by the hash the gateway computes', () => {
    const list = allowedOperations();
    expect(Object.keys(list)).toHaveLength(documents.length);
    expect(new Set(Object.values(list))).toEqual(new Set(documents));
    for (const [id, document] of Object.entries(list)) {
      expect(id).toBe(createHash('sha256').update(document, 'utf8').digest('hex'));
      expect(document).toMatch(/^(query|mutation) [A-Z]\w+/);
    }
    const names = Object.values(list).map((d) => /^(?:query|mutation) (\w+)/.exec(d)![1]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('writes the file the gateway loads (CSPR_ALLOWED_OPERATIONS)', async () => {
    const path = join(tmpdir(), `cspr-allowed-${process.pid}.json`);
    await writeAllowedOperations(path);
    expect(await loadAllowedOperations(path)).toEqual(allowedOperations());
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(allowedOperations());
    await rm(path);
  });
});
