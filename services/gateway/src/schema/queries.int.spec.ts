import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForPosition } from '@cspr/read-models';
import { createReadAudit } from '@cspr/personal-data';
import { startGatewayFixture } from '../gateway.fixture';
import type { GatewayFixture } from '../gateway.fixture';
import { lifecycle, SECRET_CHILD_NAME } from '../lifecycle.fixture';

const leeds = { role: 'partnership', partnership: 'leeds' } as const;
let f: GatewayFixture;
let lc: ReturnType<typeof lifecycle>;

beforeAll(async () => {
  f = await startGatewayFixture();
  lc = lifecycle(f.gateway.commands);
});
afterAll(async () => {
  await f?.close();
});

describe('incidents', () => {
  it('pages with relay cursors: edges carry the cursor the next page starts after', async () => {
    for (let i = 0; i < 5; i += 1) await lc.notified();
    await lc.notified('bradford');
    await waitForPosition(f.db.sql, lc.lastPosition(), 10_000);
    const page = async (after?: string) =>
      (
        await f.graphql(
          leeds,
          'query($after: String) { incidents(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id partnershipId } } } }',
          { after },
        )
      ).data!.incidents;
    const first = await page();
    expect(first.totalCount).toBe(5);
    expect(first.edges).toHaveLength(2);
    expect(first.edges.at(-1).cursor).toBe(first.pageInfo.endCursor);
    const second = await page(first.pageInfo.endCursor);
    const third = await page(second.pageInfo.endCursor);
    const ids = [...first.edges, ...second.edges, ...third.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(new Set(ids).size).toBe(5);
    expect(third.pageInfo.hasNextPage).toBe(false);
    expect(
      [...first.edges, ...second.edges, ...third.edges].every(
        (e: { node: { partnershipId: string } }) => e.node.partnershipId === 'leeds',
      ),
    ).toBe(true);
  });

  it('refuses a cursor it did not make with BAD_USER_INPUT naming the argument', async () => {
    const response = await f.graphql(leeds, 'query { incidents(first: 2, after: "bm90LWEtY3Vyc29y") { totalCount } }');
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('read your writes', () => {
  it('a query with the position a mutation returned sees that write', async () => {
    const notify = await f.graphql(
      leeds,
      `mutation($input: NotifyIncidentInput!) { notifyIncident(input: $input) { ... on IncidentPayload { incidentId position } } }`,
      {
        input: {
          localAuthorityCode: 'E08000035',
          nature: 'SERIOUS_HARM',
          becameAwareOn: '2026-03-09',
          incidentOn: '2026-03-08',
          children: [
            {
              childRef: 'child-1',
              name: 'RYW Child',
              sex: 'MALE',
              ethnicity: 'BLACK',
              disability: 'NO',
              placement: 'FOSTER_CARE',
              lookedAfter: true,
              childInNeedPlan: false,
              childProtectionPlan: false,
              knownToAgencies: 'YES',
            },
          ],
          notifier: { name: 'N', role: 'R', email: 'n@leeds.gov.uk' },
          location: 'L',
          caseOutline: 'O',
        },
      },
    );
    const { incidentId, position } = notify.data!.notifyIncident;
    const read = await f.graphql(
      leeds,
      'query($id: ID!, $after: String) { incident(id: $id, consistentAfter: $after) { __typename ... on Incident { status notifiedOn deadlines { kind dueOn workingDaysLeft overdue } } } }',
      { id: incidentId, after: position },
    );
    expect(read.extensions).toBeUndefined();
    expect(read.data!.incident).toMatchObject({ __typename: 'Incident', status: 'NOTIFIED', notifiedOn: '2026-03-10' });
    // Became aware Monday 9 March: 5 working days is Monday 16 March; notified on Tuesday 10 March, so met.
    expect(read.data!.incident.deadlines).toContainEqual(
      expect.objectContaining({ kind: 'notification', dueOn: '2026-03-16', overdue: false }),
    );
    // Rapid review: 15 working days from notification (10 March) is 31 March.
    expect(read.data!.incident.deadlines).toContainEqual(
      expect.objectContaining({ kind: 'rapid-review', dueOn: '2026-03-31', workingDaysLeft: 15 }),
    );
  });

  it('answers after the bound with extensions.consistency when the read models are behind', async () => {
    await f.projector.stop();
    try {
      const { incidentId } = await lc.notified();
      const { formatPosition } = await import('@cspr/event-store');
      const started = Date.now();
      const response = await f.graphql(
        leeds,
        'query($id: ID!, $after: String) { incident(id: $id, consistentAfter: $after) { __typename } }',
        { id: incidentId, after: formatPosition(lc.lastPosition()) },
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(f.gateway.services.consistencyTimeoutMs - 100);
      expect(response.extensions).toMatchObject({ consistency: { reached: false } });
      expect(response.data!.incident.__typename).toBe('NotFoundError');
    } finally {
      await f.projector.start();
    }
  });

  it('refuses a malformed position', async () => {
    const response = await f.graphql(leeds, 'query { incidents(consistentAfter: "yesterday") { totalCount } }');
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'consistentAfter' });
  });
});

describe('personal data', () => {
  it("is read through the audit: each read of a child's name leaves an entry naming the reader, not the value", async () => {
    const { incidentId } = await lc.notified();
    await waitForPosition(f.db.sql, lc.lastPosition(), 10_000);
    const response = await f.graphql(
      { role: 'panel', sub: 'paula' },
      'query($id: ID!) { incident(id: $id) { ... on Incident { personal { erased caseOutline children { name dateOfBirth } } } } }',
      { id: incidentId },
    );
    expect(response.data!.incident.personal).toMatchObject({
      erased: false,
      children: [{ name: SECRET_CHILD_NAME, dateOfBirth: '2019-06-15' }],
    });
    const audit = await createReadAudit(f.db.sql).query({ subjectId: incidentId, first: 10 });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({
      actorId: 'paula',
      role: 'panel',
      subjectId: incidentId,
      purpose: 'incident.personal',
    });
    expect(JSON.stringify(audit.entries)).not.toContain(SECRET_CHILD_NAME);
  });

  it('shows the record as last amended', async () => {
    const { incidentId } = await lc.notified();
    const amend = await f.graphql(
      leeds,
      'mutation($input: AmendNotificationInput!) { amendNotification(input: $input) { __typename ... on IncidentPayload { position } } }',
      {
        input: { incidentId, reason: 'CORRECTING_A_MISTAKE', changes: { caseOutline: 'Corrected outline.' } },
      },
    );
    const read = await f.graphql(
      leeds,
      'query($id: ID!, $after: String) { incident(id: $id, consistentAfter: $after) { ... on Incident { status personal { caseOutline location children { name } } } } }',
      { id: incidentId, after: amend.data!.amendNotification.position },
    );
    expect(read.data!.incident).toEqual({
      status: 'AMENDED',
      personal: {
        caseOutline: 'Corrected outline.',
        location: 'Home address',
        children: [{ name: SECRET_CHILD_NAME }],
      },
    });
  });

  it('is gone after erasure (requested by one admin, approved by another), while the minimised record stays', async () => {
    const { incidentId } = await lc.notified();
    const asked = await f.graphql(
      { role: 'admin', sub: 'admin-1' },
      'mutation($input: RequestErasureInput!) { requestErasure(input: $input) { __typename ... on ErasurePayload { position } ... on ClientError { message } } }',
      {
        input: { incidentId, legalBasis: 'data-subject-request' },
      },
    );
    expect(asked.data!.requestErasure.__typename).toBe('ErasurePayload');
    const before = await f.graphql(
      leeds,
      'query($id: ID!, $after: String) { incident(id: $id, consistentAfter: $after) { ... on Incident { personalDataErased personal { erased } } } }',
      { id: incidentId, after: asked.data!.requestErasure.position },
    );
    expect(before.data!.incident).toEqual({ personalDataErased: false, personal: { erased: false } });
    const erase = await f.graphql(
      { role: 'admin', sub: 'admin-2' },
      'mutation($input: ApproveErasureInput!) { approveErasure(input: $input) { __typename ... on ErasurePayload { position } ... on ClientError { message } } }',
      {
        input: { incidentId },
      },
    );
    expect(erase.data!.approveErasure.__typename).toBe('ErasurePayload');
    const read = await f.graphql(
      leeds,
      'query($id: ID!, $after: String) { incident(id: $id, consistentAfter: $after) { ... on Incident { personalDataErased children { ageBand } personal { erased children { name } } } } }',
      { id: incidentId, after: erase.data!.approveErasure.position },
    );
    expect(read.data!.incident).toEqual({
      personalDataErased: true,
      children: [{ ageBand: 'AGE_6_10' }],
      personal: { erased: true, children: [] },
    });
  });

  it('refuses approval by the admin who asked, and approval without a request, as typed errors', async () => {
    const { incidentId } = await lc.notified();
    const approveAs = (sub: string) =>
      f.graphql(
        { role: 'admin', sub },
        'mutation($input: ApproveErasureInput!) { approveErasure(input: $input) { __typename ... on ClientError { message } } }',
        { input: { incidentId } },
      );
    expect((await approveAs('admin-2')).data!.approveErasure.__typename).toBe('IllegalStateError');
    await f.graphql(
      { role: 'admin', sub: 'admin-1' },
      'mutation($input: RequestErasureInput!) { requestErasure(input: $input) { __typename } }',
      { input: { incidentId, legalBasis: 'court-order' } },
    );
    expect((await approveAs('admin-1')).data!.approveErasure.__typename).toBe('ForbiddenError');
    const named = await f.graphql(
      { role: 'admin', sub: 'admin-1' },
      'mutation($input: ApproveErasureInput!) { erasePersonalData(input: $input) { __typename } }',
      { input: { incidentId, requestedBy: 'admin-2' } },
    );
    expect(named.data!.erasePersonalData.__typename).toBe('ForbiddenError');
  });
});

describe('Ofsted feed', () => {
  it('serves minimised CloudEvents from the log in order, with a cursor that resumes', async () => {
    const ofsted = { role: 'ofsted' } as const;
    const all: { id: string; type: string; data: unknown }[] = [];
    let after: string | undefined;
    for (let i = 0; i < 50; i += 1) {
      const page = (
        await f.graphql(
          ofsted,
          'query($after: String) { notificationFeed(first: 7, after: $after) { endCursor hasMore items { id type subject data } } }',
          { after },
        )
      ).data!.notificationFeed;
      all.push(...page.items);
      after = page.endCursor;
      if (!page.hasMore && page.items.length === 0) break;
    }
    expect(all.length).toBeGreaterThan(5);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    expect(all[0]!.type).toBe('uk.gov.cspr.incident.notified.v1');
    const text = JSON.stringify(all);
    expect(text).not.toContain(SECRET_CHILD_NAME);
    expect(text).not.toContain('2019-06-15');
    expect(text).not.toContain('Case outline text.');
  });
});

describe('error masking', () => {
  it('answers an unexpected failure as "Unexpected error." without its details, and logs it', async () => {
    // Runs last in this file: break a read model table under the gateway.
    await f.db.sql`alter table read_models.published_reports rename to published_reports_moved`;
    try {
      const response = await f.graphql('public', 'query { publishedReports(first: 1) { totalCount } }');
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0]!.message).toBe('Unexpected error.');
      expect(JSON.stringify(response)).not.toMatch(/published_reports|relation|postgres/i);
    } finally {
      await f.db.sql`alter table read_models.published_reports_moved rename to published_reports`;
    }
  });
});
