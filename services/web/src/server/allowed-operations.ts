/**
 * The gateway's production allow-list (CSPR_ALLOWED_OPERATIONS): every named operation the pages send, keyed by
 * the SHA-256 of its text, as `{ "<sha256>": "<document>" }`. Pages send these constants verbatim, so the gateway
 * matches them by text; nothing else runs in production.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as operations from '../operations';

export const allowedOperations = (): Record<string, string> =>
  Object.fromEntries(
    (Object.values(operations) as unknown[])
      .filter((doc): doc is string => typeof doc === 'string' && /^(query|mutation) \w+/.test(doc))
      .map((doc) => [createHash('sha256').update(doc, 'utf8').digest('hex'), doc]),
  );

/** Default: services/web/dist/allowed-operations.json (the path the deployment files name). */
export const defaultAllowListPath = (): string =>
  join(dirname(fileURLToPath(import.meta.url)), '../../dist/allowed-operations.json');

export const writeAllowedOperations = async (path = defaultAllowListPath()): Promise<string> => {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(allowedOperations(), null, 2)}\n`);
  return path;
};
