import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyImport, planImport, readListingFile } from '@cspr/review-history';
import { createWebApp } from '../server/create-web-app';
import { startGatewayUnderTest, type GatewayUnderTest } from '../gateway-under-test.fixture';

const SEED = 'oxfordshire-serious-case-reviews.txt';
let backEnd: GatewayUnderTest;
let server: Server;
let base: string;
let plan: ReturnType<typeof planImport>;

beforeAll(async () => {
  backEnd = await startGatewayUnderTest();
  const text = await readFile(
    new URL(`../../../../packages/review-history/src/seed-pages/${SEED}`, import.meta.url),
    'utf8',
  );
  plan = planImport('oxfordshire', readListingFile(SEED, text), 'web-page-text');
  expect((await applyImport(backEnd.commands, plan)).refused).toEqual([]);
  server = createServer(createWebApp({ gateway: backEnd.fetch, logError: () => undefined }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The projector runs beside the gateway: wait until the page lists what was recorded.
  for (let i = 0; i < 100; i += 1) {
    const json = (await (await fetch(`${base}/partnerships/oxfordshire/reviews.json`)).json()) as {
      reviews?: unknown[];
    };
    if (json.reviews?.length === plan.reviews.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await backEnd?.close();
});

const onThePage = () => plan.reviews.flatMap((r) => r.display);

describe("Oxfordshire's published history, imported, on its public page", () => {
  it('lists the same cases and documents in the same order, under the kind of review, with empty kinds said so', async () => {
    const response = await fetch(`${base}/partnerships/oxfordshire/reviews`);
    expect(response.status).toBe(200);
    const page = await response.text();
    const items = [...page.matchAll(/<li>([^<]+?)(?: <span|<\/li>)/g)].map((m) => m[1]!.replace(/&amp;/g, '&').trim());
    const listed = items.filter((text) => / – /.test(text));
    expect(listed).toEqual(onThePage().map((line) => line.replace(/ \(.*\)$/, '').replace(/ – undated$/, '')));
    expect(page).toContain('Serious case reviews (before 2019)');
    expect(page).toContain('There are no partnership or learning reviews at this time.');
    expect(page).toContain('Oxfordshire Safeguarding Children Partnership');
  });

  it('gives the same listing as Atom that parses as an Atom 1.0 feed, and as JSON', async () => {
    const atom = await fetch(`${base}/partnerships/oxfordshire/reviews.atom`);
    expect(atom.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const xml = await atom.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      feed: Record<string, unknown> & { entry: Record<string, unknown>[] };
    };
    // RFC 4287 4.1.1: a feed has id, title, updated and an author (here, for the feed and each entry); entries id, title, updated.
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const field of ['id', 'title', 'updated', 'author']) expect(feed[field]).toBeDefined();
    expect(feed.entry).toHaveLength(6);
    for (const entry of feed.entry)
      for (const field of ['id', 'title', 'updated', 'link']) expect(entry[field]).toBeDefined();
    expect(JSON.stringify(feed.entry[0]!.title)).toContain('Child M');

    const json = (await (await fetch(`${base}/partnerships/oxfordshire/reviews.json`)).json()) as {
      partnership: { name: string };
      reviews: { caseName: string; kind: string }[];
    };
    expect(json.partnership.name).toBe('Oxfordshire Safeguarding Children Partnership');
    expect(json.reviews.map((r) => r.caseName)).toEqual([
      'Child M',
      'Child A and Child B',
      'Child Q',
      'Baby L',
      'Child J',
      'Children A-F',
    ]);
    expect(json.reviews[0]!.kind).toBe('serious-case-review');
  });

  it('answers an unknown partnership with the not-found page', async () => {
    expect((await fetch(`${base}/partnerships/nowhere/reviews`)).status).toBe(404);
  });
});
