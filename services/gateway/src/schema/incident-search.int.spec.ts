import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForPosition } from '@cspr/read-models';
import { startGatewayFixture } from '../gateway.fixture';
import type { GatewayFixture } from '../gateway.fixture';
import { lifecycle } from '../lifecycle.fixture';

const leeds = { role: 'partnership', partnership: 'leeds' } as const;
const panel = { role: 'panel' } as const;
let f: GatewayFixture;
let lc: ReturnType<typeof lifecycle>;

beforeAll(async () => {
  f = await startGatewayFixture();
  lc = lifecycle(f.gateway.commands);
  for (let i = 0; i < 3; i += 1) await lc.notified();
  await lc.notified('bradford');
  await waitForPosition(f.db.sql, lc.lastPosition(), 10_000);
});
afterAll(async () => {
  await f?.close();
});

const INCIDENT = 'id reference partnershipName localAuthorityName';

describe('incidents by reference and by name', () => {
  it('every incident has a reference; one is found by it (any case), names instead of codes', async () => {
    const listed = await f.graphql(
      panel,
      `query { incidents(first: 10) { totalCount edges { node { ${INCIDENT} } } } }`,
    );
    const nodes = listed.data!.incidents.edges.map((e: { node: Record<string, string> }) => e.node);
    expect(listed.data!.incidents.totalCount).toBe(4);
    expect(nodes.map((n: { reference: string }) => n.reference).sort()).toEqual([
      'INC-2026-00001',
      'INC-2026-00002',
      'INC-2026-00003',
      'INC-2026-00004',
    ]);
    const leedsOne = nodes.find(
      (n: { partnershipName: string }) => n.partnershipName === 'Leeds Safeguarding Children Partnership',
    );
    expect(leedsOne).toMatchObject({ localAuthorityName: 'Leeds' });
    const found = await f.graphql(
      leeds,
      `query($r: String!) { incidentByReference(reference: $r) { __typename ... on Incident { id } } }`,
      { r: leedsOne.reference.toLowerCase() },
    );
    expect(found.data!.incidentByReference).toEqual({ __typename: 'Incident', id: leedsOne.id });
  });

  it("another partnership's reference is NOT FOUND, as is a malformed one", async () => {
    const bradford = await f.graphql(
      panel,
      'query { incidents(first: 10) { edges { node { reference partnershipId } } } }',
    );
    const theirs = bradford.data!.incidents.edges.find(
      (e: { node: { partnershipId: string } }) => e.node.partnershipId === 'bradford',
    ).node.reference;
    for (const reference of [theirs, 'not-a-reference']) {
      const answer = await f.graphql(
        leeds,
        'query($r: String!) { incidentByReference(reference: $r) { __typename } }',
        { r: reference },
      );
      expect(answer.data!.incidentByReference.__typename).toBe('NotFoundError');
    }
  });

  it('searches by reference and pages by number with a true total', async () => {
    const first = await f.graphql(
      panel,
      'query { incidents(first: 3, page: 1) { totalCount pageInfo { hasNextPage } edges { node { id } } } }',
    );
    const second = await f.graphql(
      panel,
      'query { incidents(first: 3, page: 2) { totalCount pageInfo { hasNextPage } edges { node { id } } } }',
    );
    expect(first.data!.incidents).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    expect(second.data!.incidents.edges).toHaveLength(1);
    const byReference = await f.graphql(
      panel,
      'query { incidents(reference: "inc-2026-00002") { totalCount edges { node { reference } } } }',
    );
    expect(byReference.data!.incidents).toEqual({ totalCount: 1, edges: [{ node: { reference: 'INC-2026-00002' } }] });
    const bad = await f.graphql(panel, 'query { incidents(reference: "2026-2") { totalCount } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reference' });
  });

  it('dashboard figures come from the server; local authorities are listed by name', async () => {
    const figures = await f.graphql(leeds, 'query { incidentFigures { notified open overdue dueThisWeek } }');
    expect(figures.data!.incidentFigures).toMatchObject({ notified: 3, open: 3 });
    const las = await f.graphql('public', 'query { localAuthorities { code name } }');
    expect(las.data!.localAuthorities).toHaveLength(153);
    expect(las.data!.localAuthorities).toContainEqual({ code: 'E08000035', name: 'Leeds' });
  });
});
