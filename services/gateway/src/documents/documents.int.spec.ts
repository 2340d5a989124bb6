import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDefaultPartnerships } from '@cspr/application';
import { LEEDS as LEEDS_PARTNERSHIP, startGatewayFixture, type Caller, type GatewayFixture } from '../gateway.fixture';
import { lifecycle } from '../lifecycle.fixture';

let f: GatewayFixture;
beforeAll(async () => {
  f = await startGatewayFixture();
});
afterAll(() => f?.close());

const pdf = (marker: string, size = 300 * 1024) =>
  Buffer.concat([Buffer.from(`%PDF-1.7\n% ${marker}\n`), Buffer.alloc(size, 0x20), Buffer.from('\n%%EOF')]);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const upload = async (
  caller: Caller,
  body: Buffer | string,
  headers: Record<string, string> = {},
): Promise<Response> => {
  const token = await f.tokenFor(caller);
  return f.gateway.yoga.fetch('http://gateway.test/documents', {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
};
const download = (address: string, init: RequestInit = {}) =>
  f.gateway.yoga.fetch(`http://gateway.test${address}`, init);

const LEEDS: Caller = { role: 'partnership', partnership: 'leeds' };

const publish = async (reviewId: string, sha256: string) => {
  f.clock.set('2026-03-20T10:00:00Z');
  const result = await f.graphql(
    LEEDS,
    `mutation($input: PublishReportInput!) { publishReport(input: $input) { __typename ... on ReviewPayload { position } ... on ClientError { code message } } }`,
    {
      input: {
        reviewId,
        publishedOn: '2026-03-20',
        publication: 'FULL_REPORT',
        summary: 'Summary.',
        learningThemes: [],
        recommendations: [],
        keywords: [],
        reviewModel: 'LCSPR',
        documents: [
          { kind: 'OVERVIEW_REPORT', title: 'Overview Report', address: `/documents/${sha256}`, checksum: sha256 },
        ],
      },
    },
  );
  expect(result.data!.publishReport.__typename).toBe('ReviewPayload');
  return result.data!.publishReport.position as string;
};

describe('report documents stored in the platform', () => {
  it('a partnership uploads a file, it is served only once the report naming it is published, as the same bytes', async () => {
    const bytes = pdf('Child M overview');
    const uploaded = await upload(LEEDS, bytes);
    expect(uploaded.status).toBe(201);
    const stored = (await uploaded.json()) as { sha256: string; address: string; size: number; mediaType: string };
    expect(stored).toEqual({
      sha256: sha(bytes),
      size: bytes.length,
      mediaType: 'application/pdf',
      extension: 'pdf',
      address: `/documents/${sha(bytes)}`,
    });

    expect((await download(stored.address)).status).toBe(404);

    const lc = lifecycle(f.gateway.commands);
    const { reviewId } = await lc.withFinalReport();
    await publish(reviewId, stored.sha256);
    // The projector lists the publication shortly after: poll, as a reader would.
    let served = await download(stored.address);
    for (let i = 0; i < 100 && served.status === 404; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      served = await download(stored.address);
    }
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('content-length')).toBe(String(bytes.length));
    expect(served.headers.get('etag')).toBe(`"${stored.sha256}"`);
    expect(served.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''Child%20M%20%E2%80%93%20Overview%20Report%20%E2%80%93%20March%202026.pdf`,
    );
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await download(stored.address, { headers: { 'if-none-match': `"${stored.sha256}"` } })).status).toBe(304);
  });

  it('refuses the public, other roles, a file that is not a document and one over the limit, keeping nothing', async () => {
    expect((await upload('public', pdf('anon'))).status).toBe(401);
    expect((await upload({ role: 'ofsted' }, pdf('ofsted'))).status).toBe(403);
    const html = await upload(LEEDS, '<html><body>report.pdf</body></html>');
    expect([html.status, ((await html.json()) as { error: { code: string } }).error.code]).toEqual([
      415,
      'type-not-allowed',
    ]);
    expect((await upload(LEEDS, pdf('large', 3 * 1024 * 1024))).status).toBe(413);
    const [{ blobs }] = await f.db.sql<[{ blobs: number }]>`select count(*)::int as blobs from documents.blobs`;
    expect(blobs).toBe(1);
  });

  it('answers an unknown, malformed or unpublished address 404 without touching the store', async () => {
    expect((await download(`/documents/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await download('/documents/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await download(`/documents/${'0'.repeat(64)}`, { method: 'DELETE' })).status).toBe(405);
  });
});

describe("a partnership's public page of reviews", () => {
  it('lists the published review with its stored document, for the public, and null for an unknown partnership', async () => {
    const query = `query($id: ID!) { partnershipReviewsPage(partnershipId: $id) { name own { caseName listingKind historic documents { kind title address } } mentioning { caseName } } }`;
    await registerDefaultPartnerships(f.gateway.commands, [LEEDS_PARTNERSHIP]);
    let page = await f.graphql('public', query, { id: 'leeds' });
    for (let i = 0; i < 100 && !page.data!.partnershipReviewsPage; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      page = await f.graphql('public', query, { id: 'leeds' });
    }
    expect(page.data!.partnershipReviewsPage).toMatchObject({
      name: 'Leeds Safeguarding Children Partnership',
      own: [
        {
          caseName: 'Child M',
          listingKind: 'CHILD_SAFEGUARDING_PRACTICE_REVIEW',
          historic: false,
          documents: [{ kind: 'OVERVIEW_REPORT', title: 'Overview Report' }],
        },
      ],
      mentioning: [],
    });
    expect(page.data!.partnershipReviewsPage.own[0].documents[0].address).toMatch(/^\/documents\/[0-9a-f]{64}$/);
    expect((await f.graphql('public', query, { id: 'nowhere' })).data!.partnershipReviewsPage).toBeNull();
  });
});
