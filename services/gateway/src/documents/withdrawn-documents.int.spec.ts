/**
 * An erasure withdraws the review's uploaded files: the bytes leave the documents store (unless a review still
 * listed whole shares them) and their address answers 410 Gone. Real PostgreSQL, the real store and projector.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentStore } from '@cspr/documents';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createProjector } from '@cspr/projector';
import { projections, withdrawErasedDocuments, type Projection } from '@cspr/read-models';
import { startGatewayFixture, type Caller, type GatewayFixture } from '../gateway.fixture';
import { lifecycle } from '../lifecycle.fixture';

let f: GatewayFixture;
let lc: ReturnType<typeof lifecycle>;
beforeAll(async () => {
  f = await startGatewayFixture();
  lc = lifecycle(f.gateway.commands);
});
afterAll(() => f?.close());

const LEEDS: Caller = { role: 'partnership', partnership: 'leeds' };
const admin1: Caller = { role: 'admin', sub: 'admin-1' };
const admin2: Caller = { role: 'admin', sub: 'admin-2' };

const pdf = (marker: string) =>
  Buffer.concat([Buffer.from(`%PDF-1.7\n% ${marker}\n`), Buffer.alloc(64 * 1024, 0x20), Buffer.from('\n%%EOF')]);
/** The checksum of a file on the partnership's own website. */
const EXTERNAL = 'e'.repeat(64);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const upload = async (bytes: Buffer): Promise<string> => {
  const token = await f.tokenFor(LEEDS);
  const response = await f.gateway.yoga.fetch('http://gateway.test/documents', {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
    body: new Uint8Array(bytes),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { sha256: string }).sha256;
};

const download = (sha256: string) => f.gateway.yoga.fetch(`http://gateway.test/documents/${sha256}`);

/** Polls as a reader would: the projector applies the log shortly after each command. */
const statusOf = async (sha256: string, until: number): Promise<Response> => {
  let response = await download(sha256);
  for (let i = 0; i < 150 && response.status !== until; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    response = await download(sha256);
  }
  return response;
};

const publish = async (reviewId: string, checksums: string[]) => {
  f.clock.set('2026-03-20T10:00:00Z');
  const result = await f.graphql(
    LEEDS,
    `mutation($input: PublishReportInput!) { publishReport(input: $input) { __typename } }`,
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
          ...checksums.map((checksum, index) => ({
            kind: index === 0 ? 'OVERVIEW_REPORT' : 'EXECUTIVE_SUMMARY',
            title: 'Overview Report',
            address: `/documents/${checksum}`,
            checksum,
          })),
          {
            kind: 'ACCESSIBLE_SUMMARY',
            title: 'Easy read',
            address: 'https://leeds.example/easy-read.pdf',
            checksum: EXTERNAL,
          },
        ],
      },
    },
  );
  expect(result.data?.publishReport.__typename, JSON.stringify(result.errors)).toBe('ReviewPayload');
};

const erase = async (subject: { reviewId: string } | { incidentId: string }) => {
  for (const [caller, mutation] of [
    [admin1, 'requestErasure(input: $input) { __typename }'],
    [admin2, 'approveErasure(input: $input) { __typename }'],
  ] as const) {
    const input = mutation.startsWith('request') ? { ...subject, legalBasis: 'data-subject-request' } : subject;
    const type = mutation.startsWith('request') ? 'RequestErasureInput' : 'ApproveErasureInput';
    const answer = await f.graphql(caller, `mutation($input: ${type}!) { ${mutation} }`, { input });
    expect(answer.data, JSON.stringify(answer.errors)).toBeTruthy();
  }
};

const blobOf = async (sha256: string) =>
  (await f.db.sql<{ storage_key: string }[]>`select storage_key from documents.blobs where sha256 = ${sha256}`)[0];

const chunksUnder = async (storageKey: string): Promise<number> =>
  (
    await f.db.sql<[{ n: number }]>`select count(*)::int as n from documents.chunks where storage_key = ${storageKey}`
  )[0].n;

const documentsOf = async (reviewId: string) =>
  (
    await f.db.sql<[{ documents: Record<string, unknown>[] }]>`
      select documents from read_models.published_reports where review_id = ${reviewId}`
  )[0].documents;

describe("an erased review's uploaded files", () => {
  const own = pdf('Child M overview, only this review');
  const shared = pdf('Child M overview, shared by two reviews');
  let first: { incidentId: string; reviewId: string };
  let second: { incidentId: string; reviewId: string };

  it('are deleted from the store and answer 410 once the review is erased; bytes another review lists stay', async () => {
    first = await lc.withFinalReport();
    second = await lc.withFinalReport();
    expect(await upload(own)).toBe(sha(own));
    expect(await upload(shared)).toBe(sha(shared));
    await publish(first.reviewId, [sha(own), sha(shared)]);
    await publish(second.reviewId, [sha(shared)]);
    expect((await statusOf(sha(own), 200)).status).toBe(200);
    expect((await statusOf(sha(shared), 200)).status).toBe(200);
    const ownKey = (await blobOf(sha(own)))!.storage_key;
    expect(await chunksUnder(ownKey)).toBe(1);

    await erase({ reviewId: first.reviewId });

    const gone = await statusOf(sha(own), 410);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('cache-control')).toBe('no-store');
    const body = await gone.text();
    expect(body).not.toContain('Child M');
    expect(JSON.parse(body)).toEqual({
      error: { code: 'GONE', message: 'This document has been removed from the platform' },
    });
    expect(await blobOf(sha(own))).toBeUndefined();
    expect(await chunksUnder(ownKey)).toBe(0);
    // The shared bytes stay for the review still listed whole, served under its name.
    const kept = await download(sha(shared));
    expect(kept.status).toBe(200);
    expect(Buffer.from(await kept.arrayBuffer()).equals(shared)).toBe(true);
    // The erased record lists its files without an address, marked withdrawn; the partnership's own address stays.
    expect(await documentsOf(first.reviewId)).toEqual([
      { kind: 'overview-report', title: 'Details removed', checksum: sha(own), withdrawn: true },
      { kind: 'executive-summary', title: 'Details removed', checksum: sha(shared), withdrawn: true },
      {
        kind: 'accessible-summary',
        title: 'Details removed',
        address: 'https://leeds.example/easy-read.pdf',
        checksum: EXTERNAL,
      },
    ]);
    // The public listing says so: no address to follow, `withdrawn` for the pages to show it removed.
    const listed = await f.graphql(
      'public',
      'query { publishedReports(first: 50) { edges { node { reviewId documents { kind address withdrawn } } } } }',
    );
    const erasedEntry = listed.data!.publishedReports.edges.find(
      (e: { node: { reviewId: string } }) => e.node.reviewId === first.reviewId,
    );
    expect(erasedEntry.node.documents).toEqual([
      { kind: 'OVERVIEW_REPORT', address: null, withdrawn: true },
      { kind: 'EXECUTIVE_SUMMARY', address: null, withdrawn: true },
      { kind: 'ACCESSIBLE_SUMMARY', address: 'https://leeds.example/easy-read.pdf', withdrawn: false },
    ]);
    const [{ link }] = await f.db.sql<[{ link: string | null }]>`
      select link from read_models.published_reports where review_id = ${first.reviewId}`;
    expect(link).toBe('https://leeds.example/easy-read.pdf');
  });

  it("an incident's erasure withdraws its reviews' files: the shared bytes go once no listed review names them", async () => {
    const sharedKey = (await blobOf(sha(shared)))!.storage_key;
    await erase({ incidentId: second.incidentId });
    expect((await statusOf(sha(shared), 410)).status).toBe(410);
    expect(await blobOf(sha(shared))).toBeUndefined();
    expect(await chunksUnder(sharedKey)).toBe(0);
    expect((await documentsOf(second.reviewId))[0]).toEqual({
      kind: 'overview-report',
      title: 'Details removed',
      checksum: sha(shared),
      withdrawn: true,
    });
  });

  it('withdrawing again deletes nothing more; bytes brought back (a restored backup) go again, unless a listed review publishes them', async () => {
    expect(await withdrawErasedDocuments(f.db.sql)).toEqual([]);
    // A restored backup brings the bytes back: the projector's sweep (run when it starts) deletes them again.
    const store = createDocumentStore(f.db.sql);
    await store.store(
      (async function* () {
        yield own;
      })(),
    );
    expect(await withdrawErasedDocuments(f.db.sql)).toEqual([sha(own)]);
    expect(await blobOf(sha(own))).toBeUndefined();
    expect((await download(sha(own))).status).toBe(410);

    // The same bytes uploaded again and published by a review still listed whole are that review's to serve.
    const third = await lc.withFinalReport();
    const [{ beforeUpload }] = await f.db.sql<[{ beforeUpload: string }]>`select now()::text as "beforeUpload"`;
    await upload(own);
    // Replaying the erasure (a projector on empty read models) before that review's publication is projected
    // leaves bytes stored after the erasure's batch alone.
    expect(await withdrawErasedDocuments(f.db.sql, { storedBefore: beforeUpload })).toEqual([]);
    expect(await blobOf(sha(own))).toBeDefined();
    await publish(third.reviewId, [sha(own)]);
    const served = await statusOf(sha(own), 200);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(own)).toBe(true);
    expect(await withdrawErasedDocuments(f.db.sql)).toEqual([]);
    expect(await blobOf(sha(own))).toBeDefined();
  });
});

/** Fails inside the batch that applies an erasure, after the files' sweep ran in it: a crash before the commit. */
const crashOnErasure: Projection = {
  name: 'crash-on-erasure',
  table: 'read_models.published_reports',
  key: 'review_id',
  handles: new Set(),
  keysOf: () => [],
  evolve: () => undefined,
  afterBatch: async (_tx, events) => {
    if (events.some((event) => event.type === 'PersonalDataErased')) throw new Error('crashed before the commit');
  },
};

describe('a crash between the erasure and the withdrawal of its files', () => {
  it('loses nothing: the batch rolls back whole (bytes and listing as they were), and the next projector withdraws them', async () => {
    const bytes = pdf('Child Q overview');
    const review = await lc.withFinalReport();
    await upload(bytes);
    await publish(review.reviewId, [sha(bytes)]);
    expect((await statusOf(sha(bytes), 200)).status).toBe(200);

    await f.projector.stop();
    const crashing = createProjector({
      sql: f.db.sql,
      store: f.gateway.services.store,
      calendar: createEnglandAndWalesCalendar(),
      openPseudonyms: f.gateway.services.vault.open,
      pollIntervalMs: 100,
      retryDelayMs: 50,
      maxRetryDelayMs: 100,
      projections: [...projections, crashOnErasure],
    });
    await crashing.start();
    try {
      // The keys are destroyed and PersonalDataErased appended; the projector fails to apply it, again and again.
      await erase({ reviewId: review.reviewId });
      for (let i = 0; i < 100 && crashing.status().consecutiveFailures < 2; i += 1)
        await new Promise((r) => setTimeout(r, 100));
      expect(crashing.status().consecutiveFailures).toBeGreaterThanOrEqual(2);
      expect(await blobOf(sha(bytes))).toBeDefined();
      expect((await documentsOf(review.reviewId))[0]).toMatchObject({ address: `/documents/${sha(bytes)}` });
    } finally {
      await crashing.stop();
    }

    await f.projector.start();
    expect((await statusOf(sha(bytes), 410)).status).toBe(410);
    expect(await blobOf(sha(bytes))).toBeUndefined();
    expect((await documentsOf(review.reviewId))[0]).toMatchObject({ withdrawn: true });
  });
});
