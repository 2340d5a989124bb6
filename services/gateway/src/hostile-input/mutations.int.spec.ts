/**
 * Issue 5 item 5: every mutation of the schema, given a valid input with one field replaced by a hostile value
 * (hostile-values.ts), answers a clear typed error or stores the value exactly; never a 500 or a masked
 * "Unexpected error.", never a half-written command, and the gateway keeps answering. Then the tables an injection
 * would target are still there and searches with injection-shaped text answer normally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startGatewayFixture } from '../gateway-fixture';
import type { GatewayFixture, GraphQLResponse } from '../gateway-fixture';
import { lifecycle } from '../lifecycle-setup';
import { MUTATION_CASES, mutationDocument } from './mutation-cases';
import type { MutationCase } from './mutation-cases';
import { describeValue, hostileValue, pathsOf, replaceAt, stringsIn } from './hostile-values';

const NUM_RUNS = Number(process.env.HOSTILE_RUNS ?? 25);
const START = '2026-03-10T09:30:00Z';
type StoredEvent = { type: string; data: unknown; metadata: unknown };

let f: GatewayFixture;
beforeAll(async () => {
  f = await startGatewayFixture();
});
afterAll(async () => {
  await f?.close();
});

// Raw rows, not `readAll`: the store's log holds back events while any transaction is open; a committed row is
// counted here at once, and this file is the only writer of its database.
const lastPosition = async () => (await f.db.sql<{ p: string | null }[]>`select max(position)::text as p from event_store.events`)[0]!.p ?? '0';
const eventsAfter = (position: string) =>
  f.db.sql<StoredEvent[]>`select type, data, metadata from event_store.events where position > ${position}::bigint order by position`;

/** Opens every sealed personal part of the events with the subject's key (the vault is the only way to read them). */
const openedPersonal = async (events: StoredEvent[]): Promise<unknown[]> => {
  const sealed = events.flatMap((e) => Object.values(e.data as Record<string, unknown>).filter((v) => typeof v === 'object' && v !== null && 'sealed' in v));
  if (sealed.length === 0) return [];
  const candidates = [...new Set(events.flatMap((e) => stringsIn(e.data)))];
  const subjects = await f.db.sql<{ subject_id: string }[]>`select subject_id from personal_data.data_keys where subject_id = any(${candidates})`;
  const opened: unknown[] = [];
  for (const part of sealed) {
    for (const { subject_id } of subjects) {
      const result = await f.gateway.services.vault.open(subject_id, part).catch(() => undefined);
      if (result?.status === 'available') opened.push(result.value);
    }
  }
  expect(opened.length, 'every sealed part opens with its subject\'s key').toBe(sealed.length);
  return opened;
};

const health = async () => {
  const response = await f.graphql('public', 'query { partnerships { id } }');
  expect(response.status).toBe(200);
  expect(response.data?.partnerships).toBeInstanceOf(Array);
};

/** The judgement of one spoiled command; returns a short outcome name for the tally. */
const judge = async (c: MutationCase, path: (string | number)[], hostile: unknown, response: GraphQLResponse, before: string) => {
  const where = `${c.field} ${path.join('.')}=${describeValue(hostile)}`;
  expect([200, 400, 413], `${where}: status ${response.status}`).toContain(response.status);
  const messages = (response.errors ?? []).map((e) => `${String(e.extensions?.code)}: ${e.message}`);
  expect(messages.filter((m) => /Unexpected error|INTERNAL_SERVER_ERROR/.test(m)), `${where}: ${messages.join(' | ')}`).toEqual([]);
  const result = response.data?.[c.field] as { __typename: string; code?: string; field?: string } | null | undefined;
  const appended = await eventsAfter(before);
  const succeeded = !response.errors?.length && result && !result.__typename.endsWith('Error');
  if (!succeeded) {
    expect(appended.map((e) => e.type), `${where}: nothing written after ${result?.__typename ?? messages[0]}`).toEqual([]);
    if (result?.__typename === 'ValidationError') expect(result.field, where).toMatch(/\w/);
    return result?.__typename ?? 'request error';
  }
  if (typeof hostile === 'string' && !(appended.length === 0 && path.at(-1) === 'commandId')) {
    const stored = new Set(stringsIn([appended.map((e) => [e.data, e.metadata]), await openedPersonal(appended)]));
    // Short texts (names, titles) are trimmed on purpose; everything else must come back code unit for code unit.
    expect(stored.has(hostile) || stored.has(hostile.trim()), `${where}: stored exactly`).toBe(true);
  }
  return 'stored';
};

describe('hostile values in every mutation input', () => {
  const tally: Record<string, Record<string, number>> = {};
  for (const c of MUTATION_CASES) {
    it(`${c.field}: a clear error or stored exactly, nothing half-written`, { timeout: 120_000 }, async () => {
      const document = mutationDocument(c);
      await fc.assert(
        fc.asyncProperty(fc.nat(), hostileValue, async (pick, hostile) => {
          f.clock.set(START);
          const lc = lifecycle(f.gateway.commands);
          const valid = { ...(await c.setup(lc, f)), commandId: `hostile-${pick}-${Math.random().toString(36).slice(2)}` };
          const paths = pathsOf(valid);
          const path = paths[pick % paths.length]!;
          const before = await lastPosition();
          const response = await f.graphql(c.caller, document, { input: replaceAt(valid, path, hostile) });
          const outcome = await judge(c, path, hostile, response, before);
          (tally[c.field] ??= {})[outcome] = (tally[c.field]![outcome] ?? 0) + 1;
          await health();
        }),
        { numRuns: NUM_RUNS, endOnFailure: true },
      );
      // The property must have reached the handler, not only GraphQL's own coercion.
      expect(Object.keys(tally[c.field] ?? {}).length, JSON.stringify(tally[c.field])).toBeGreaterThan(0);
    });
  }

  it('covers every mutation of the schema', () => {
    const fields = Object.keys(f.gateway.yoga.getEnveloped().schema.getMutationType()!.getFields());
    expect(MUTATION_CASES.map((c) => c.field).sort()).toEqual(fields.sort());
  });
});
