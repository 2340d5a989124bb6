/**
 * A partnership commissions each kind of review it may run directly from its reviews page, in Chromium against the
 * real gateway and projector with JavaScript on and off: a local child safeguarding practice review, a partnership
 * review (naming another partnership it concerns, chosen by name), a multi-agency learning review and a thematic
 * review over two incidents; then records learning, a recommendation and an action on one. axe checks every page.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, hasChromium, NO_CHROMIUM, PEOPLE, screenshot, signInAs } from './browser-fixture';
import { fillDate, useWebStack } from './web-stack';
import { todayInEngland } from './app/dates';
import { seedNotifiedIncident, seedRespondedIncident } from './journey-seeds';

const expectAccessible = async (page: Page) => expect(await accessibilityViolations(page)).toEqual([]);

describe.skipIf(!hasChromium()).each([true, false])(
  'commissioning reviews with the real gateway (JavaScript on: %s)',
  { timeout: 300_000 },
  (javaScript) => {
    const stack = useWebStack({ javaScript });
    let partnershipReview = '';

    /** Opens a step of the review page, fills it, sends it and waits for the page that records it. */
    const step = async (page: Page, title: string, fill: () => Promise<void>) => {
      await page.locator('summary', { hasText: title }).click();
      await fill();
      const before = page.url();
      await page.getByRole('button', { name: title }).click();
      await page.waitForURL((url) => url.toString() !== before);
      await page.getByText('Recorded.').waitFor();
    };

    it('a partnership commissions a local, partnership, multi-agency learning and thematic review', async () => {
      const leeds = await stack.backEnd.tokenFor({ role: 'partnership', partnership: 'leeds' });
      const decidedOnLocalReview = await seedRespondedIncident(
        stack.backEnd,
        leeds,
        await stack.backEnd.tokenFor({ role: 'panel' }),
        { localAuthorityCode: 'E08000035', localReviewDecision: 'LOCAL_REVIEW', outcome: 'AGREED' },
      );
      const second = await seedNotifiedIncident(stack.backEnd, leeds, { localAuthorityCode: 'E08000035' });
      const third = await seedNotifiedIncident(stack.backEnd, leeds, { localAuthorityCode: 'E08000035' });

      const page = await stack.browser.newPage();
      await signInAs(page, stack.app.url, PEOPLE.leeds, '/partnership/reviews');
      await page.getByRole('link', { name: 'Commission a review' }).click();
      await page.getByRole('heading', { name: 'Commission a review' }).waitFor();
      // Incidents told apart by reference, local authority and date; partnerships by name; never an id or a slug.
      const form = await page.locator('main').innerText();
      expect(form).toMatch(/INC-\d{4}-\d{5}, Leeds, /);
      expect(form).toMatch(/Bradford/);
      expect(form).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|E08000035|\bbradford\b/);
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Commission the review' }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.getByText('Select the kind of review').waitFor();
      expect(await page.title()).toMatch(/^Error: Commission a review/);
      await expectAccessible(page);

      const commission = async (
        kind: string,
        incidents: string[],
        fill: () => Promise<void>,
        caption: string,
        shot?: string,
      ) => {
        await page.goto(`${stack.app.url}/partnership/reviews/commission`);
        await page.getByLabel(kind, { exact: true }).check();
        for (const id of incidents) await page.locator(`input[name="incidentIds"][value="${id}"]`).check();
        await fill();
        if (shot && javaScript) await screenshot(page, shot);
        await page.getByRole('button', { name: 'Commission the review' }).click();
        await page.getByText('The review has been commissioned.').waitFor();
        expect(await page.locator('.govuk-caption-l').first().innerText()).toBe(caption);
        await expectAccessible(page);
      };

      await commission(
        'Local child safeguarding practice review',
        [decidedOnLocalReview],
        () => page.getByLabel('Name the report will use').fill('Child M'),
        'Local child safeguarding practice review',
      );
      await commission(
        'Partnership review',
        [second],
        async () => {
          await page.getByLabel('Title of the review').fill('Learning from Child P');
          await page.getByLabel(/Bradford/).check();
        },
        'Partnership review',
        'commission-review',
      );
      partnershipReview = page.url();
      // The partnership it concerns, by name, on the review page.
      expect(await page.locator('main').textContent()).toMatch(/Named so far: [^,]*Bradford/);
      await commission(
        'Multi-agency learning review',
        [third],
        () => page.getByLabel('Title of the review').fill('Learning from Child Q'),
        'Multi-agency learning review',
      );

      // A thematic review needs two cases: said on submit, then commissioned over both.
      await page.goto(`${stack.app.url}/partnership/reviews/commission`);
      await page.getByLabel('Thematic review', { exact: true }).check();
      await page.locator(`input[name="incidentIds"][value="${second}"]`).check();
      await page.getByRole('button', { name: 'Commission the review' }).click();
      await summary.getByText('Select at least two incidents for a thematic review').waitFor();
      await summary.getByText('Enter the theme of the review').waitFor();
      await commission(
        'Thematic review',
        [second, third],
        async () => {
          await page.getByLabel('Title of the review').fill('Infants with unexplained injuries');
          await page.getByLabel('Theme (thematic reviews)').fill('Unexplained injuries in infants');
        },
        'Thematic review',
      );
      // The incident names its reviews as people know them, never by id.
      await page.goto(`${stack.app.url}/partnership/incidents/${decidedOnLocalReview}`);
      await page.getByRole('link', { name: 'Child M' }).waitFor();
      await page.close();
    });

    it('the partnership records learning, a recommendation and an action for it on the review', async () => {
      expect(partnershipReview).not.toBe('');
      const page = await stack.browser.newPage();
      await signInAs(page, stack.app.url, PEOPLE.leeds, new URL(partnershipReview).pathname);
      await page.getByRole('heading', { name: 'Learning and recommendations' }).waitFor();
      await page.locator('summary', { hasText: 'Record learning' }).click();
      await page.getByRole('button', { name: 'Record learning' }).click();
      await page.locator('.govuk-error-summary').getByText('Enter at least one learning theme').waitFor();
      expect(await page.title()).toMatch(/^Error: /);
      await expectAccessible(page);
      // The step stays open with its error: answered there and sent again.
      await page.getByLabel('Themes of the learning').fill('Neglect\nMissed appointments');
      await page.locator('#itemKind').selectOption({ label: 'Learning summary' });
      await page.locator('#itemTitle').fill('What we learned from Child P');
      await page.getByRole('button', { name: 'Record learning' }).click();
      await page.getByText('Recorded.').waitFor();
      expect(await page.locator('main').innerText()).toContain('What we learned from Child P');
      await step(page, 'Add a recommendation', async () => {
        await page.getByLabel('Recommendation', { exact: true }).fill('Follow up every missed appointment');
        await page.getByLabel('Agency responsible').selectOption({ label: 'Health' });
      });
      await page.getByRole('heading', { name: /^Recommendation 1: Follow up every missed appointment/ }).waitFor();
      const nextYear = String(Number(todayInEngland().slice(0, 4)) + 1);
      await step(page, 'Plan an action for a recommendation', async () => {
        await page.getByLabel('Which recommendation does it answer?').selectOption({ index: 1 });
        await page.getByLabel('What will be done').fill('Audit missed appointments every quarter');
        await page.getByLabel('Who owns it').fill('Designated nurse');
        await fillDate(page, 'actionDueOn', { day: '31', month: '3', year: nextYear });
      });
      expect(await page.locator('table', { hasText: 'Audit missed appointments every quarter' }).innerText()).toContain(
        'Designated nurse',
      );
      await expectAccessible(page);
      await page.close();
    });
  },
);

// Said out loud when Chromium is missing, rather than passing silently.
if (!hasChromium())
  describe('commissioning reviews with the real gateway', () => it.skip(NO_CHROMIUM, () => undefined));
