/**
 * A notification's life beyond the first send, in Chromium against the real gateway and projector, with
 * JavaScript on and off: a partnership notifies two children and checks its answers (changing one) before the
 * confirmation gives the reference; corrects a notification, whose history then shows the old and the new answer,
 * and corrects and adds a child, a rewritten free-text answer showing what is recorded now;
 * withdraws a duplicate, choosing the incident that stays from its own list; and a partner agency refers two
 * children. axe checks every page on the way.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, hasChromium, NO_CHROMIUM, PEOPLE, screenshot, signInAs } from './browser-fixture';
import { partsFromIso, todayInEngland } from './app/dates';
import { formatDate } from './app/deadline';
import { chooseLocalAuthority, fillDate, useWebStack } from './web-stack';
import { seedNotifiedIncident } from './journey-seeds';

const expectAccessible = async (page: Page) => expect(await accessibilityViolations(page)).toEqual([]);

const fillChild = async (page: Page, i: number, name: string, age: string) => {
  await page.locator(`#children-${i}-name`).fill(name);
  await page.locator(`#children-${i}-ageInYears`).fill(age);
  for (const [field, answer] of [
    ['sex', 'FEMALE'],
    ['ethnicity', 'WHITE'],
    ['disability', 'NO'],
    ['placement', 'AT_HOME'],
    ['lookedAfter', 'false'],
    ['childInNeedPlan', 'false'],
    ['childProtectionPlan', 'true'],
    ['knownToAgencies', 'YES'],
  ] as const)
    await page.locator(`input[name="children-${i}-${field}"][value="${answer}"]`).check();
};

/** Adds a child with "Add another child", then adds and removes a third: both post the form back. */
const addSecondChild = async (page: Page) => {
  await page.getByRole('button', { name: 'Add another child' }).click();
  await page.getByRole('heading', { name: 'Child 2' }).waitFor();
  await fillChild(page, 1, 'Test Child Two', '3');
  await page.getByRole('button', { name: 'Add another child' }).click();
  await page.getByRole('heading', { name: 'Child 3' }).waitFor();
  await page.getByRole('button', { name: 'Remove child 3' }).click();
  await page.getByRole('heading', { name: 'Child 2' }).waitFor();
  expect(await page.getByRole('heading', { name: 'Child 3' }).count()).toBe(0);
  // What was typed before each post is still there.
  expect(await page.locator('#children-0-name').inputValue()).toBe('Test Child One');
  expect(await page.locator('#children-1-name').inputValue()).toBe('Test Child Two');
};

const yesterday = () => {
  const d = new Date(`${todayInEngland()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

describe.skipIf(!hasChromium()).each([true, false])(
  'notification changes with the real gateway (JavaScript on: %s)',
  { timeout: 300_000 },
  (javaScript) => {
    const stack = useWebStack({ javaScript });
    const shot = (page: Page, name: string) => (javaScript ? screenshot(page, name) : Promise.resolve());

    it('a partnership notifies two children, changes an answer on the check page and gets the reference', async () => {
      const page = await stack.browser.newPage();
      await signInAs(page, stack.app.url, PEOPLE.leeds, '/partnership/notify');
      await page.getByRole('heading', { name: 'Notify the Panel of a serious incident' }).waitFor();
      await page.getByLabel('Serious harm', { exact: true }).check();
      await chooseLocalAuthority(page, 'Local authority where the incident happened', 'Leeds');
      await fillDate(page, 'becameAwareOn');
      await fillDate(page, 'incidentOn');
      await page.getByLabel('Where did the incident happen?').fill('The family home');
      await fillChild(page, 0, 'Test Child One', '7');
      await addSecondChild(page);
      await expectAccessible(page);
      await page.getByLabel('Outline of the case').fill('Two siblings were admitted to hospital.');
      await page.locator('#notifierName').fill('Sam Notifier');
      await page.getByLabel('Job title').fill('Head of safeguarding');
      await page.getByLabel('Email address').fill('sam.notifier@example.gov.uk');
      await page.getByRole('button', { name: 'Continue' }).click();

      await page.getByRole('heading', { name: 'Check your answers before sending the notification' }).waitFor();
      const answers = await page.locator('main').innerText();
      for (const text of ['Test Child One', 'Test Child Two', 'Child 2', 'Two siblings were admitted to hospital.'])
        expect(answers).toContain(text);
      await expectAccessible(page);
      await shot(page, 'notify-check-answers-two-children');

      // "Change" goes back to the form with every answer filled in.
      await page.getByRole('button', { name: 'Change outline of the case' }).click();
      await page.getByRole('heading', { name: 'Notify the Panel of a serious incident' }).waitFor();
      expect(await page.locator('#children-1-name').inputValue()).toBe('Test Child Two');
      expect(await page.getByLabel('Outline of the case').inputValue()).toBe('Two siblings were admitted to hospital.');
      await page.getByLabel('Outline of the case').fill('Two siblings were admitted to hospital with burns.');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Check your answers before sending the notification' }).waitFor();
      expect(await page.locator('main').innerText()).toContain('Two siblings were admitted to hospital with burns.');
      await page.getByRole('button', { name: 'Send notification' }).click();

      await page.getByRole('heading', { name: 'Notification sent' }).waitFor();
      const reference = (await page.locator('#incident-reference').innerText()).trim();
      expect(reference).toMatch(/^INC-\d{4}-\d{5}$/);
      expect(await page.locator('main').innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      await expectAccessible(page);
      await shot(page, 'notification-sent');

      await page.getByRole('link', { name: 'View the incident and its deadlines' }).click();
      await page.getByRole('heading', { name: 'Serious harm' }).waitFor();
      expect(await page.locator('.govuk-caption-l').innerText()).toContain(reference);
      expect(await page.getByRole('heading', { name: 'Child 2: Test Child Two' }).count()).toBe(1);
      await page.close();
    });

    it('a partnership corrects a notification, saying why, and its history shows why and the old and new answer', async () => {
      const token = await stack.backEnd.tokenFor({ role: 'partnership', partnership: 'leeds' });
      const incidentId = await seedNotifiedIncident(stack.backEnd, token, { localAuthorityCode: 'E08000035' });
      const page = await stack.browser.newPage();
      await signInAs(page, stack.app.url, PEOPLE.leeds, `/partnership/incidents/${incidentId}`);
      await page.getByRole('button', { name: 'Correct the notification' }).click();
      await page.getByRole('heading', { name: 'Correct the notification' }).waitFor();
      // The form opens with the answers as they stand; the local authority by name.
      expect(await page.getByLabel('Where did the incident happen?').inputValue()).toBe('A park');
      expect(await page.locator('#localAuthorityCode option:checked').innerText()).toBe('Leeds');
      await expectAccessible(page);

      // No reason chosen: asked for first, with "Error: " in the title.
      await page.getByRole('button', { name: 'Send the correction' }).click();
      await page.locator('.govuk-error-summary').getByText('Select why the notification is changing').waitFor();
      expect(await page.title()).toMatch(/^Error: Correct the notification/);
      await expectAccessible(page);
      await page.getByLabel('New information about the incident is known').check();

      // Nothing changed: said so.
      await page.getByRole('button', { name: 'Send the correction' }).click();
      await page.locator('.govuk-error-summary').getByText('Change at least one answer').waitFor();
      expect(await page.title()).toMatch(/^Error: Correct the notification/);
      await expectAccessible(page);

      const corrected = yesterday();
      await fillDate(page, 'incidentOn', partsFromIso(corrected));
      await page.getByLabel('Where did the incident happen?').fill('A playground near the park');
      await shot(page, 'correct-notification');
      await page.getByRole('button', { name: 'Send the correction' }).click();

      await page.getByText('The notification has been corrected.').waitFor();
      const history = await page.locator('.moj-timeline').innerText();
      expect(history).toContain('Notification amended');
      expect(history).toContain('Why: New information about the incident is known');
      expect(history).toContain(`Incident date: was ${formatDate(todayInEngland())}, now ${formatDate(corrected)}`);
      expect(await page.locator('.govuk-summary-list').first().innerText()).toContain('A playground near the park');
      await expectAccessible(page);
      await shot(page, 'incident-amended');
      await page.close();
    });

    it('a partnership corrects a child and adds one, the free text it rewrites showing what is recorded now', async () => {
      const token = await stack.backEnd.tokenFor({ role: 'partnership', partnership: 'leeds' });
      const incidentId = await seedNotifiedIncident(stack.backEnd, token, { localAuthorityCode: 'E08000035' });
      const page = await stack.browser.newPage();
      await signInAs(page, stack.app.url, PEOPLE.leeds, `/partnership/incidents/${incidentId}/amend`);
      await page.getByRole('heading', { name: 'Correct the notification' }).waitFor();
      // Every answer as it stands: the free text, the notifier and the child, personal details opened.
      expect(await page.getByLabel('Outline of the case').inputValue()).toBe('A second case with similar features.');
      expect(await page.locator('#notifierName').inputValue()).toBe('Alex Notifier');
      expect(await page.locator('#children-0-name').inputValue()).toBe('Second Child');
      expect(await page.locator('#children-0-ageInYears').inputValue()).toBe('4');
      expect(await page.locator('input[name="children-0-sex"][value="MALE"]').isChecked()).toBe(true);
      await expectAccessible(page);

      await page.getByLabel('To correct a child’s details').check();
      await page.locator('#children-0-name').fill('Second Child Corrected');
      await page.getByRole('button', { name: 'Add another child' }).click();
      await page.getByRole('heading', { name: 'Child 2' }).waitFor();
      expect(await page.locator('#children-0-name').inputValue()).toBe('Second Child Corrected');
      await fillChild(page, 1, 'Added Child', '2');
      await page.getByLabel('Outline of the case').fill('');
      await page.getByRole('button', { name: 'Send the correction' }).click();

      // Refused, and the outline being rewritten shows the text recorded now.
      await page.locator('.govuk-error-summary').getByText('Enter a short outline of the case').waitFor();
      expect(await page.locator('#caseOutline-hint').innerText()).toBe(
        'Recorded now: A second case with similar features.',
      );
      expect(await page.locator('#children-1-name').inputValue()).toBe('Added Child');
      await expectAccessible(page);
      await shot(page, 'correct-notification-children');
      await page.getByLabel('Outline of the case').fill('A second case, now better understood.');
      await page.getByRole('button', { name: 'Send the correction' }).click();

      await page.getByText('The notification has been corrected.').waitFor();
      await page.getByRole('heading', { name: 'Child 1: Second Child Corrected' }).waitFor();
      await page.getByRole('heading', { name: 'Child 2: Added Child' }).waitFor();
      expect(await page.locator('main').innerText()).toContain('A second case, now better understood.');
      expect(await page.locator('.moj-timeline').innerText()).toContain('Why: To correct a child’s details');
      await expectAccessible(page);
      await page.close();
    });

    it('a partnership withdraws a duplicate, choosing the incident that stays from its own list', async () => {
      const token = await stack.backEnd.tokenFor({ role: 'partnership', partnership: 'leeds' });
      const survivor = await seedNotifiedIncident(stack.backEnd, token, { localAuthorityCode: 'E08000035' });
      const duplicate = await seedNotifiedIncident(stack.backEnd, token, { localAuthorityCode: 'E08000035' });
      const page = await stack.browser.newPage();
      await signInAs(page, stack.app.url, PEOPLE.leeds, `/partnership/incidents/${survivor}`);
      await page.getByRole('heading', { name: 'Serious harm' }).waitFor();
      // The caption reads "Incident INC-2026-00002 · Leeds": the reference, then the local authority.
      const survivorReference = /INC-\d{4}-\d{5}/.exec(await page.locator('.govuk-caption-l').innerText())?.[0];
      expect(survivorReference).toMatch(/^INC-\d{4}-\d{5}$/);

      await page.goto(`${stack.app.url}/partnership/incidents/${duplicate}`);
      await page.getByRole('button', { name: 'Withdraw the notification' }).click();
      await page.getByRole('heading', { name: 'Withdraw the notification' }).waitFor();
      await expectAccessible(page);
      await page.getByLabel('It duplicates another notification').check();
      await page.getByRole('button', { name: 'Withdraw the notification' }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      expect(await summary.innerText()).toContain('Select the incident that stays');
      expect(await summary.innerText()).toContain('Explain why the notification is being withdrawn');
      expect(await page.title()).toMatch(/^Error: Withdraw the notification/);
      await expectAccessible(page);

      // The partnership's own incidents, told apart by reference, local authority, date and nature.
      const choice = `${survivorReference}, Leeds, ${formatDate(todayInEngland())}, Serious harm`;
      await page.getByLabel('Which incident stays?').selectOption({ label: choice });
      await page.getByLabel('Explain the withdrawal').fill('The same incident was notified twice by two officers.');
      await shot(page, 'withdraw-notification');
      await page.getByRole('button', { name: 'Withdraw the notification' }).click();

      await page.getByText('The notification has been withdrawn.').waitFor();
      const withdrawal = await page.locator('.govuk-summary-list').first().innerText();
      expect(withdrawal).toContain('It duplicates another notification');
      expect(withdrawal).toContain(survivorReference);
      expect(withdrawal).toContain('The same incident was notified twice by two officers.');
      expect(await page.getByRole('button', { name: 'Withdraw the notification' }).count()).toBe(0);
      expect(await page.locator('.moj-timeline').innerText()).toContain('Notification withdrawn');
      await expectAccessible(page);
      await page.close();
    });

    it('a partner agency refers two children', async () => {
      const page = await stack.browser.newPage();
      await signInAs(page, stack.app.url, PEOPLE.leedsAgency, '/agency/refer');
      await page.getByRole('heading', { name: 'Refer a case to the review sub-group' }).waitFor();
      await page
        .getByRole('group', { name: 'Which agency are you referring from?' })
        .getByLabel('Police', { exact: true })
        .check();
      await page.getByLabel('Serious harm', { exact: true }).check();
      await chooseLocalAuthority(page, 'Local authority where the incident happened', 'Leeds');
      await fillDate(page, 'becameAwareOn');
      await fillDate(page, 'incidentOn');
      await page.getByLabel('Where did the incident happen?').fill('A park');
      await fillChild(page, 0, 'Test Child One', '9');
      await addSecondChild(page);
      await expectAccessible(page);
      await page.getByLabel('What happened', { exact: true }).fill('Officers found two children injured.');
      await page.getByLabel('Why is your agency referring the case?').fill('The injuries were not explained.');
      await page.getByLabel('Yes, we think the criteria are met').check();
      await page
        .getByRole('group', { name: /designated safeguarding lead/ })
        .getByLabel('Yes')
        .check();
      await page.locator('#notifierName').fill('Pat Officer');
      await page.getByLabel('Job title').fill('Detective sergeant');
      await page.getByLabel('Email address').fill('pat.officer@example.police.uk');
      await shot(page, 'agency-referral-two-children');
      await page.getByRole('button', { name: 'Send referral' }).click();
      await page.getByText('Referral sent to the review sub-group').waitFor();
      expect(await page.locator('tbody tr').count()).toBe(1);
      await expectAccessible(page);
      await page.close();
    });
  },
);

// Said out loud when Chromium is missing, rather than passing silently.
if (!hasChromium()) describe('notification changes with the real gateway', () => it.skip(NO_CHROMIUM, () => undefined));
