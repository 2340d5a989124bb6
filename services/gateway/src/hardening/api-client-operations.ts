/**
 * The maintained list of API clients' operations (api-client-operations.graphql) as allow-list entries: each
 * operation printed on its own by graphql-js, keyed by the SHA-256 of that text. The gateway adds them to the web
 * build's list in production (compose-gateway.ts).
 */
import { readFileSync } from 'node:fs';
import { parse, print } from 'graphql';
import { allowListFromDocuments, type AllowedOperations } from './allowed-operations';

export const API_CLIENT_OPERATIONS_FILE = new URL('./api-client-operations.graphql', import.meta.url);

/** Each named operation of the file, as its own document text. */
export const apiClientDocuments = (): string[] =>
  parse(readFileSync(API_CLIENT_OPERATIONS_FILE, 'utf8')).definitions.map((definition) => print(definition));

export const apiClientAllowList = (): AllowedOperations => allowListFromDocuments(apiClientDocuments());
