/**
 * What the gateway's answers give away (issue 15's smaller findings), against the real gateway on PostgreSQL:
 * - CORS headers only for configured origins, never with credentials;
 * - the read audit's request id is made by the server; the caller's x-request-id is only a correlation id;
 * - answers to a signed-in caller are `Cache-Control: no-store`;
 * - production validation errors name the path and the rule: no submitted value, no "Did you mean";
 * - a token naming a partnership that does not exist is refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForPosition } from '@cspr/read-models';
import { loadOrCreateDevSigningKey, type DevSigningKey } from '../auth/dev-signing-key';
import { mintDevToken } from '../auth/mint-token';
import { createDevTokenVerifier } from '../auth/verify-token';
import { partnershipExists } from '../compose-gateway';
import { startGatewayFixture, type GatewayFixture } from '../gateway.fixture';
import { lifecycle, SECRET_CHILD_NAME } from '../lifecycle.fixture';
import { allowListFromDocuments } from './allowed-operations';

const NOTIFY = `mutation Notify($input: NotifyIncidentInput!) {
  notifyIncident(input: $input) { __typename ... on ClientError { code message } }
}`;
const PERSONAL =
  'query($id: ID!) { incident(id: $id) { __typename ... on Incident { personal { children { name } } } } }';

const notifyInput = (overrides: Record<string, unknown>) => ({
  partnershipId: 'leeds',
  localAuthorityCode: 'E08000035',
  nature: 'CHILD_DEATH',
  becameAwareOn: '2026-03-06',
  incidentOn: '2026-03-05',
  children: [
    {
      childRef: 'child-1',
      name: SECRET_CHILD_NAME,
      ageInYears: 7,
      sex: 'MALE',
      ethnicity: 'ASIAN',
      disability: 'NOT_KNOWN',
      placement: 'AT_HOME',
      lookedAfter: false,
      childInNeedPlan: false,
      childProtectionPlan: false,
      knownToAgencies: 'YES',
    },
  ],
  notifier: { name: 'N', role: 'R', email: 'n@leeds.gov.uk' },
  location: 'L',
  caseOutline: 'O',
  ...overrides,
});

let dev: GatewayFixture;
let production: GatewayFixture;
let key: DevSigningKey;
let keyDir: string;

beforeAll(async () => {
  dev = await startGatewayFixture({ corsOrigins: ['https://app.example'] });
  keyDir = await mkdtemp(join(tmpdir(), 'cspr-responses-'));
  key = await loadOrCreateDevSigningKey(keyDir);
  production = await startGatewayFixture({
    production: true,
    hardening: { allowedOperations: allowListFromDocuments([NOTIFY]) },
  });
});
afterAll(async () => {
  await dev?.close();
  await production?.close();
  await rm(keyDir, { recursive: true, force: true });
});

const post = async (f: GatewayFixture, body: unknown, headers: Record<string, string> = {}) =>
  f.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('CORS', () => {
  it('answers a configured origin without credentials, and gives other origins nothing', async () => {
    const preflight = (origin: string) =>
      dev.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight('https://app.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-allow-credentials')).not.toBe('true');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('*');
    const simple = await post(dev, { query: '{ __typename }' }, { origin: 'https://evil.example' });
    // Yoga names the configured origin whatever the caller's: a browser then refuses the mismatch.
    expect([null, 'https://app.example']).toContain(simple.headers.get('access-control-allow-origin'));
    expect(simple.headers.get('access-control-allow-credentials')).not.toBe('true');
  });

  it('sends no CORS headers at all when no origin is configured (production default)', async () => {
    const response = await post(
      production,
      { query: NOTIFY, variables: { input: {} } },
      { origin: 'https://evil.example' },
    );
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('request ids and caching of personal answers', () => {
  it('audits a personal read under a request id of its own, keeping the caller id apart, with no-store', async () => {
    const lc = lifecycle(dev.gateway.commands);
    const { incidentId } = await lc.notified();
    expect(await waitForPosition(dev.db.sql, lc.lastPosition(), 10_000)).toBe(true);
    const token = await dev.tokenFor({ role: 'partnership', partnership: 'leeds' });
    const response = await post(
      dev,
      { query: PERSONAL, variables: { id: incidentId } },
      { authorization: `Bearer ${token}`, 'x-request-id': 'caller-chosen-id' },
    );
    expect(JSON.stringify(await response.json())).toContain(SECRET_CHILD_NAME);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const serverId = response.headers.get('x-request-id');
    expect(serverId).toMatch(/^[0-9a-f-]{36}$/);
    const { entries } = await dev.gateway.services.audit.query({ subjectId: incidentId, first: 10 });
    expect(entries.map((e) => e.requestId)).toEqual([serverId]);
    expect(entries[0]!.requestId).not.toBe('caller-chosen-id');
  });

  it("carries the caller's x-request-id as the correlation id of the events it causes", async () => {
    const token = await dev.tokenFor({ role: 'partnership', partnership: 'leeds' });
    const response = await post(
      dev,
      { query: NOTIFY, variables: { input: notifyInput({}) } },
      { authorization: `Bearer ${token}`, 'x-request-id': 'caller-correlation-1' },
    );
    const answer = (await response.json()) as { data: { notifyIncident: { __typename: string } } };
    expect(answer.data.notifyIncident.__typename).toBe('IncidentPayload');
    const [row] = await dev.db.sql<[{ count: number }]>`
      select count(*)::int as count from event_store.events where metadata->>'correlationId' = 'caller-correlation-1'`;
    expect(row.count).toBeGreaterThan(0);
  });
});

describe('production validation errors', () => {
  const ask = async (input: Record<string, unknown>) => {
    // Variables are checked before any resolver: the caller's role does not matter here.
    const response = await post(production, { query: NOTIFY, variables: { input } });
    return JSON.stringify(await response.json());
  };

  it('name the path and the rule, never the value sent nor a suggested enum value', async () => {
    const wrongAge = await ask(
      notifyInput({ children: [{ ...notifyInput({}).children[0], ageInYears: SECRET_CHILD_NAME }] }),
    );
    expect(wrongAge).toContain('input.children[0].ageInYears');
    expect(wrongAge).toContain('cannot represent');
    expect(wrongAge).not.toContain(SECRET_CHILD_NAME);
    const wrongNature = await ask(notifyInput({ nature: 'CHILD_DEATHH' }));
    expect(wrongNature).toContain('input.nature');
    expect(wrongNature).not.toMatch(/Did you mean|CHILD_DEATHH|"CHILD_DEATH"/);
    // Development keeps graphql-js's own message, value and suggestion included: the rewrite is production's.
    const token = await dev.tokenFor({ role: 'partnership', partnership: 'leeds' });
    const devAnswer = await post(
      dev,
      { query: NOTIFY, variables: { input: notifyInput({ nature: 'CHILD_DEATHH' }) } },
      { authorization: `Bearer ${token}` },
    );
    expect(JSON.stringify(await devAnswer.json())).toMatch(/Did you mean/);
  });
});

describe('tokens naming a partnership', () => {
  it('refuses one that does not exist and accepts one registered in the log', async () => {
    const lc = lifecycle(dev.gateway.commands);
    await lc.commands.execute(
      {
        type: 'RegisterPartnership',
        data: { partnershipId: 'leeds', name: 'Leeds', localAuthorityCodes: ['E08000035'] },
      },
      { actor: { userId: 'admin-1', role: 'admin' } },
    );
    expect(await waitForPosition(dev.db.sql, lc.lastPosition(), 10_000)).toBe(true);
    const verifier = await createDevTokenVerifier(key, { partnershipExists: partnershipExists(dev.db.sql) });
    const made = await mintDevToken(key, { role: 'partnership', partnership: 'atlantis' });
    await expect(verifier.verify(`Bearer ${made}`)).rejects.toThrow(/partnership that does not exist/);
    const leeds = await mintDevToken(key, { role: 'partnership', partnership: 'leeds' });
    await expect(verifier.verify(`Bearer ${leeds}`)).resolves.toMatchObject({ partnershipId: 'leeds' });
  });
});
