/**
 * Whole journeys in Chromium against the real gateway and projector on a fresh database: a partnership user
 * notifies an incident and sends its rapid review; a Panel user reads it, responds and commissions a national
 * review across two partnerships' incidents. People sign in through the embedded provider's page; the journeys
 * run with JavaScript on and again with it off. axe checks every page on the way; screenshots go to docs/screenshots.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, hasChromium, NO_CHROMIUM, PEOPLE, screenshot, signInAs } from './browser-fixture';
import { chooseLocalAuthority, fillDate, useWebStack } from './web-stack';
import { seedRespondedIncident } from './journey-seeds';

const expectAccessible = async (page: Page) => expect(await accessibilityViolations(page)).toEqual([]);

describe.skipIf(!hasChromium()).each([true, false])(
  'journeys with the real gateway (JavaScript on: %s)',
  { timeout: 300_000 },
  (javaScript) => {
    const stack = useWebStack({ javaScript });
    const shot = (page: Page, name: string) => (javaScript ? screenshot(page, name) : Promise.resolve());
    let incidentId = '';

    it('a partnership user notifies an incident and sends its rapid review', async () => {
      const page = await stack.browser.newPage();
      await signInAs(page, stack.app.url, PEOPLE.leeds, '/partnership');
      await page.getByRole('heading', { name: 'Incidents and deadlines' }).waitFor();
      expect(page.url()).toBe(`${stack.app.url}/partnership`);
      await expectAccessible(page);

      await page.getByRole('button', { name: 'Notify an incident' }).click();
      await page.getByRole('heading', { name: 'Notify the Panel of a serious incident' }).waitFor();
      await page.getByLabel('Serious harm', { exact: true }).check();
      await chooseLocalAuthority(page, 'Local authority where the incident happened', 'Leeds');
      await fillDate(page, 'becameAwareOn');
      await fillDate(page, 'incidentOn');
      await page.getByLabel('Where did the incident happen?').fill('The family home');
      await page.getByLabel('Full name', { exact: true }).first().fill('Test Child One');
      await page.getByLabel('Age in years (if the date of birth is not known)').fill('7');
      for (const [name, answer] of [
        ['children-0-sex', 'FEMALE'],
        ['children-0-ethnicity', 'WHITE'],
        ['children-0-disability', 'NO'],
        ['children-0-placement', 'AT_HOME'],
        ['children-0-lookedAfter', 'false'],
        ['children-0-childInNeedPlan', 'false'],
        ['children-0-childProtectionPlan', 'true'],
        ['children-0-knownToAgencies', 'YES'],
      ] as const) {
        await page.locator(`input[name="${name}"][value="${answer}"]`).check();
      }
      await page
        .getByLabel('Outline of the case')
        .fill('A child was admitted to hospital with injuries that were not explained.');
      await page.locator('#notifierName').fill('Sam Notifier');
      await page.getByLabel('Job title').fill('Head of safeguarding');
      await page.getByLabel('Email address').fill('not an email');
      await page.getByRole('button', { name: 'Send notification' }).click();
      // Checked on the server: "Error: " in the title, the summary linking to the field, what was typed kept.
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.title()).toMatch(/^Error: Notify an incident/);
      expect(await page.locator('.govuk-error-summary').innerText()).toContain(
        'Enter an email address in the correct format',
      );
      expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#notifierEmail');
      expect(await page.getByLabel('Outline of the case').inputValue()).toBe(
        'A child was admitted to hospital with injuries that were not explained.',
      );
      await expectAccessible(page);
      await page.getByLabel('Email address').fill('sam.notifier@example.gov.uk');
      await expectAccessible(page);
      await shot(page, 'notify-incident');
      await page.getByRole('button', { name: 'Send notification' }).click();

      await page.getByRole('heading', { name: 'Notification sent' }).waitFor();
      incidentId = (await page.locator('#incident-reference').innerText()).trim();
      expect(incidentId).toMatch(/^[0-9a-f-]{36}$/);
      await expectAccessible(page);

      await page.getByRole('link', { name: 'Start the rapid review' }).click();
      await page.getByRole('heading', { name: 'Rapid review', exact: true }).waitFor();
      await page.getByLabel('What happened').fill('Facts: the child was seen at A&E on the day of the incident.');
      await page.getByLabel('Police investigation').check();
      await page
        .getByRole('group', { name: /Which agencies/ })
        .getByLabel('Police', { exact: true })
        .check();
      await page.getByLabel('How police was involved').fill('Attended the hospital and opened an investigation.');
      await page
        .getByLabel('Analysis of key practice episodes')
        .fill('Two missed health appointments were not followed up.');
      await page
        .getByLabel('The child’s lived experience and family context')
        .fill('The child lived with their mother and two siblings.');
      await page
        .getByLabel('Actions taken to keep children safe now')
        .fill('The siblings were placed with their grandmother.');
      await page
        .getByLabel('What the partners have learned so far')
        .fill('Missed appointments need a multi-agency response.');
      await page.getByLabel('No local review', { exact: true }).check();
      await page.getByLabel('Reasons for the decision').fill('The learning is national rather than local.');
      await page.getByLabel('May require changes to law or guidance').check();
      await page.getByRole('button', { name: 'Send to the Panel' }).click();
      // Sign-off is still missing: the error summary says so in words and links to the field.
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      expect(await summary.innerText()).toContain(
        'All three safeguarding partners must sign off the rapid review before it is sent',
      );
      await expectAccessible(page);
      const signOff = page.getByRole('group', { name: /Which safeguarding partners have signed off/ });
      for (const partner of ['Local authority', 'Integrated care board', 'Police'])
        await signOff.getByLabel(partner, { exact: true }).check();
      await page.getByLabel('Signing officer for the local authority').fill('Director of Children’s Services');
      await page.getByLabel('Signing officer for the integrated care board').fill('Chief Nurse');
      await page.getByLabel('Signing officer for the police').fill('Detective Superintendent');
      // What was typed before the refusal is still there.
      expect(await page.getByLabel('Analysis of key practice episodes').inputValue()).toBe(
        'Two missed health appointments were not followed up.',
      );
      await shot(page, 'rapid-review-form');
      await page.getByRole('button', { name: 'Send to the Panel' }).click();

      await page.getByText('The rapid review has been sent to the Panel.').waitFor();
      expect(await page.locator('.govuk-summary-list').first().innerText()).toContain('Rapid review with the Panel');
      expect(await page.getByText('Two missed health appointments were not followed up.').isVisible()).toBe(true);
      await expectAccessible(page);
      await shot(page, 'incident');

      await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
      await page.getByRole('table').waitFor();
      expect(await page.getByRole('table').innerText()).toContain('Serious harm');
      await expectAccessible(page);
      await shot(page, 'partnership-dashboard');
      await page.close();
    });

    it('a Panel user responds to the rapid review and commissions a national review across two partnerships', async () => {
      expect(incidentId).not.toBe('');
      const panelToken = await stack.backEnd.tokenFor({ role: 'panel' });
      const otherIncident = await seedRespondedIncident(
        stack.backEnd,
        await stack.backEnd.tokenFor({ role: 'partnership', partnership: 'bradford' }),
        panelToken,
      );

      const page = await stack.browser.newPage();
      await signInAs(page, stack.app.url, PEOPLE.panel, '/panel');
      await page.getByRole('heading', { name: 'Rapid reviews awaiting a response' }).waitFor();
      const queue = page.getByRole('table');
      // Partnerships by name, never by slug.
      expect(await queue.innerText()).toContain('Leeds Safeguarding Children Partnership');
      await expectAccessible(page);
      await shot(page, 'panel-queue');

      // The queue names each incident by its reference (INC-yyyy-nnnnn), the partnership by its name.
      await page
        .getByRole('row', { name: /Leeds Safeguarding Children Partnership/ })
        .getByRole('link', { name: /^INC-/ })
        .first()
        .click();
      await page.getByRole('heading', { name: 'Respond' }).waitFor();
      expect(await page.getByText('Facts: the child was seen at A&E on the day of the incident.').isVisible()).toBe(
        true,
      );
      expect(await page.getByText('Test Child One').isVisible()).toBe(true);
      await page.getByLabel('Commission a national review', { exact: true }).check();
      await page
        .getByLabel('Comments to the partnership')
        .fill('The Panel will carry out a national review of this case.');
      await expectAccessible(page);
      await shot(page, 'panel-rapid-review');
      await page.getByRole('button', { name: 'Send response' }).click();

      await page.getByRole('heading', { name: 'Commission a national review' }).waitFor();
      expect(await page.locator(`input[value="${incidentId}"]`).isChecked()).toBe(true);
      await page.locator(`input[value="${otherIncident}"]`).check();
      await page.getByLabel('Title of the review').fill('Missed health appointments and unexplained injuries');
      await page.locator('input[name="thematic"][value="false"]').check();
      await expectAccessible(page);
      await shot(page, 'national-review-commission');
      await page.getByRole('button', { name: 'Commission the review' }).click();

      await page.getByText('The review has been commissioned.').waitFor();
      const record = await page.locator('.govuk-summary-list').first().innerText();
      expect(record).toContain('Leeds Safeguarding Children Partnership');
      expect(record).toContain('Bradford Safeguarding Children Partnership');
      expect(record).toMatch(/INC-\d{4}-\d{5}, Leeds/);
      await expectAccessible(page);
      await shot(page, 'national-review');

      await page.getByRole('link', { name: 'Statistics' }).click();
      await page.getByRole('heading', { name: /national statistics/ }).waitFor();
      expect(await page.getByRole('table', { name: /Notifications by nature/ }).innerText()).toContain('Serious harm');
      await expectAccessible(page);
      await shot(page, 'national-statistics');

      // No page-level rule: the gateway refuses another partnership's record, and the page says so.
      await signInAs(page, stack.app.url, PEOPLE.leeds, '/partnership');
      await page.getByRole('heading', { name: 'Incidents and deadlines' }).waitFor();
      const refused = await page.goto(`${stack.app.url}/partnership/incidents/${otherIncident}`);
      expect([403, 404]).toContain(refused?.status());
      await page.getByRole('heading', { name: /Page not found|You do not have access/ }).waitFor();
      expect(await page.getByRole('link', { name: 'Rapid review queue' }).count()).toBe(0);
      await expectAccessible(page);
      await page.close();
    });
  },
);

// Said out loud when Chromium is missing, rather than passing silently.
if (!hasChromium()) describe('journeys with the real gateway', () => it.skip(NO_CHROMIUM, () => undefined));
