/**
 * Learning from reviews in Chromium against the real gateway: a Leeds partnership review naming Bradford's services,
 * with learning, a recommendation and an overdue action (recorded through the API), then seen by the public in the
 * learning library, by Bradford on its dashboard ("mentions our services"), by Leeds on the review page with the
 * overdue flag, and by the Panel among recurring themes. axe checks every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  accessibilityViolations,
  codesShown,
  hasChromium,
  screenshot,
  serveApp,
  signInAs,
  PEOPLE,
  startBrowser,
  type Browser,
  type ServedApp,
} from './browser-fixture';
import { todayInEngland } from './app/dates';
import { startGatewayUnderTest, type GatewayUnderTest } from './gateway-under-test.fixture';
import { seedNotifiedIncident } from './journey-seeds';
import {
  ADD_RECOMMENDATION,
  COMMISSION_NON_STATUTORY_REVIEW,
  NAME_CONCERNED_PARTNERSHIPS,
  PUBLISH_REPORT,
  RECORD_ACTION_FOR_RECOMMENDATION,
  RECORD_LEARNING,
} from './operations';

/** axe passes, and the page names things: no internal id or ONS code where a person reads. */
const expectAccessible = async (page: Page) => {
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(await codesShown(page), page.url()).toEqual([]);
};
type Payload = { __typename: string; reviewId?: string; message?: string };

describe.skipIf(!hasChromium())('learning from reviews with the real gateway', { timeout: 300_000 }, () => {
  let backEnd: GatewayUnderTest;
  let app: ServedApp;
  let browser: Browser;
  let reviewId = '';

  beforeAll(async () => {
    backEnd = await startGatewayUnderTest();
    app = await serveApp(backEnd);
    browser = await startBrowser();
    const leeds = await backEnd.tokenFor({ role: 'partnership', partnership: 'leeds' });
    const send = async (operation: string, field: string, input: Record<string, unknown>) => {
      const result = (await backEnd.graphqlAs<Record<string, Payload>>(leeds, operation, { input }))[field]!;
      if (result.__typename.endsWith('Error')) throw new Error(`${field}: ${result.__typename} ${result.message}`);
      return result;
    };
    const today = todayInEngland();
    const daysAgo = (n: number) =>
      new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    // The review was commissioned a fortnight ago, so an action can fall due in the past.
    backEnd.setClockOffsetDays(-14);
    reviewId = (
      await send(COMMISSION_NON_STATUTORY_REVIEW, 'commissionNonStatutoryReview', {
        kind: 'PARTNERSHIP_REVIEW',
        title: 'Learning from Child R',
        incidentIds: [
          await seedNotifiedIncident(backEnd, leeds, { localAuthorityCode: 'E08000035', today: daysAgo(14) }),
        ],
      })
    ).reviewId!;
    await send(NAME_CONCERNED_PARTNERSHIPS, 'nameConcernedPartnerships', { reviewId, partnershipIds: ['bradford'] });
    await send(RECORD_LEARNING, 'recordLearning', {
      reviewId,
      themes: ['neglect', 'missed appointments'],
      items: [
        {
          kind: 'SEVEN_MINUTE_BRIEFING',
          title: 'Seven-minute briefing: Child R',
          address: 'https://example.org/child-r-briefing.pdf',
        },
      ],
    });
    await send(ADD_RECOMMENDATION, 'addRecommendation', {
      reviewId,
      recommendationId: 'rec-1',
      text: 'Follow up every missed health appointment within a week',
      assignedAgency: 'health',
    });
    // Due a week ago and not started: overdue for today.
    await send(RECORD_ACTION_FOR_RECOMMENDATION, 'recordActionForRecommendation', {
      reviewId,
      recommendationId: 'rec-1',
      actionId: 'act-1',
      description: 'Audit missed appointments',
      owner: 'Designated nurse',
      dueOn: daysAgo(7),
    });
    backEnd.setClockOffsetDays(0);
    await send(PUBLISH_REPORT, 'publishReport', {
      reviewId,
      publishedOn: today,
      publication: 'FULL_REPORT',
      reviewModel: 'SYSTEMS_LEARNING',
      summary: 'Health appointments were missed and not followed up.',
      learningThemes: ['neglect', 'missed appointments'],
      keywords: ['health visiting'],
      recommendations: ['Follow up every missed health appointment within a week'],
      documents: [
        {
          kind: 'OVERVIEW_REPORT',
          title: 'Overview report',
          address: 'https://example.org/child-r.pdf',
          checksum: 'a'.repeat(64),
        },
      ],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await backEnd?.close();
  });

  it('the public finds the review in the learning library by theme and keyword', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/learning`);
    await page.getByRole('heading', { name: 'Learning from reviews' }).waitFor();
    await page.getByLabel('Learning theme').fill('neglect');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: '1 review found' }).waitFor();
    const record = page.locator('.app-report');
    expect(await record.innerText()).toContain('Partnership review');
    expect(await record.innerText()).toContain('Follow up every missed health appointment within a week');
    await expectAccessible(page);
    await screenshot(page, 'learning-library');
    await page.getByLabel('Keyword').fill('nothing like this');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No published review matches').waitFor();
  });

  it('Bradford sees the review because it mentions its services', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, PEOPLE.bradford, '/partnership');
    await page.getByRole('heading', { name: 'Reviews and learning' }).waitFor();
    await page.getByText('We list this review because it mentions our services').waitFor();
    await expectAccessible(page);
  });

  it('Leeds sees the recommendation and its overdue action on the review page', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, PEOPLE.leeds, '/partnership');
    await page.getByRole('heading', { name: 'Incidents and deadlines' }).waitFor();
    await page.getByRole('link', { name: 'Learning from Child R' }).click();
    await page.getByRole('heading', { name: 'Learning and recommendations' }).waitFor();
    expect(await page.getByText('1 action is overdue').isVisible()).toBe(true);
    expect(await page.locator('table', { hasText: 'Audit missed appointments' }).innerText()).toContain('Overdue');
    await expectAccessible(page);
    await screenshot(page, 'review-learning');

    // A second recommendation through the page, then the overdue action completed: the flag goes.
    await page.locator('summary', { hasText: 'Add a recommendation' }).click();
    await page.getByRole('button', { name: 'Add a recommendation' }).click();
    await page.locator('.govuk-error-summary').getByText('Enter the recommendation').waitFor();
    await expectAccessible(page);
    await page
      .getByLabel('Recommendation', { exact: true })
      .fill('Share the seven-minute briefing with every GP practice');
    await page.getByLabel('Agency responsible').selectOption({ label: 'Health' });
    await page.getByRole('button', { name: 'Add a recommendation' }).click();
    await page.getByRole('heading', { name: /^Recommendation 2: Share the seven-minute briefing/ }).waitFor();
    await page.locator('summary', { hasText: 'Record progress on an action' }).click();
    await page.locator('#progressAction').selectOption({ label: 'Audit missed appointments (Designated nurse)' });
    await page.locator('#progressStatus').selectOption({ label: 'Completed' });
    await page.getByRole('button', { name: 'Record progress on an action' }).click();
    await page.getByText('Recorded.').waitFor();
    await page.locator('table', { hasText: 'Audit missed appointments' }).getByText('Completed').waitFor();
    expect(await page.getByText('1 action is overdue').count()).toBe(0);
    await expectAccessible(page);
  });

  it('the Department for Education signs in to its final reports', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, PEOPLE.dfe, '/dfe');
    await page.getByRole('heading', { name: 'Final reports sent to the Department for Education' }).waitFor();
    expect(await page.getByText('No final report has been sent to the Department yet.').isVisible()).toBe(true);
    await expectAccessible(page);
  });

  it('the Panel sees recurring themes', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, PEOPLE.panel, '/panel');
    await page.getByRole('link', { name: 'Recurring themes' }).click();
    await page.getByRole('heading', { name: 'Recurring themes' }).waitFor();
    await page.getByLabel('Recorded in at least this many partnerships').fill('1');
    await page.getByRole('button', { name: 'Show themes' }).click();
    await page.getByRole('link', { name: 'neglect' }).waitFor();
    await expectAccessible(page);
  });
});
