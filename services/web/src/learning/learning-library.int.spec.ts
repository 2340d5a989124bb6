/**
 * The learning library shows every published review (real gateway, PostgreSQL, projector): more than one page of
 * them, 25 at a time with the true total and GOV.UK pagination, and the same search as CSV holding every match.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPartnerships } from '@cspr/domain';
import { todayInEngland } from '../app/dates';
import { startGatewayUnderTest, type GatewayUnderTest } from '../gateway-under-test.fixture';
import { seedNotifiedIncident } from '../journey-seeds';
import { COMMISSION_NON_STATUTORY_REVIEW, NAME_CONCERNED_PARTNERSHIPS, PUBLISH_REPORT } from '../operations';
import { createWebApp } from '../server/create-web-app';

/** 28 published reviews, one a day: every third about neglect (10 of them), the rest about online safety. */
const REVIEWS = Array.from({ length: 28 }, (_, i) => ({
  caseName: `Child ${String(i + 1).padStart(2, '0')}`,
  daysAgo: i + 1,
  theme: i % 3 === 0 ? 'neglect' : 'online safety',
}));
const NEGLECT = REVIEWS.filter((r) => r.theme === 'neglect');
const nameOf = (id: string) => defaultPartnerships.find((p) => p.partnershipId === id)!.name;
const LEEDS = nameOf('leeds');

let backEnd: GatewayUnderTest;
let server: Server;
let base: string;

const text = async (path: string) => {
  const response = await fetch(`${base}${path}`);
  expect(response.status).toBe(200);
  return response.text();
};
/** The case names of the page's records, in the order shown. */
const casesOn = (page: string) =>
  [...page.matchAll(/<h3 class="govuk-heading-s[^"]*">([^<–]+?)(?: –|<)/g)].map((m) => m[1]!.trim());

type Payload = { __typename: string; reviewId?: string; message?: string };

beforeAll(async () => {
  backEnd = await startGatewayUnderTest();
  const leeds = await backEnd.tokenFor({ role: 'partnership', partnership: 'leeds' });
  const send = async (operation: string, field: string, input: Record<string, unknown>) => {
    const result = (await backEnd.graphqlAs<Record<string, Payload>>(leeds, operation, { input }))[field]!;
    if (result.__typename.endsWith('Error')) throw new Error(`${field}: ${result.__typename} ${result.message}`);
    return result;
  };
  const today = todayInEngland();
  const daysAgo = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  // Commissioned before the oldest publication, so each can be published on its own day.
  backEnd.setClockOffsetDays(-40);
  const incidentId = await seedNotifiedIncident(backEnd, leeds, {
    localAuthorityCode: 'E08000035',
    today: daysAgo(40),
  });
  const reviewIds: string[] = [];
  for (const review of REVIEWS) {
    const commissioned = await send(COMMISSION_NON_STATUTORY_REVIEW, 'commissionNonStatutoryReview', {
      kind: 'PARTNERSHIP_REVIEW',
      title: `Learning from ${review.caseName}`,
      incidentIds: [incidentId],
    });
    reviewIds.push(commissioned.reviewId!);
  }
  // The newest review also names Bradford's services: it is in Bradford's listing because it mentions them.
  await send(NAME_CONCERNED_PARTNERSHIPS, 'nameConcernedPartnerships', {
    reviewId: reviewIds[0],
    partnershipIds: ['bradford'],
  });
  backEnd.setClockOffsetDays(0);
  for (const [i, review] of REVIEWS.entries()) {
    await send(PUBLISH_REPORT, 'publishReport', {
      reviewId: reviewIds[i],
      publishedOn: daysAgo(review.daysAgo),
      publication: 'FULL_REPORT',
      reviewModel: 'SYSTEMS_LEARNING',
      caseName: review.caseName,
      // A comma, a quote and a leading "=": the CSV must quote the first two and defuse the formula.
      summary: `Agencies worked apart, and "nobody" owned the plan.`,
      learningThemes: [review.theme],
      keywords: ['=HYPERLINK("x")'],
      recommendations: ['Share the plan'],
      documents: [
        {
          kind: 'OVERVIEW_REPORT',
          title: 'Overview report',
          address: `https://example.org/${i}.pdf`,
          checksum: 'a'.repeat(64),
        },
      ],
    });
  }
  server = createServer(createWebApp({ gateway: backEnd.fetch, logError: () => undefined }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The projector runs beside the gateway: wait until the page counts what was recorded.
  for (let i = 0; i < 100; i += 1) {
    if ((await (await fetch(`${base}/learning`)).text()).includes(`${REVIEWS.length} reviews</h2>`)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 180_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await backEnd?.close();
});

/** Newest first, as the library orders them. */
const newestFirst = [...REVIEWS].sort((a, b) => a.daysAgo - b.daysAgo).map((r) => r.caseName);

describe('the learning library: every published review, a page at a time, and as CSV', () => {
  it('shows the true total and the first 25, with GOV.UK pagination to page 2', async () => {
    const page = await text('/learning');
    expect(page).toContain('28 reviews</h2>');
    expect(page).toContain('Showing 1 to 25 of 28 reviews');
    expect(casesOn(page)).toEqual(newestFirst.slice(0, 25));
    expect(page).toContain('class="govuk-pagination');
    expect(page).toContain('href="/learning?page=2"');
    expect(page).toContain('href="/learning?format=csv"');
  });

  it('page 2 holds the other 3', async () => {
    const page = await text('/learning?page=2');
    expect(page).toContain('Showing 26 to 28 of 28 reviews');
    expect(casesOn(page)).toEqual(newestFirst.slice(25));
    expect(page).toContain('href="/learning"');
  });

  it('a page past the last one leads to the last page, filters kept, never an impossible range', async () => {
    const past = await fetch(`${base}/learning?page=5`, { redirect: 'manual' });
    expect(past.status).toBe(303);
    expect(past.headers.get('location')).toBe('/learning?page=2');
    const filtered = await fetch(`${base}/learning?theme=neglect&page=3`, { redirect: 'manual' });
    expect(filtered.headers.get('location')).toBe('/learning?theme=neglect');
    const followed = await text('/learning?page=99999999');
    expect(followed).toContain('Showing 26 to 28 of 28 reviews');
    expect(followed).not.toContain('Showing 101');
  });

  it('a page that is not a whole number, or is negative, shows the first page', async () => {
    for (const asked of ['abc', '-3', '0', '2.5', ''])
      expect(casesOn(await text(`/learning?page=${asked}`)), asked).toEqual(newestFirst.slice(0, 25));
  });

  it('a filter narrows the total, its pages keep it, and the CSV carries it', async () => {
    const page = await text('/learning?theme=neglect');
    expect(page).toContain('10 reviews found</h2>');
    expect(page).toContain('Showing 1 to 10 of 10 reviews');
    expect(page).not.toContain('class="govuk-pagination');
    expect(casesOn(page)).toEqual(NEGLECT.map((r) => r.caseName));
    expect(page).toContain('href="/learning?theme=neglect&amp;format=csv"');

    const online = await text('/learning?theme=online+safety&page=1');
    expect(online).toContain('Showing 1 to 18 of 18 reviews');

    const rows = parse(await text('/learning?theme=neglect&format=csv')) as string[][];
    expect(rows).toHaveLength(1 + NEGLECT.length);
    expect(rows.slice(1).map((r) => r[0])).toEqual(NEGLECT.map((r) => r.caseName));
    expect(new Set(rows.slice(1).map((r) => r[7]))).toEqual(new Set(['neglect']));
  });

  it('the CSV holds every review, not one page, quoting and defusing cells', async () => {
    const response = await fetch(`${base}/learning?format=csv&page=2`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('learning-library.csv');
    const [head, ...rows] = parse(await response.text()) as string[][];
    expect(head).toEqual([
      'Case',
      'Title',
      'Year',
      'Published',
      'Kind of review',
      'Review model',
      'Partnerships',
      'Themes',
      'Keywords',
      'Summary',
      'Recommendations',
    ]);
    expect(rows.map((r) => r[0])).toEqual(newestFirst);
    expect(rows[0]![9]).toBe('Agencies worked apart, and "nobody" owned the plan.');
    expect(rows[0]![8]).toBe(`'=HYPERLINK("x")`);
    // Partnerships by name, as people read them, not by id.
    expect(rows[0]![6]).toBe(LEEDS);
  });

  it("a partnership's listing names it, and its CSV says which reviews only mention its services", async () => {
    const page = await text('/learning?partnership=leeds&page=2');
    expect(page).toContain('Showing 26 to 28 of 28 reviews');
    expect(page).toContain(`<dd class="govuk-summary-list__value">${LEEDS}</dd>`);
    expect(page).toContain('href="/learning?partnership=leeds&amp;format=csv"');
    // The filter chooses a partnership by name (a select), never by typing its id.
    expect(page).toContain(`<option value="leeds" selected>${LEEDS}</option>`);
    expect(page).not.toContain('name="partnership" type="text"');
    const [head, ...rows] = parse(await text('/learning?partnership=leeds&format=csv')) as string[][];
    expect(head!.at(-1)).toBe(`Mentions ${LEEDS}’s services`);
    expect(rows).toHaveLength(28);
    expect(new Set(rows.map((r) => r.at(-1)))).toEqual(new Set(['No']));

    const bradford = await text('/learning?partnership=bradford');
    expect(bradford).toContain('Showing 1 to 1 of 1 reviews');
    expect(bradford).toContain(`Mentions ${nameOf('bradford')}’s services</strong>`);
    const [, mentioned] = parse(await text('/learning?partnership=bradford&format=csv')) as string[][];
    expect([mentioned![0], mentioned!.at(-1)]).toEqual([newestFirst[0], 'Yes']);
  });
});
