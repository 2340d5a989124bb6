/**
 * A local review followed in Chromium to publication against the real gateway and projector, then found by the
 * public: commission, reviewer, a delay with its reason, the final report, publication with a document (its
 * SHA-256 computed in the browser), action plan progress, and the public listing searched by theme and year.
 * The gateway's clock starts 30 days back so the final report can precede publication by 7 working days.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  accessibilityViolations,
  codesShown,
  hasChromium,
  NO_CHROMIUM,
  screenshot,
  signInAs,
  PEOPLE,
} from './browser-fixture';
import { partsFromIso, todayInEngland } from './app/dates';
import { useWebStack } from './web-stack';
import { seedNotifiedIncident, seedRespondedIncident } from './journey-seeds';

/** The published overview report: a real PDF header, so the platform's type check accepts it. */
const REPORT = Buffer.from('%PDF-1.7\n% Child M overview report\n%%EOF\n');

/** axe passes, and the page names things: no internal id or ONS code where a person reads. */
const expectAccessible = async (page: Page) => {
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(await codesShown(page), page.url()).toEqual([]);
};
const daysAgo = (days: number) => todayInEngland(new Date(Date.now() - days * 86_400_000));

const step = async (page: Page, title: string, fill: () => Promise<void>) => {
  await page.getByText(title, { exact: true }).first().click();
  await fill();
  // Each recorded step lands on a new address (…?done=<step>&at=<time>); the banner alone may be the last step's.
  const before = page.url();
  await page.getByRole('button', { name: title }).click();
  await page.waitForURL((url) => url.toString() !== before);
  await page.getByText('Recorded.').waitFor();
};

describe.skipIf(!hasChromium())('a local review in Chromium', { timeout: 300_000 }, () => {
  const stack = useWebStack();

  it('is commissioned, tracked to publication and found on the public pages', async () => {
    stack.backEnd.setClockOffsetDays(-30);
    const leeds = await stack.backEnd.tokenFor({ role: 'partnership', partnership: 'leeds' });
    const incidentId = await seedRespondedIncident(
      stack.backEnd,
      leeds,
      await stack.backEnd.tokenFor({ role: 'panel' }),
      {
        localAuthorityCode: 'E08000035',
        localReviewDecision: 'LOCAL_REVIEW',
        outcome: 'AGREED',
        today: daysAgo(30),
      },
    );
    // Notified 30 days ago and no rapid review since: its 15 working days have run out by today.
    await seedNotifiedIncident(stack.backEnd, leeds, { localAuthorityCode: 'E08000035', today: daysAgo(30) });

    const page = await stack.browser.newPage();
    await signInAs(page, stack.app.url, PEOPLE.leeds, '/partnership');
    await page.getByRole('heading', { name: 'Incidents and deadlines' }).waitFor();
    await page.goto(`${stack.app.url}/partnership/incidents/${incidentId}`);
    await page.getByRole('button', { name: 'Commission a local review' }).click();
    await page.getByLabel('Name the report will use').fill('Child M');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Commission the review' }).click();
    await page.getByText('The review has been commissioned.').waitFor();
    await expectAccessible(page);

    await step(page, 'Appoint the independent reviewer', () =>
      page.getByLabel('Reviewer’s full name').fill('Jane Reviewer'),
    );
    await step(page, 'Record a delay to publication', async () => {
      await page.getByLabel('Criminal proceedings').check();
      await page.getByLabel('Explain the delay').fill('A criminal trial is listed for next month.');
      await page.locator('input[name="panelInformed"][value="true"]').check();
    });
    expect(await page.getByRole('table', { name: 'Delays to publication' }).innerText()).toContain(
      'Criminal proceedings',
    );
    // A statutory submission: check your answers first, then confirm.
    await page.getByText('Send the final report', { exact: true }).first().click();
    await page.getByLabel('The Child Safeguarding Practice Review Panel').check();
    await page.getByLabel('Department for Education').check();
    await page.getByRole('button', { name: 'Send the final report' }).click();
    await page.getByRole('heading', { name: 'Check your answers: send the final report' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Department for Education');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Confirm the final report was sent' }).click();
    await page.getByText('Recorded.').waitFor();
    expect(await page.locator('.govuk-summary-list').first().innerText()).toContain('Final report sent');

    stack.backEnd.setClockOffsetDays(0);
    await page.reload();
    await page.getByText('Record the publication', { exact: true }).first().click();
    await page.getByRole('button', { name: 'Record the publication' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Give at least one published document');
    await expectAccessible(page);
    const today = partsFromIso(todayInEngland());
    await page.locator('#publishedOn').fill(today.day);
    await page.locator('#publishedOn-month').fill(today.month);
    await page.locator('#publishedOn-year').fill(today.year);
    await page.getByLabel('The full report').check();
    await page.getByLabel('Review model').selectOption('LCSPR');
    await page
      .getByLabel('Summary', { exact: true })
      .fill('Child M was a young child whose missed health appointments were not followed up.');
    await page.getByLabel('Learning themes').fill('Neglect\nMissed appointments');
    await page.getByLabel('Recommendations').fill('Follow up every missed appointment.');
    await page.locator('#document-0-title').fill('Overview Report');
    // No web address: the file itself is uploaded, stored by the platform and served from the public pages.
    await page
      .locator('#document-0-file')
      .setInputFiles({ name: 'child-m.pdf', mimeType: 'application/pdf', buffer: REPORT });
    await page.getByRole('button', { name: 'Record the publication' }).click();
    await page.getByRole('heading', { name: 'Check your answers: record the publication' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Overview Report');
    await expectAccessible(page);
    // "Change" brings the form back with the answers (the stored file included) to correct the summary.
    await page.getByRole('button', { name: 'Change summary' }).click();
    await page
      .getByLabel('Summary', { exact: true })
      .fill('Child M was a young child whose missed health appointments were not followed up in time.');
    await page.getByRole('button', { name: 'Record the publication' }).click();
    await page.getByRole('heading', { name: 'Check your answers: record the publication' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('not followed up in time');
    const beforePublishing = page.url();
    await page.getByRole('button', { name: 'Confirm the publication' }).click();
    await page.waitForURL((url) => url.toString() !== beforePublishing);
    await page.getByText('Recorded.').waitFor();
    expect(await page.locator('.govuk-summary-list').first().innerText()).toContain('Published');

    await step(page, 'Record action plan progress', async () => {
      await page.locator('#action-0-description').fill('Audit missed appointments across health visiting');
      await page.locator('#action-0-owner').fill('Integrated care board');
      await page.getByLabel('Status').first().selectOption('IN_PROGRESS');
    });
    expect(await page.locator('.govuk-summary-list').first().innerText()).toContain(
      '0 of 1 actions completed, 1 in progress',
    );
    await expectAccessible(page);
    await screenshot(page, 'local-review');

    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    // The dashboard also lists reviews and learning below the incidents.
    const incidents = page.getByRole('table', { name: /Your incidents/ });
    await incidents.waitFor();
    expect(await page.locator('.app-card--red').innerText()).toContain('1\nincident overdue');
    const overdueRow = incidents.getByRole('row').filter({ has: page.getByText('Overdue', { exact: true }) });
    expect(await overdueRow.innerText()).toMatch(
      /Send the rapid review \(the Panel's expectation, not a statutory duty\):\s+\d+ \w+ 2026\s+\d+ working days? overdue/,
    );
    await expectAccessible(page);
    await screenshot(page, 'partnership-dashboard-overdue');

    await page.getByRole('link', { name: 'Local reviews' }).click();
    await page.getByRole('link', { name: 'Child M' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: /signed out/i }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Published reports' }).first().click();
    const month = new Intl.DateTimeFormat('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/London',
    }).format(new Date());
    const reportLink = page.getByRole('link', { name: `Child M – Overview Report – ${month}` });
    await reportLink.waitFor();
    // The same bytes come back from the public page's link, with the listing's name.
    const download = await page.request.get(new URL((await reportLink.getAttribute('href'))!, page.url()).toString());
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await download.body()).equals(REPORT)).toBe(true);
    await page.getByLabel('Learning theme').fill('neglect');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('heading', { name: '1 report found' }).waitFor();
    expect(await page.locator('#list-count').innerText()).toBe('Showing 1 to 1 of 1 reports');
    // The CSV carries the page's filters: the one report with the theme, the listing line among its cells.
    const csvHref = await page.getByRole('link', { name: 'Download these reports (CSV)' }).getAttribute('href');
    expect(new URL(csvHref!, page.url()).searchParams.get('theme')).toBe('neglect');
    const csv = await page.request.get(new URL(csvHref!, page.url()).toString());
    expect(csv.headers()['content-type']).toContain('text/csv');
    const csvLines = (await csv.text()).trim().split('\r\n');
    expect(csvLines).toHaveLength(2);
    expect(csvLines[1]).toContain(`Child M – Overview Report – ${month}`);
    await expectAccessible(page);
    await screenshot(page, 'published-reports');
    await page.getByLabel('Year published').fill('2019');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('heading', { name: '0 reports found' }).waitFor();
    await page.getByLabel('Year published').fill('19');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('Enter the year as 4 digits, for example 2026').first().waitFor();
    await expectAccessible(page);

    // Public statistics are released periods only (statistics-page.int.spec.ts): before a release, none are shown.
    await page.getByRole('link', { name: 'Statistics' }).click();
    await expectAccessible(page);
    await page.close();
  });
});

// Said out loud when Chromium is missing, rather than passing silently.
if (!hasChromium()) describe('a local review in Chromium', () => it.skip(NO_CHROMIUM, () => undefined));
