import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyImport, planImport, readListingFile } from '@cspr/review-history';
import { createWebApp } from '../server/create-web-app';
import { startGatewayUnderTest, type GatewayUnderTest } from '../gateway-under-test.fixture';

/** More than one page (25) of published reports: a partnership's history of 30 cases, one a month. */
const CASES = Array.from({ length: 30 }, (_, i) => ({
  caseName: `Child ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? 'B' : ''}`,
  year: 2000 + Math.floor(i / 12),
  month: (i % 12) + 1,
}));
const MONTHS = 'January February March April May June July August September October November December'.split(' ');

let backEnd: GatewayUnderTest;
let server: Server;
let base: string;

const text = async (path: string) => {
  const response = await fetch(`${base}${path}`);
  expect(response.status).toBe(200);
  return response.text();
};
/** The case names of the page's reports, in the order shown. */
const casesOn = (page: string) =>
  [...page.matchAll(/<h3 class="govuk-heading-s[^"]*">([^<–]+?)(?: –|<)/g)].map((m) => m[1]!.trim());

beforeAll(async () => {
  backEnd = await startGatewayUnderTest();
  const listing = [
    'Case,Kind,Document,Date',
    ...CASES.map((c) => `${c.caseName},Serious Case Reviews,"Overview Report, final",${MONTHS[c.month - 1]} ${c.year}`),
  ].join('\n');
  const plan = planImport('oxfordshire', readListingFile('listing.csv', listing), 'csv');
  expect(plan.reviews).toHaveLength(CASES.length);
  expect((await applyImport(backEnd.commands, plan)).refused).toEqual([]);
  server = createServer(createWebApp({ gateway: backEnd.fetch, logError: () => undefined }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The projector runs beside the gateway: wait until the page counts what was recorded.
  for (let i = 0; i < 100; i += 1) {
    if ((await (await fetch(`${base}/reports`)).text()).includes(`${CASES.length} reports`)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await backEnd?.close();
});

/** Newest first, as the gateway orders them. */
const newestFirst = [...CASES].sort((a, b) => b.year - a.year || b.month - a.month).map((c) => c.caseName);

describe('published reports: every one, a page at a time, and as CSV', () => {
  it('shows the true total and the first 25, with GOV.UK pagination to page 2', async () => {
    const page = await text('/reports');
    expect(page).toContain('30 reports</h2>');
    expect(page).toContain('Showing 1 to 25 of 30 reports');
    expect(casesOn(page)).toEqual(newestFirst.slice(0, 25));
    expect(page).toContain('class="govuk-pagination');
    expect(page).toContain('href="/reports?page=2"');
  });

  it('page 2 holds the other 5, keeping the filters in its links', async () => {
    const page = await text('/reports?page=2');
    expect(page).toContain('Showing 26 to 30 of 30 reports');
    expect(casesOn(page)).toEqual(newestFirst.slice(25));

    const filtered = await text('/reports?partnership=oxfordshire&page=2');
    expect(filtered).toContain('Showing 26 to 30 of 30 reports');
    expect(filtered).toContain('href="/reports?partnership=oxfordshire"');
  });

  it('a filter narrows the total, and the CSV carries the same filter', async () => {
    const page = await text('/reports?year=2001');
    expect(page).toContain('Showing 1 to 12 of 12 reports');
    expect(page).not.toContain('class="govuk-pagination');
    expect(page).toContain('href="/reports?year=2001&amp;format=csv"');
    const rows = parse(await text('/reports?year=2001&format=csv')) as string[][];
    expect(rows).toHaveLength(1 + 12);
    expect(new Set(rows.slice(1).map((r) => r[3]!.slice(0, 4)))).toEqual(new Set(['2001']));
  });

  it('the CSV holds every report, not one page, with cells holding commas quoted', async () => {
    const response = await fetch(`${base}/reports?format=csv&page=2`);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('published-reports.csv');
    const body = await response.text();
    expect(body).toContain('"Child A – Overview Report, final – January 2000"');
    const [head, ...rows] = parse(body) as string[][];
    expect(head!.slice(0, 4)).toEqual(['Case', 'Title', 'Partnership', 'Published']);
    expect(rows.map((r) => r[0])).toEqual(newestFirst);
    expect(rows[0]![2]).toBe('Oxfordshire Safeguarding Children Partnership');
  });
});
