/**
 * The list pages over the whole platform as `npm start` runs it (gateway, projector, web pages, embedded identity
 * provider) on a fresh PostgreSQL database with the demo story: sign in through the provider's account page (no
 * browser scripts: the pages work without JavaScript), find incidents by reference and local authority, page the
 * queue with its true total, download the CSVs, and as two admins request, list and approve an erasure and read
 * the personal-data audit. No page shows a UUID, an ONS code or a partnership slug where a person reads it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformUnderTest, type PlatformUnderTest } from './platform-under-test';

/** A cookie-keeping client that follows redirects by hand, as a browser with scripts off would. */
const httpBrowser = () => {
  const jar = new Map<string, string>();
  const request = async (url: string, form?: Record<string, string>) => {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        ...(jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (/expires=Thu, 01 Jan 1970/i.test(line) || pair!.slice(eq + 1) === '') jar.delete(pair!.slice(0, eq).trim());
      else jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    const location = response.headers.get('location');
    return {
      status: response.status,
      url,
      location: location ? new URL(location, url).href : undefined,
      body: await response.text(),
      type: response.headers.get('content-type') ?? '',
    };
  };
  const follow = async (url: string, form?: Record<string, string>) => {
    let hop = await request(url, form);
    for (let i = 0; hop.location && i < 20; i += 1) hop = await request(hop.location);
    return hop;
  };
  return { follow, request };
};

const signedIn = async (base: string, account: string, path: string) => {
  const browser = httpBrowser();
  const picker = await browser.follow(`${base}${path}`);
  expect(picker.url).toMatch(/\/sign-in\/dev\//);
  const page = await browser.follow(picker.url, { account });
  return { browser, page };
};

const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
/** What a person reads: the page's text outside tags and attributes. */
const visibleText = (body: string) => body.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');

let stack: PlatformUnderTest;

/** The admins' page reads a read model: wait (read-your-writes) until the projector has the request just made. */
const pendingAfter = async (position: string) => {
  const pending = await gql(
    { role: 'admin', sub: 'dev-admin-2' },
    'query($after: String) { erasureRequests(status: PENDING, consistentAfter: $after) { totalCount } }',
    { after: position },
  );
  expect(pending.data.erasureRequests.totalCount).toBeGreaterThan(0);
};
let base: string;
let gql: PlatformUnderTest['gql'];

beforeAll(async () => {
  stack = await startPlatformUnderTest();
  ({ base, gql } = stack);
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

describe('list pages over every record, without JavaScript', { timeout: 120_000 }, () => {
  it('the Panel finds an incident by reference and by local authority name, and downloads the list as CSV', async () => {
    const listed = await gql(
      { role: 'panel' },
      'query { incidents(first: 100) { totalCount edges { node { reference localAuthorityName } } } }',
    );
    const { totalCount, edges } = listed.data.incidents;
    expect(totalCount).toBeGreaterThan(1);
    const one = edges[0].node;
    expect(one.reference).toMatch(/^INC-\d{4}-\d{5}$/);

    const { browser, page } = await signedIn(base, 'dev-panel', '/panel/incidents');
    expect(page.body).toContain('Find an incident');
    expect(page.body).toContain(`Showing 1 to ${Math.min(25, totalCount)} of ${totalCount} incidents`);
    const text = visibleText(page.body);
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(/\bE0[6-9]\d{6}\b/);

    const byReference = await browser.follow(`${base}/panel/incidents?reference=${one.reference.toLowerCase()}`);
    expect(byReference.body).toContain('Showing 1 to 1 of 1 incidents');
    expect(byReference.body).toContain(one.reference);

    const leeds = edges.filter(
      (e: { node: { localAuthorityName: string } }) => e.node.localAuthorityName === 'Leeds',
    ).length;
    const byAuthority = await browser.follow(`${base}/panel/incidents?localAuthorityCode=E08000035`);
    expect(byAuthority.body).toContain(`of ${leeds} incidents`);
    expect(byAuthority.body).toContain('<option value="E08000035" selected>Leeds</option>');

    const bad = await browser.follow(`${base}/panel/incidents?reference=12`);
    expect(bad.body).toContain('<title>Error: ');
    expect(bad.body).toContain('Enter a reference like INC-2026-00123');

    const csv = await browser.follow(`${base}/panel/incidents?format=csv`);
    expect(csv.type).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('Reference,Partnership,Local authority,What happened,Incident date,Notified,Status,Next due');
    expect(lines).toHaveLength(totalCount + 1);
    expect(csv.body).not.toMatch(UUID);
  });

  it('the queue shows the true total and names, with a CSV of every page', async () => {
    const { browser, page } = await signedIn(base, 'dev-panel', '/panel');
    const queued = await gql({ role: 'panel' }, 'query { panelQueue { totalCount } }');
    expect(page.body).toContain(`${queued.data.panelQueue.totalCount} rapid review`);
    expect(visibleText(page.body)).not.toMatch(UUID);
    const csv = await browser.follow(`${base}/panel?format=csv`);
    expect(csv.body.trim().split('\r\n')).toHaveLength(queued.data.panelQueue.totalCount + 1);
  });

  it('one admin requests an erasure; the second sees it by reference and approves it; the audit lists reads by record', async () => {
    const incidents = await gql({ role: 'panel' }, 'query { incidents(first: 1) { edges { node { id reference } } } }');
    const { id, reference } = incidents.data.incidents.edges[0].node;
    await gql(
      { role: 'panel' },
      'query($id: ID!) { incident(id: $id) { ... on Incident { personal { caseOutline } } } }',
      { id },
    );
    const asked = await gql(
      { role: 'admin', sub: 'dev-admin' },
      'mutation($input: RequestErasureInput!) { requestErasure(input: $input) { __typename ... on ErasurePayload { position } } }',
      {
        input: { incidentId: id, legalBasis: 'court-order' },
      },
    );
    expect(asked.data.requestErasure.__typename).toBe('ErasurePayload');
    await pendingAfter(asked.data.requestErasure.position);

    const own = await signedIn(base, 'dev-admin', '/admin/erasure-requests');
    expect(own.page.body).toContain('Another administrator must approve your request');

    const { browser, page } = await signedIn(base, 'dev-admin-2', '/admin/erasure-requests');
    expect(page.body).toContain('Showing 1 to 1 of 1 requests waiting');
    expect(page.body).toContain(`Approve erasure of ${reference}`);
    const approved = await browser.follow(`${base}/admin/erasure-requests`, {
      _csrf: csrfOf(page.body),
      incidentId: id,
      action: 'approve',
    });
    expect(approved.body).toContain('The personal data was erased.');
    expect(approved.body).toContain('No requests waiting found');

    const audit = await browser.follow(`${base}/admin/audit?subject=${reference}`);
    expect(audit.body).toContain('Who read personal data');
    expect(audit.body).toMatch(/Showing 1 to \d+ of \d+ reads/);
    expect(audit.body).toContain(reference);
    const auditCsv = await browser.follow(`${base}/admin/audit?subject=${reference}&format=csv`);
    expect(auditCsv.body.split('\r\n')[0]).toBe('When (UTC),Reader,Role,Partnership,Record,Fields read,Purpose');
    // The reader as admins know them: the email the development Panel account's access was granted under.
    expect(auditCsv.body).toContain('helen.marsh@panel.example.gov.uk');
    expect(auditCsv.body).not.toContain('dev-panel');
  });

  it('a review is erased through the same page: named by its reference, approved with its own id', async () => {
    const reviews = await gql({ role: 'panel' }, 'query { reviews(first: 1) { edges { node { id reference } } } }');
    const { id, reference } = reviews.data.reviews.edges[0].node;
    expect(reference).toMatch(/^REV-/);
    const asked = await gql(
      { role: 'admin', sub: 'dev-admin' },
      'mutation($input: RequestErasureInput!) { requestErasure(input: $input) { __typename ... on ErasurePayload { reviewId incidentId position } } }',
      { input: { reviewId: id, legalBasis: 'court-order' } },
    );
    expect(asked.data.requestErasure).toMatchObject({ __typename: 'ErasurePayload', reviewId: id, incidentId: null });
    await pendingAfter(asked.data.requestErasure.position);
    const { browser, page } = await signedIn(base, 'dev-admin-2', '/admin/erasure-requests');
    expect(page.body).toContain(`Approve erasure of ${reference}`);
    expect(page.body).toContain(`name="reviewId" value="${id}"`);
    const approved = await browser.follow(`${base}/admin/erasure-requests`, {
      _csrf: csrfOf(page.body),
      reviewId: id,
      action: 'approve',
    });
    expect(approved.body).toContain('The personal data was erased.');
    expect(approved.body).toContain('No requests waiting found');
  });
});
