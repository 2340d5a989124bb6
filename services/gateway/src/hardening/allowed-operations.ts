/**
 * Persisted / allowed operations: in production only operations on an allow-list run. A client either sends the
 * id (`extensions.persistedQuery.sha256Hash`, the Apollo/Yoga convention) or the exact text of an allowed
 * operation; anything else is refused before parsing, so arbitrary queries never reach validation or execution.
 * The list is a JSON file `{ "<id>": "<document>" }`, ids normally the SHA-256 hex of the document, produced
 * from the web client's operations at build time.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';

export type AllowedOperations = Record<string, string>;

export const operationId = (document: string): string => createHash('sha256').update(document, 'utf8').digest('hex');

/** Builds an allow-list keyed by SHA-256 from operation documents. */
export const allowListFromDocuments = (documents: readonly string[]): AllowedOperations =>
  Object.fromEntries(documents.map((document) => [operationId(document), document]));

/** Reads an allow-list file; refuses anything that is not an object of strings, so a typo cannot open the gate. */
export const loadAllowedOperations = async (path: string): Promise<AllowedOperations> => {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    Object.values(parsed).some((v) => typeof v !== 'string')
  ) {
    throw new Error(`${path}: an allowed-operations file is a JSON object of id -> GraphQL document`);
  }
  return parsed as AllowedOperations;
};

const persistedQuery = (id: string) => ({ persistedQuery: { version: 1, sha256Hash: id } });

/** The two plugins, in order: text-to-id for allowed documents sent in full, then Yoga's persisted operations. */
export const useAllowedOperations = (allowed: AllowedOperations): Plugin[] => {
  const ids = new Map(Object.entries(allowed));
  // Keyed by the exact text: a map lookup, where hashing every request's query (SHA-256) found the same entry.
  const idByText = new Map(Object.entries(allowed).map(([id, document]) => [document, id]));
  const textToId: Plugin = {
    onParams: ({ params, setParams }) => {
      if (typeof params.query !== 'string') return;
      const id = idByText.get(params.query);
      if (id === undefined) return; // the persisted-operations plugin refuses it
      const { query: _query, ...rest } = params;
      setParams({ ...rest, extensions: { ...(params.extensions ?? {}), ...persistedQuery(id) } });
    },
  };
  return [
    textToId,
    usePersistedOperations({
      getPersistedOperation: (key) => ids.get(key) ?? null,
      allowArbitraryOperations: false,
      customErrors: {
        persistedQueryOnly: {
          message: 'Only allowed operations run on this server',
          extensions: { code: 'OPERATION_NOT_ALLOWED', http: { status: 400 } },
        },
        notFound: {
          message: 'Unknown operation id',
          extensions: { code: 'OPERATION_NOT_ALLOWED', http: { status: 400 } },
        },
        keyNotFound: {
          message: 'Send an allowed operation or its id',
          extensions: { code: 'OPERATION_NOT_ALLOWED', http: { status: 400 } },
        },
      },
    }) as Plugin,
  ];
};
