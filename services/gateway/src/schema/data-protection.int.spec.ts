import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '@cspr/domain';
import { waitForPosition } from '@cspr/read-models';
import { parsePosition } from '@cspr/event-store';
import { startGatewayFixture } from '../gateway.fixture';
import type { GatewayFixture } from '../gateway.fixture';
import { lifecycle, SECRET_CHILD_NAME } from '../lifecycle.fixture';

const admin1 = { role: 'admin', sub: 'admin-1' } as const;
const admin2 = { role: 'admin', sub: 'admin-2' } as const;
const panel = { role: 'panel', sub: 'paula' } as const;
let f: GatewayFixture;
let lc: ReturnType<typeof lifecycle>;

beforeAll(async () => {
  f = await startGatewayFixture();
  lc = lifecycle(f.gateway.commands);
});
afterAll(async () => {
  await f?.close();
});

const PENDING =
  'query { erasureRequests(status: PENDING) { totalCount edges { node { reference partnershipName localAuthorityName legalBasis requestedBy requestedByYou } } } }';

describe('pending erasure requests', () => {
  it('a second admin sees the pending request by reference and name, and approving or cancelling takes it off the list', async () => {
    const [one, two] = [await lc.notified(), await lc.notified()];
    await waitForPosition(f.db.sql, lc.lastPosition(), 10_000);
    let position = '';
    for (const { incidentId } of [one, two]) {
      const asked = await f.graphql(
        admin1,
        'mutation($input: RequestErasureInput!) { requestErasure(input: $input) { __typename ... on ErasurePayload { position } } }',
        {
          input: { incidentId, legalBasis: 'data-subject-request' },
        },
      );
      position = asked.data!.requestErasure.position;
    }
    const pending = await f.graphql(
      admin2,
      PENDING.replace('status: PENDING', `status: PENDING, consistentAfter: "${position}"`),
    );
    expect(pending.data!.erasureRequests.totalCount).toBe(2);
    expect(pending.data!.erasureRequests.edges[0].node).toMatchObject({
      partnershipName: 'Leeds Safeguarding Children Partnership',
      localAuthorityName: 'Leeds',
      legalBasis: 'data-subject-request',
      requestedBy: 'admin-1',
      requestedByYou: false,
    });
    expect(pending.data!.erasureRequests.edges[0].node.reference).toMatch(/^INC-2026-\d{5}$/);
    const mine = await f.graphql(admin1, PENDING);
    expect(mine.data!.erasureRequests.edges[0].node.requestedByYou).toBe(true);

    await f.graphql(admin2, 'mutation($input: ApproveErasureInput!) { approveErasure(input: $input) { __typename } }', {
      input: { incidentId: one.incidentId },
    });
    const cancelled = await f.graphql(
      admin2,
      'mutation($input: CancelErasureRequestInput!) { cancelErasureRequest(input: $input) { __typename ... on ErasurePayload { position } } }',
      {
        input: { incidentId: two.incidentId },
      },
    );
    const after = await f.graphql(
      admin2,
      PENDING.replace(
        'status: PENDING',
        `status: PENDING, consistentAfter: "${cancelled.data!.cancelErasureRequest.position}"`,
      ),
    );
    expect(after.data!.erasureRequests).toEqual({ totalCount: 0, edges: [] });
    const all = await f.graphql(admin2, 'query { erasureRequests { totalCount edges { node { status decidedBy } } } }');
    // Both were requested at the same instant (the test clock): oldest first then ties on the incident id.
    expect(
      all
        .data!.erasureRequests.edges.map((e: { node: { status: string } }) => e.node)
        .sort((a: { status: string }, b: { status: string }) => a.status.localeCompare(b.status)),
    ).toEqual([
      { status: 'CANCELLED', decidedBy: 'admin-2' },
      { status: 'ERASED', decidedBy: 'admin-2' },
    ]);
  });

  it('an admin, who reads no case records, requests erasure by the incident reference; an unknown one is NOT FOUND', async () => {
    const { incidentId } = await lc.notified();
    await waitForPosition(f.db.sql, lc.lastPosition(), 10_000);
    const found = await f.graphql(panel, 'query($id: ID!) { incident(id: $id) { ... on Incident { reference } } }', {
      id: incidentId,
    });
    const reference: string = found.data!.incident.reference;
    const REQUEST =
      'mutation($input: RequestErasureInput!) { requestErasure(input: $input) { __typename ... on ErasurePayload { incidentId } } }';
    const asked = await f.graphql(admin1, REQUEST, {
      input: { incidentId: reference.toLowerCase(), legalBasis: 'court-order' },
    });
    expect(asked.data!.requestErasure).toEqual({ __typename: 'ErasurePayload', incidentId });
    const unknown = await f.graphql(admin1, REQUEST, {
      input: { incidentId: 'INC-2099-99999', legalBasis: 'court-order' },
    });
    expect(unknown.data!.requestErasure.__typename).toBe('NotFoundError');
    await f.graphql(
      admin2,
      'mutation($input: CancelErasureRequestInput!) { cancelErasureRequest(input: $input) { __typename } }',
      {
        input: { incidentId },
      },
    );
  });

  it('is for admins only', async () => {
    const denied = await f.graphql(panel, PENDING);
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('personal-data read audit', () => {
  it('lists reads filtered by reader, record reference and day, with a true total and page numbers; never a value', async () => {
    const { incidentId } = await lc.notified();
    await waitForPosition(f.db.sql, lc.lastPosition(), 10_000);
    for (let i = 0; i < 3; i += 1) {
      await f.graphql(
        panel,
        'query($id: ID!) { incident(id: $id) { ... on Incident { personal { children { name } } } } }',
        { id: incidentId },
      );
    }
    const found = await f.graphql(panel, 'query($id: ID!) { incident(id: $id) { ... on Incident { reference } } }', {
      id: incidentId,
    });
    const reference: string = found.data!.incident.reference;
    const today = londonDate(new Date().toISOString());
    const query =
      'query($subject: String, $from: String, $to: String, $page: Int) { personalDataReads(readerId: "paula", subject: $subject, from: $from, to: $to, first: 2, page: $page) ' +
      '{ totalCount pageInfo { hasNextPage } edges { node { readerId role subjectReference fields purpose } } } }';
    const first = await f.graphql(admin1, query, { subject: reference.toLowerCase(), from: today, to: today, page: 1 });
    expect(first.data!.personalDataReads.totalCount).toBe(3);
    expect(first.data!.personalDataReads.pageInfo.hasNextPage).toBe(true);
    expect(first.data!.personalDataReads.edges[0].node).toMatchObject({
      readerId: 'paula',
      role: 'panel',
      subjectReference: reference,
      purpose: 'incident.personal',
    });
    const second = await f.graphql(admin1, query, { subject: reference, page: 2 });
    expect(second.data!.personalDataReads.edges).toHaveLength(1);
    const yesterday = await f.graphql(admin1, query, { subject: reference, to: '2020-01-01' });
    expect(yesterday.data!.personalDataReads.totalCount).toBe(0);
    expect(JSON.stringify([first, second])).not.toContain(SECRET_CHILD_NAME);
    const denied = await f.graphql(panel, query, { subject: reference });
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('names the reader by the email their access was granted under, and filters by that email too', async () => {
    const { incidentId } = await lc.notified();
    await waitForPosition(f.db.sql, lc.lastPosition(), 10_000);
    const reader = { role: 'panel', sub: '6f1c2a9e-3b7d-4e21-9c55-0a8f4d2e7b13' } as const;
    const granted = await f.graphql(
      admin1,
      'mutation($input: AccessInput!) { grantAccess(input: $input) { __typename ... on AccessPayload { position } } }',
      { input: { subject: reader.sub, role: 'panel', email: 'Pat.Reader@panel.gov.uk' } },
    );
    // The email is read from the grants' read model: wait for the projector (a busy machine outlasts consistentAfter).
    expect(await waitForPosition(f.db.sql, parsePosition(granted.data!.grantAccess.position), 60_000)).toBe(true);
    await f.graphql(reader, 'query($id: ID!) { incident(id: $id) { ... on Incident { personal { caseOutline } } } }', {
      id: incidentId,
    });
    const reads = await f.graphql(
      admin1,
      'query($reader: String, $after: String) { personalDataReads(readerId: $reader, consistentAfter: $after) { totalCount edges { node { readerId readerName } } } }',
      { reader: 'pat.reader@panel.gov.uk', after: granted.data!.grantAccess.position },
    );
    expect(reads.data!.personalDataReads.totalCount).toBe(1);
    expect(reads.data!.personalDataReads.edges[0].node).toEqual({
      readerId: reader.sub,
      readerName: 'Pat.Reader@panel.gov.uk',
    });
    // Someone never granted anything (a token's role claim only) is shown by their id.
    const paula = await f.graphql(
      admin1,
      'query { personalDataReads(readerId: "paula", first: 1) { edges { node { readerName } } } }',
    );
    expect(paula.data!.personalDataReads.edges[0].node.readerName).toBe('paula');
  });
});
