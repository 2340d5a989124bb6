/**
 * What people expect around the tasks, in Chromium against the real gateway and projector, with JavaScript on and
 * off: the beta banner and the footer's pages (accessibility, privacy, cookies, feedback); the partnership
 * dashboard, whose figures and most-urgent-first order cover every record (an old overdue incident that would sit
 * on page 2 in notification order is counted and shown first), paged with the true total and downloadable as CSV;
 * printing an incident and a rapid review (print stylesheet served, navigation hidden under print media); local
 * authorities chosen by name; and no UUID or ONS code in the text of any page visited. axe on every page.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, codesShown, hasChromium, PEOPLE, screenshot, signInAs } from './browser-fixture';
import { todayInEngland } from './app/dates';
import { PAGE_SIZE } from './app/listing';
import { seedNotifiedIncident } from './journey-seeds';
import { chooseLocalAuthority, useWebStack } from './web-stack';

/** The page passes axe and shows no internal id or ONS code where a person reads. */
const expectReadable = async (page: Page) => {
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(await codesShown(page), page.url()).toEqual([]);
};

const daysAgo = (n: number) =>
  new Date(Date.parse(`${todayInEngland()}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!hasChromium()).each([true, false])(
  'service pages with the real gateway (JavaScript on: %s)',
  { timeout: 300_000 },
  (javaScript) => {
    const stack = useWebStack({ javaScript });
    const shot = (page: Page, name: string) => (javaScript ? screenshot(page, name) : Promise.resolve());

    it('shows the beta banner and the footer, and each footer page', async () => {
      const page = await stack.browser.newPage();
      await page.goto(`${stack.app.url}/reports`);
      const banner = page.locator('.govuk-phase-banner');
      expect(await banner.innerText()).toContain('Beta');
      await banner.getByRole('link', { name: 'Give your feedback' }).waitFor();
      const footer = page.locator('footer');
      expect(await footer.innerText()).toContain('Open Government Licence v3.0');
      expect(await footer.innerText()).toContain('Crown copyright');
      for (const [link, heading, name] of [
        ['Accessibility statement', 'Accessibility statement for Child safeguarding practice reviews', 'accessibility'],
        ['Privacy notice', 'Privacy notice', 'privacy-notice'],
        ['Cookies', 'Cookies', 'cookies'],
        ['Feedback', 'Give feedback on Child safeguarding practice reviews', 'feedback'],
      ] as const) {
        await page.locator('footer').getByRole('link', { name: link, exact: true }).click();
        await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
        await expectReadable(page);
        await shot(page, name);
      }
      // The privacy notice says what is held about children, why, who sees it and for how long.
      await page.goto(`${stack.app.url}/privacy`);
      for (const heading of ['What personal data we hold', 'Why we hold it', 'Who sees it', 'How long we keep it'])
        await page.getByRole('heading', { name: heading }).waitFor();
      await page.goto(`${stack.app.url}/cookies`);
      expect(await page.locator('main').innerText()).toContain('__Host-cspr_session');
      await page.goto(`${stack.app.url}/feedback`);
      expect(await page.getByRole('link', { name: /@/ }).getAttribute('href')).toMatch(/^mailto:/);
      await page.close();
    });

    it('counts every record on the dashboard and puts an old overdue incident first, with paging and CSV', async () => {
      const { backEnd } = stack;
      const leeds = await backEnd.tokenFor({ role: 'partnership', partnership: 'leeds' });
      // Notified 40 days ago: its rapid review (15 working days) is overdue today. Notified first, so in
      // notification order it is the oldest and falls on page 2 behind a full page of newer ones.
      backEnd.setClockOffsetDays(-40);
      const overdueId = await seedNotifiedIncident(backEnd, leeds, {
        localAuthorityCode: 'E08000035',
        today: daysAgo(40),
      });
      backEnd.setClockOffsetDays(0);
      for (let n = 0; n < PAGE_SIZE + 1; n++)
        await seedNotifiedIncident(backEnd, leeds, { localAuthorityCode: 'E08000035' });
      const total = PAGE_SIZE + 2;
      // The projector may still be writing the last ones: wait until the read model has them all.
      await expect
        .poll(
          async () =>
            (
              await backEnd.graphqlAs<{ incidents: { totalCount: number } }>(
                leeds,
                'query { incidents { totalCount } }',
              )
            ).incidents.totalCount,
          { timeout: 30_000 },
        )
        .toBe(total);
      const { incident } = await backEnd.graphqlAs<{ incident: { reference: string } }>(
        leeds,
        'query($id: ID!) { incident(id: $id) { ... on Incident { reference } } }',
        { id: overdueId },
      );
      const newestFirst = await backEnd.graphqlAs<{ incidents: { edges: { node: { id: string } }[] } }>(
        leeds,
        `query { incidents(first: ${PAGE_SIZE}) { edges { node { id } } } }`,
      );
      expect(newestFirst.incidents.edges.map((e) => e.node.id)).not.toContain(overdueId);

      const page = await stack.browser.newPage();
      await signInAs(page, stack.app.url, PEOPLE.leeds, '/partnership');
      await page.getByRole('heading', { name: 'Incidents and deadlines' }).waitFor();
      const figures = await page.locator('#incident-figures').innerText();
      expect(figures).toMatch(new RegExp(`${total}\\s+incidents notified`));
      expect(figures).toMatch(/1\s+incident overdue/);
      expect(await page.locator('#list-count').innerText()).toBe(`Showing 1 to ${PAGE_SIZE} of ${total} incidents`);
      const firstRow = page.locator('tbody tr').first();
      expect(await firstRow.innerText()).toContain(incident.reference);
      expect(await firstRow.innerText()).toMatch(/overdue/i);
      await expectReadable(page);
      await shot(page, 'partnership-dashboard-paged');

      await page.getByRole('navigation', { name: 'incidents pages' }).getByRole('link', { name: /^Next/ }).click();
      await page
        .locator('#list-count', { hasText: `Showing ${PAGE_SIZE + 1} to ${total} of ${total} incidents` })
        .waitFor();
      expect(await page.locator('tbody').innerText()).not.toContain(incident.reference);
      await expectReadable(page);

      const csv = await page.request.get(`${stack.app.url}/partnership?format=csv`);
      expect(csv.headers()['content-type']).toContain('text/csv');
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines).toHaveLength(total + 1);
      expect(lines[0]).toBe('Reference,Local authority,What happened,Incident date,Notified,Status,Overdue,Next due');
      expect(lines[1]).toMatch(new RegExp(`^${incident.reference},Leeds,.*,Yes,`));

      // The incident prints without the navigation, the buttons or the footer.
      await page.goto(`${stack.app.url}/partnership/incidents/${overdueId}`);
      await page.getByRole('heading', { name: 'Serious harm' }).waitFor();
      expect(await page.locator('.govuk-caption-l').innerText()).toBe(`Incident ${incident.reference} · Leeds`);
      const printButton = page.getByRole('button', { name: 'Print this page' });
      const printNote = page.getByText('To print this page, use your browser’s print option');
      expect(await printButton.isVisible()).toBe(javaScript);
      expect(await printNote.isVisible()).toBe(!javaScript);
      await expectReadable(page);
      const printSheet = await page.locator('link[rel="stylesheet"][media="print"]').getAttribute('href');
      const served = await page.request.get(`${stack.app.url}${printSheet}`);
      expect(served.status()).toBe(200);
      expect(served.headers()['content-type']).toContain('text/css');
      expect(await served.text()).toContain('.govuk-service-navigation');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
      expect(await page.locator('footer').isVisible()).toBe(false);
      expect(await printButton.isVisible()).toBe(false);
      expect(await printNote.isVisible()).toBe(false);
      expect(await page.getByRole('heading', { name: 'Serious harm' }).isVisible()).toBe(true);
      await shot(page, 'incident-print');
      await page.emulateMedia({ media: 'screen' });
      expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(true);

      // The Panel reads the same incident, prints it, and finds it by its local authority's name.
      await signInAs(page, stack.app.url, PEOPLE.panel, `/panel/incidents/${overdueId}`);
      await page.getByRole('heading', { name: 'Serious harm' }).waitFor();
      expect(await page.locator('.govuk-caption-l').innerText()).toContain(incident.reference);
      expect(await page.getByRole('button', { name: 'Print this page' }).isVisible()).toBe(javaScript);
      await expectReadable(page);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });

      await page.goto(`${stack.app.url}/panel/incidents`);
      await chooseLocalAuthority(page, 'Local authority', 'Leeds');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.locator('#list-count', { hasText: `of ${total} incidents` }).waitFor();
      expect(new URL(page.url()).searchParams.get('localAuthorityCode')).toBe('E08000035');
      await expectReadable(page);
      await shot(page, 'panel-find-incident-by-authority');
      await page.close();
    });

    it('lets a partnership choose the local authority of a notification by name', async () => {
      const page = await stack.browser.newPage();
      await signInAs(page, stack.app.url, PEOPLE.leeds, '/partnership/notify');
      await page.getByRole('heading', { name: 'Notify the Panel of a serious incident' }).waitFor();
      const label = 'Local authority where the incident happened';
      await chooseLocalAuthority(page, label, 'Kirklees');
      await page.getByRole('button', { name: 'Continue' }).click();
      // Continued with other answers missing: the form comes back with the authority still chosen, by name.
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.locator('.govuk-error-summary').innerText()).not.toContain('Select the local authority');
      const chosen = javaScript
        ? await page.getByLabel(label, { exact: true }).inputValue()
        : await page.getByLabel(label, { exact: true }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]!.text);
      expect(chosen).toBe('Kirklees');
      await expectReadable(page);
      await page.close();
    });
  },
);
