/**
 * Issue 5 item 5: every mutation of the schema, given a valid input with one field replaced by a hostile value
 * (hostile-values.ts), answers a clear typed error or stores the value exactly; never a 500 or a masked
 * "Unexpected error.", never a half-written command, and the gateway keeps answering. Then the tables an injection
 * would target are still there and searches with injection-shaped text answer normally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { partnershipStreamId } from '@cspr/domain';
import { startGatewayFixture } from '../gateway.fixture';
import type { GatewayFixture, GraphQLResponse } from '../gateway.fixture';
import { lifecycle } from '../lifecycle.fixture';
import { MUTATION_CASES, mutationDocument } from './mutation-cases.fixture';
import type { MutationCase } from './mutation-cases.fixture';
import { describeValue, hostileValue, pathsOf, replaceAt, stringsIn } from './hostile-values.fixture';

const NUM_RUNS = Number(process.env.HOSTILE_RUNS ?? 25);
const START = '2026-03-10T09:30:00Z';
const OWN = { role: 'partnership', partnership: 'leeds' } as const;
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
const lastPosition = async () =>
  (await f.db.sql<{ p: string | null }[]>`select max(position)::text as p from event_store.events`)[0]!.p ?? '0';
const dataKeys = async () =>
  (await f.db.sql<{ n: number }[]>`select count(*)::int as n from personal_data.data_keys`)[0]!.n;
const eventsAfter = (position: string) =>
  f.db.sql<
    StoredEvent[]
  >`select type, data, metadata from event_store.events where position > ${position}::bigint order by position`;

/** Opens every sealed personal part of the events with the subject's key (the vault is the only way to read them). */
const openedPersonal = async (events: StoredEvent[]): Promise<unknown[]> => {
  const sealed = events.flatMap((e) =>
    Object.values(e.data as Record<string, unknown>).filter(
      (v) => typeof v === 'object' && v !== null && 'sealed' in v,
    ),
  );
  if (sealed.length === 0) return [];
  const candidates = [...new Set(events.flatMap((e) => stringsIn(e.data)))];
  const subjects = await f.db.sql<
    { subject_id: string }[]
  >`select subject_id from personal_data.data_keys where subject_id = any(${candidates})`;
  const opened: unknown[] = [];
  for (const part of sealed) {
    for (const { subject_id } of subjects) {
      const result = await f.gateway.services.vault.open(subject_id, part).catch(() => undefined);
      if (result?.status === 'available') opened.push(result.value);
    }
  }
  expect(opened.length, "every sealed part opens with its subject's key").toBe(sealed.length);
  return opened;
};

const health = async () => {
  const response = await f.graphql('public', 'query { partnerships { id } }');
  expect(response.status).toBe(200);
  expect(response.data?.partnerships).toBeInstanceOf(Array);
};

/** The judgement of one spoiled command; returns a short outcome name for the tally. */
const judge = async (
  c: MutationCase,
  path: (string | number)[],
  hostile: unknown,
  response: GraphQLResponse,
  before: { position: string; keys: number },
) => {
  const where = `${c.field} ${path.join('.')}=${describeValue(hostile)}`;
  expect([200, 400, 413], `${where}: status ${response.status}`).toContain(response.status);
  const messages = (response.errors ?? []).map((e) => `${String(e.extensions?.code)}: ${e.message}`);
  expect(
    messages.filter((m) => /Unexpected error|INTERNAL_SERVER_ERROR/.test(m)),
    `${where}: ${messages.join(' | ')}`,
  ).toEqual([]);
  const result = response.data?.[c.field] as { __typename: string; code?: string; field?: string } | null | undefined;
  const appended = await eventsAfter(before.position);
  const succeeded = !response.errors?.length && result && !result.__typename.endsWith('Error');
  if (!succeeded) {
    expect(
      appended.map((e) => e.type),
      `${where}: nothing written after ${result?.__typename ?? messages[0]}`,
    ).toEqual([]);
    expect(await dataKeys(), `${where}: no data key made for a refused command`).toBe(before.keys);
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
          const valid = {
            ...(await c.setup(lc, f)),
            commandId: `hostile-${pick}-${Math.random().toString(36).slice(2)}`,
          };
          const paths = pathsOf(valid);
          const path = paths[pick % paths.length]!;
          const before = { position: await lastPosition(), keys: await dataKeys() };
          const response = await f.graphql(c.caller, document, { input: replaceAt(valid, path, hostile) });
          const outcome = await judge(c, path, hostile, response, before);
          (tally[c.field] ??= {})[outcome] = (tally[c.field]![outcome] ?? 0) + 1;
          await health();
        }),
        { numRuns: NUM_RUNS, endOnFailure: true },
      );
      if (process.env.HOSTILE_TALLY) console.info(c.field, JSON.stringify(tally[c.field]));
    });
  }

  it('reached the handler: some hostile values were refused by it and some stored', () => {
    const outcomes = Object.values(tally).flatMap((byOutcome) => Object.entries(byOutcome));
    const count = (name: string) => outcomes.filter(([outcome]) => outcome === name).reduce((sum, [, n]) => sum + n, 0);
    expect(count('stored'), JSON.stringify(tally)).toBeGreaterThan(0);
    expect(count('ValidationError'), JSON.stringify(tally)).toBeGreaterThan(0);
  });

  it('covers every mutation of the schema', () => {
    const fields = Object.keys(f.gateway.yoga.getEnveloped().schema.getMutationType()!.getFields());
    expect(MUTATION_CASES.map((c) => c.field).sort()).toEqual(fields.sort());
  });
});

describe('malformed and oversized requests', () => {
  const post = async (body: string) => {
    const token = await f.tokenFor(OWN);
    return f.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
  };

  it('refuses a body over the size limit with 413, and one that is not JSON or not a GraphQL request with 400, writing nothing', async () => {
    const notify = MUTATION_CASES[0]!;
    const input = await notify.setup(lifecycle(f.gateway.commands), f);
    const before = await lastPosition();
    const huge = await post(
      JSON.stringify({
        query: mutationDocument(notify),
        variables: { input: { ...input, caseOutline: 'x'.repeat(2 * 1024 * 1024) } },
      }),
    );
    expect(huge.status).toBe(413);
    for (const body of [
      '{"query": "mutation {',
      '[]',
      '{"query": 42}',
      `{"query": ${JSON.stringify(mutationDocument(notify))}, "variables": "not an object"}`,
      '\u0000',
      '{"query":"{ partnerships { id } }","variables":{"a":'.padEnd(5000, '['),
    ]) {
      const response = await post(body);
      expect([400, 413], body.slice(0, 60)).toContain(response.status);
    }
    expect(await eventsAfter(before)).toEqual([]);
    await health();
  });
});

const INJECTIONS = [
  "'; drop table event_store.events; --",
  "' or '1'='1",
  '%',
  '_',
  '\\',
  '$1',
  "') or true --",
  "x' union select data::text from event_store.events --",
  'a\u0000b',
  '\uD800',
  '👩‍👩‍👧‍👦',
];

describe('SQL is parameterised', () => {
  it('stores injection-shaped names and free text as they are', async () => {
    const name = "Robert'); drop table read_models.incidents; --";
    const response = await f.graphql(
      { role: 'admin', sub: 'admin-2' },
      'mutation($input: PartnershipInput!) { registerPartnership(input: $input) { __typename ... on ClientError { message } } }',
      { input: { partnershipId: 'bobby-tables', name, localAuthorityCodes: ['E06000001'] } },
    );
    expect(response.data?.registerPartnership.__typename).not.toMatch(/Error$/);
    // An incident with injection-shaped free text too, read back once the read models have it.
    const notify = MUTATION_CASES[0]!;
    const notified = await f.graphql(
      OWN,
      mutationDocument(notify).replace('__typename', '__typename ... on IncidentPayload { position }'),
      {
        input: {
          ...(await notify.setup(lifecycle(f.gateway.commands), f)),
          caseOutline: INJECTIONS[0],
          location: INJECTIONS[1],
        },
      },
    );
    const seen = await f.graphql(
      { role: 'panel', sub: 'paula' },
      'query($after: String) { incidents(first: 1, consistentAfter: $after) { totalCount } }',
      { after: notified.data!.notifyIncident.position },
    );
    expect(seen.data!.incidents.totalCount).toBeGreaterThan(0);
    const events = await f.gateway.services.store.readStream(partnershipStreamId('bobby-tables'));
    expect(stringsIn(events.map((e) => e.data))).toContain(name);
  });

  it("keeps a unicode-edge child's name code unit for code unit through sealing and the personal query", async () => {
    const name = "\u202Eémile\u0301 👩‍👩‍👧‍👦 Zoë \u200F O'Brien; --";
    const input = { ...(await MUTATION_CASES[0]!.setup(lifecycle(f.gateway.commands), f)) } as Record<string, unknown>;
    input.children = [{ ...(input.children as Record<string, unknown>[])[0], name }];
    const notified = await f.graphql(
      OWN,
      mutationDocument(MUTATION_CASES[0]!).replace(
        '__typename',
        '__typename ... on IncidentPayload { incidentId position }',
      ),
      { input },
    );
    const { incidentId, position } = notified.data!.notifyIncident;
    const read = await f.graphql(
      { role: 'panel', sub: 'paula' },
      'query($id: ID!, $after: String) { incident(id: $id, consistentAfter: $after) { ... on Incident { personal { children { name } } } } }',
      { id: incidentId, after: position },
    );
    expect(read.data!.incident.personal.children[0].name).toBe(name);
  });

  it('answers searches and filters holding injection-shaped text normally, matching the text literally', async () => {
    const publish = MUTATION_CASES.find((c) => c.field === 'publishReport')!;
    const published = await f.graphql(
      OWN,
      mutationDocument(publish).replace('__typename', '__typename ... on ReviewPayload { position }'),
      { input: await publish.setup(lifecycle(f.gateway.commands), f) },
    );
    expect(published.data?.publishReport.__typename).toBe('ReviewPayload');
    const after = published.data!.publishReport.position as string;
    for (const text of INJECTIONS) {
      const reports = await f.graphql(
        'public',
        'query($s: String, $after: String) { publishedReports(search: $s, first: 50, consistentAfter: $after) { totalCount } all: publishedReports(first: 1, consistentAfter: $after) { totalCount } }',
        { s: text, after },
      );
      // PostgreSQL text cannot hold NUL: a search for one is a clear bad input; anything else is matched literally.
      if (text.includes('\u0000')) {
        expect(
          reports.errors?.map((e) => e.extensions?.code),
          text,
        ).toEqual(['BAD_USER_INPUT']);
      } else {
        expect(reports.errors, text).toBeUndefined();
        // Unpaired surrogates reach PostgreSQL as U+FFFD, which no stored text holds (the mutations refuse them).
        const [literal] = /[\uD800-\uDFFF]/.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))
          ? [{ n: 0 }]
          : await f.db.sql<
              { n: number }[]
            >`select count(*)::int as n from read_models.published_reports where strpos(search_text, ${text.toLowerCase()}) > 0`;
        expect(reports.data!.publishedReports.totalCount, `search ${text} matches literally`).toBe(literal!.n);
        expect(reports.data!.all.totalCount).toBeGreaterThan(0);
      }
      const filters = await f.graphql(
        { role: 'panel', sub: 'paula' },
        `query($t: String!, $id: ID!) {
        incidents(partnershipId: $t, first: 5) { totalCount } reviews(partnershipId: $t, first: 5) { totalCount }
        learningLibrary(keyword: $t, theme: $t, partnershipId: $t) { reviewId }
        learningLibraryCount(keyword: $t, theme: $t, partnershipId: $t)
        incident(id: $id) { __typename } review(id: $id) { __typename } }`,
        { t: text, id: text },
      );
      const codes = (filters.errors ?? []).map((e) => String(e.extensions?.code));
      expect(
        codes.filter((c) => c !== 'BAD_USER_INPUT'),
        `${text}: ${JSON.stringify(filters.errors)}`,
      ).toEqual([]);
      expect(filters.data?.incidents?.totalCount ?? 0, text).toBe(0);
    }
    await health();
  });

  it('leaves every table an injection would target in place, with its rows', async () => {
    for (const table of [
      'event_store.events',
      'read_models.incidents',
      'read_models.reviews',
      'read_models.published_reports',
      'read_models.partnerships',
      'personal_data.data_keys',
      'personal_data.audit_log',
    ]) {
      const [row] = await f.db.sql<{ n: number }[]>`select count(*)::int as n from ${f.db.sql(table)}`;
      expect(row!.n, `${table} still holds its rows`).toBeGreaterThan(0);
    }
  });
});
