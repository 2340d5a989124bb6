/**
 * A referral's whole path in Chromium against the real gateway and projector on a fresh database: a police user
 * refers a case (meeting the error summary on the way), the partnership's sub-group decides to notify, the
 * notification exists with the referral's facts, and the referrer sees the outcome. axe checks every new page.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, codesShown, hasChromium, screenshot, signInAs, PEOPLE } from './browser-fixture';
import { todayInEngland } from './app/dates';
import { chooseLocalAuthority, fillDate, useWebStack } from './web-stack';
import { SUBMIT_REFERRAL } from './operations';

/** axe passes, and the page names things: no internal id or ONS code where a person reads. */
const expectAccessible = async (page: Page) => {
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(await codesShown(page), page.url()).toEqual([]);
};

describe.skipIf(!hasChromium())('referrals with the real gateway', { timeout: 300_000 }, () => {
  const stack = useWebStack();

  it('a police user refers a case, the sub-group notifies the Panel and the referrer sees the outcome', async () => {
    const agency = await stack.browser.newPage();
    await signInAs(agency, stack.app.url, PEOPLE.leedsAgency, '/agency/referrals');
    await agency.getByRole('heading', { name: 'My referrals' }).waitFor();
    expect(await agency.getByText('You have not referred any cases yet.').isVisible()).toBe(true);
    await expectAccessible(agency);

    await agency.getByRole('button', { name: 'Refer a case' }).click();
    await agency.getByRole('heading', { name: 'Refer a case to the review sub-group' }).waitFor();
    await expectAccessible(agency);
    // Sending an empty form: the error summary takes focus and each message links to its question.
    await agency.getByRole('button', { name: 'Send referral' }).click();
    const summary = agency.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Select your agency');
    expect(await summary.innerText()).toContain(
      'Select whether you have discussed the case with your designated safeguarding lead',
    );
    await expectAccessible(agency);
    await summary.getByRole('link', { name: 'Select your agency' }).click();
    expect(await agency.evaluate(() => document.activeElement?.id)).toBe('agency');

    await agency
      .getByRole('group', { name: 'Which agency are you referring from?' })
      .getByLabel('Police', { exact: true })
      .check();
    await agency.getByLabel('Serious harm', { exact: true }).check();
    await chooseLocalAuthority(agency, 'Local authority where the incident happened', 'Leeds');
    await fillDate(agency, 'becameAwareOn');
    await fillDate(agency, 'incidentOn');
    await agency.getByLabel('Where did the incident happen?').fill('A park');
    await agency.getByLabel('Full name', { exact: true }).first().fill('Test Child Referred');
    await agency.getByLabel('Age in years (if the date of birth is not known)').fill('9');
    for (const [name, answer] of [
      ['children-0-sex', 'MALE'],
      ['children-0-ethnicity', 'WHITE'],
      ['children-0-disability', 'NO'],
      ['children-0-placement', 'AT_HOME'],
      ['children-0-lookedAfter', 'false'],
      ['children-0-childInNeedPlan', 'false'],
      ['children-0-childProtectionPlan', 'false'],
      ['children-0-knownToAgencies', 'YES'],
    ] as const) {
      await agency.locator(`input[name="${name}"][value="${answer}"]`).check();
    }
    await agency
      .getByLabel('What happened', { exact: true })
      .fill('Officers found the child injured after a call from a neighbour.');
    await agency
      .getByLabel('Why is your agency referring the case?')
      .fill('The injuries were not explained and there were earlier calls.');
    await agency.getByLabel('Yes, we think the criteria are met').check();
    await agency
      .getByRole('group', { name: /designated safeguarding lead/ })
      .getByLabel('Yes')
      .check();
    await agency.locator('#notifierName').fill('Pat Officer');
    await agency.getByLabel('Job title').fill('Detective sergeant');
    await agency.getByLabel('Email address').fill('pat.officer@example.police.uk');
    expect(await summary.count()).toBe(1);
    await screenshot(agency, 'agency-referral');
    await agency.getByRole('button', { name: 'Send referral' }).click();

    await agency.getByText('Referral sent to the review sub-group').waitFor();
    const row = agency.locator('tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('Waiting for the review sub-group to decide');
    await expectAccessible(agency);

    // The sub-group, in another tab (sessions are per tab).
    const partnership = await stack.browser.newPage();
    await signInAs(partnership, stack.app.url, PEOPLE.leeds, '/partnership');
    await partnership.getByRole('heading', { name: 'Incidents and deadlines' }).waitFor();
    await partnership.getByRole('link', { name: 'Referrals', exact: true }).click();
    await partnership.getByRole('heading', { name: 'Referrals from partner agencies' }).waitFor();
    expect(await partnership.getByText('1 referral is waiting for a decision.').isVisible()).toBe(true);
    expect(await partnership.locator('#list-count').innerText()).toBe('Showing 1 to 1 of 1 referrals');
    await expectAccessible(partnership);
    // The sub-group's work list, and the same list as CSV (the filter kept, no sealed free text).
    await partnership.getByRole('link', { name: 'Show only the referrals waiting for a decision' }).click();
    await partnership.getByRole('table', { name: 'Referrals waiting for a decision, newest first' }).waitFor();
    const csvHref = await partnership
      .getByRole('link', { name: 'Download these referrals (CSV)' })
      .getAttribute('href');
    expect(csvHref).toBe('/partnership/referrals?status=SUBMITTED&format=csv');
    const csv = await partnership.request.get(new URL(csvHref!, partnership.url()).toString());
    expect(csv.headers()['content-type']).toContain('text/csv');
    const csvText = await csv.text();
    expect(csvText.trim().split('\r\n')).toEqual([
      'Sent,Agency,Nature,Status,Outcome',
      expect.stringMatching(
        /^\d{4}-\d{2}-\d{2},Police,Serious harm,Waiting for a decision,Waiting for the review sub-group to decide$/,
      ),
    ]);
    expect(csvText).not.toContain('neighbour');
    await partnership.getByRole('link', { name: /^Serious harm/ }).click();
    await partnership.getByRole('heading', { name: 'Decide a referral' }).waitFor();
    expect(await partnership.locator('.govuk-summary-list').innerText()).toContain('Police');
    // The free text about the child stays sealed: the page shows only the minimised referral.
    expect(await partnership.locator('main').innerText()).not.toContain('neighbour');
    await expectAccessible(partnership);
    await partnership.getByRole('button', { name: 'Record the decision' }).click();
    await partnership
      .locator('.govuk-error-summary')
      .getByText('Select what the review sub-group has decided')
      .waitFor();
    await partnership.getByLabel('Notify the Panel of a serious incident').check();
    await partnership.getByRole('button', { name: 'Record the decision' }).click();
    await partnership
      .locator('.govuk-error-summary')
      .getByText('Enter the full name of the person notifying')
      .waitFor();
    await expectAccessible(partnership);
    await partnership.getByLabel('Full name').fill('Sam Notifier');
    await partnership.getByLabel('Job title').fill('Head of safeguarding');
    await partnership.getByLabel('Email address').fill('sam.notifier@example.gov.uk');
    await screenshot(partnership, 'decide-referral');
    await partnership.getByRole('button', { name: 'Record the decision' }).click();

    await partnership.getByText('Decision recorded').waitFor();
    expect(await partnership.locator('#referral-outcome').innerText()).toContain(
      'The partnership notified the Panel of a serious incident',
    );
    await expectAccessible(partnership);
    await partnership.getByRole('link', { name: 'Open the notification' }).click();
    await partnership.getByText('Serious harm').first().waitFor();
    expect(partnership.url()).toMatch(/\/partnership\/incidents\/[0-9a-f-]{36}$/);

    await agency.reload();
    await agency.getByRole('heading', { name: 'My referrals' }).waitFor();
    await agency.getByText(/The partnership notified the Panel of a serious incident on/).waitFor();
    await expectAccessible(agency);

    // A decided referral cannot be withdrawn.
    expect(await agency.getByRole('link', { name: /^Withdraw/ }).count()).toBe(0);
  });

  it('a referrer withdraws a referral before the sub-group decides', async () => {
    const token = await stack.backEnd.tokenFor({ role: 'agency', partnership: 'leeds' });
    const today = todayInEngland();
    const sent = await stack.backEnd.graphqlAs<{ submitReferral: { __typename: string; message?: string } }>(
      token,
      SUBMIT_REFERRAL,
      {
        input: {
          agency: 'EDUCATION',
          nature: 'SERIOUS_HARM',
          localAuthorityCode: 'E08000035',
          becameAwareOn: today,
          incidentOn: today,
          location: 'School',
          whatHappened: 'A pupil disclosed harm at home.',
          agencyReasons: 'Concern about the home.',
          criteriaView: 'UNSURE',
          dslConsulted: true,
          referrer: { name: 'Jo Teacher', role: 'Designated safeguarding lead', email: 'jo@example.sch.uk' },
          children: [
            {
              childRef: 'child-1',
              name: 'Pupil One',
              ageInYears: 11,
              sex: 'FEMALE',
              ethnicity: 'MIXED',
              disability: 'NO',
              placement: 'AT_HOME',
              lookedAfter: false,
              childInNeedPlan: false,
              childProtectionPlan: false,
              knownToAgencies: 'NOT_KNOWN',
            },
          ],
        },
      },
    );
    expect(sent.submitReferral.__typename).toBe('ReferralPayload');
    const page = await stack.browser.newPage();
    await signInAs(page, stack.app.url, PEOPLE.leedsAgency, '/agency/referrals');
    await page.getByRole('heading', { name: 'My referrals' }).waitFor();
    await page.getByRole('link', { name: /^Withdraw/ }).click();
    await page.getByRole('heading', { name: 'Withdraw a referral' }).waitFor();
    await page.getByRole('button', { name: 'Withdraw referral' }).click();
    await page.locator('.govuk-error-summary').getByText('Enter why you are withdrawing the referral').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Why are you withdrawing the referral?').fill('Sent to the wrong partnership.');
    await page.getByRole('button', { name: 'Withdraw referral' }).click();
    await page.getByRole('heading', { name: 'My referrals' }).waitFor();
    await page.locator('tbody tr', { hasText: /Withdrawn on/ }).waitFor();
    await expectAccessible(page);
  });
});
