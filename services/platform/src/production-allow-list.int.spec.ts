/**
 * Production runs only allow-listed operations: the web pages' (services/web/src/operations.ts) and the API
 * clients' maintained list (services/gateway/src/hardening/api-client-operations.graphql). Every documented
 * operation must be usable in production by the roles the policy table allows it: here each operation of both
 * lists is validated against the schema and sent, as each of those roles, to a production gateway on PostgreSQL
 * with the allow-list the composed gateway builds; none may answer OPERATION_NOT_ALLOWED, while an ad-hoc query
 * still is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, validate, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readersFor, OPERATIONS, type Operation, type Reader } from '@cspr/domain';
import { createDocumentStore, migrateDocuments } from '@cspr/documents';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import {
  apiClientAllowList,
  apiClientDocuments,
  buildSchema,
  createDevTokenVerifier,
  createGateway,
  loadOrCreateDevSigningKey,
  mintDevToken,
  type DevSigningKey,
  type Gateway,
} from '@cspr/gateway';
import {
  createMasterKeyWrapper,
  createPersonalDataVault,
  createReadAudit,
  migratePersonalData,
} from '@cspr/personal-data';
import { migrateReadModels } from '@cspr/read-models';
import { createLogger } from '@cspr/telemetry';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { allowedOperations } from '@cspr/web';

const schema = buildSchema();
const pageDocuments = Object.values(allowedOperations());
const apiDocuments = apiClientDocuments();

/** The root fields an operation document selects, as `query.incident` / `mutation.notifyIncident`. */
const rootFields = (document: string): string[] =>
  parse(document).definitions.flatMap((definition) =>
    definition.kind === 'OperationDefinition'
      ? (definition as OperationDefinitionNode).selectionSet.selections
          .filter((selection): selection is FieldNode => selection.kind === 'Field')
          .map((field) => `${definition.operation}.${field.name.value}`)
      : [],
  );

/** The roles the policy table lets run every root field of the document. */
const rolesFor = (document: string): Reader[] => {
  const operations = rootFields(document)
    .map((field) => field.split('.')[1]!)
    .filter((name) => name !== '__typename');
  return (['public', 'partnership', 'panel', 'ofsted', 'admin', 'agency', 'dfe'] as Reader[]).filter((reader) =>
    operations.every(
      (name) => (OPERATIONS as string[]).includes(name) && readersFor(name as Operation).includes(reader),
    ),
  );
};

describe('the production allow-list', { timeout: 180_000 }, () => {
  let db: TestDatabase;
  let keyDir: string;
  let key: DevSigningKey;
  let gateway: Gateway;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateEventStore(db.sql);
    await migratePersonalData(db.sql);
    await migrateReadModels(db.sql);
    await migrateDocuments(db.sql);
    keyDir = await mkdtemp(join(tmpdir(), 'cspr-allow-list-'));
    key = await loadOrCreateDevSigningKey(keyDir);
    gateway = createGateway({
      sql: db.sql,
      store: createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups }),
      vault: createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(randomBytes(32)) }),
      audit: createReadAudit(db.sql),
      auth: await createDevTokenVerifier(key),
      logger: createLogger({ service: 'allow-list-test', level: 'silent' }),
      production: true,
      documents: { store: createDocumentStore(db.sql) },
      // As compose-gateway.ts builds it: the web build's file plus the API clients' list. No rate limit here: the
      // spec sends a few hundred requests from one address.
      hardening: { allowedOperations: { ...allowedOperations(), ...apiClientAllowList() }, rateLimitPerMinute: 0 },
    });
  });
  afterAll(async () => {
    await db?.drop();
    await rm(keyDir, { recursive: true, force: true });
  });

  const send = async (reader: Reader, body: Record<string, unknown>) => {
    const token =
      reader === 'public'
        ? undefined
        : await mintDevToken(key, {
            role: reader,
            ...(reader === 'partnership' || reader === 'agency' ? { partnership: 'leeds' } : {}),
          });
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  };
  const refused = (answer: Awaited<ReturnType<typeof send>>) =>
    (answer.errors ?? []).some((error) => error.extensions?.code === 'OPERATION_NOT_ALLOWED');

  it('validates every API client operation against the schema', () => {
    expect(apiDocuments.length).toBeGreaterThan(0);
    for (const document of apiDocuments)
      expect({ document, errors: validate(schema, parse(document)) }).toEqual({ document, errors: [] });
  });

  it('covers every root field of the schema with a page operation or an API client operation', () => {
    const covered = new Set([...pageDocuments, ...apiDocuments].flatMap(rootFields));
    const fields = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((name) => `query.${name}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((name) => `mutation.${name}`),
    ];
    expect(fields.filter((field) => !covered.has(field))).toEqual([]);
  });

  it('runs each operation, as each role allowed it, without OPERATION_NOT_ALLOWED', async () => {
    const notAllowed: string[] = [];
    let sent = 0;
    for (const document of [...pageDocuments, ...apiDocuments]) {
      const name = (parse(document).definitions[0] as OperationDefinitionNode).name?.value ?? document.slice(0, 40);
      for (const reader of rolesFor(document)) {
        sent += 1;
        if (refused(await send(reader, { query: document }))) notAllowed.push(`${name} as ${reader}`);
      }
    }
    expect(notAllowed).toEqual([]);
    expect(sent).toBeGreaterThan(apiDocuments.length);
  });

  it('runs an API client operation sent by its id', async () => {
    const feed = apiDocuments.find((document) => document.includes('notificationFeed'))!;
    const id = createHash('sha256').update(feed, 'utf8').digest('hex');
    const answer = await send('ofsted', { extensions: { persistedQuery: { version: 1, sha256Hash: id } } });
    expect(refused(answer)).toBe(false);
    expect(answer.errors ?? []).toEqual([]);
  });

  it('still refuses an ad-hoc query, and an allowed one written differently', async () => {
    expect(refused(await send('admin', { query: '{ projectorStatus { position } }' }))).toBe(true);
    const feed = apiDocuments.find((document) => document.includes('notificationFeed'))!;
    expect(refused(await send('ofsted', { query: `${feed}\n` }))).toBe(true);
  });
});
