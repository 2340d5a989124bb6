/**
 * The administration and email pages in Debian's Chromium against the whole platform (gateway, projector, notifier,
 * web pages, embedded identity provider), with JavaScript on and with it off: an admin grants and revokes access,
 * registers and changes a partnership, names its email contacts and sees an address the mail channel refused with
 * the reason, and requests an erasure by reference; a partnership user sets an email preference and finds it kept;
 * anyone reads the development mailbox, which a production web app does not have. axe (WCAG 2.2 A and AA) on every
 * page visited with JavaScript on. No page shows an ONS code or a partnership's internal id.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { migrateNotifier } from '@cspr/notifier';
import { createTestDatabase } from '@cspr/testing';
import { createWebApp } from '@cspr/web';
import { devMailboxOf } from '../dev-mailbox';
import { startPlatformUnderTest, type PlatformUnderTest } from './platform-under-test';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../../../docs/screenshots');
const ONS_CODE = /\bE(0[6-9]|10)\d{6}\b/;

const axeViolations = async (page: Page) =>
  (
    await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  ).violations.map(
    (v) =>
      `${v.id}: ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );

const screenshot = async (page: Page, name: string) => {
  if (process.env.CSPR_SCREENSHOTS !== '1') return;
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
};

/** What a person reads on the page: no ONS codes, no internal ids, and nothing wider than the window. */
const readable = async (page: Page) => {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(ONS_CODE);
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  return text;
};

const NOTIFY = `mutation($input: NotifyIncidentInput!) { notifyIncident(input: $input) { __typename ... on IncidentPayload { position } } }`;
const notifyInput = (today: string) => ({
  localAuthorityCode: 'E08000035',
  nature: 'SERIOUS_HARM',
  becameAwareOn: today,
  incidentOn: today,
  location: 'A park',
  caseOutline: 'An invented case for the email pages test.',
  notifier: { name: 'Alex Notifier', role: 'Safeguarding lead', email: 'alex@example.gov.uk' },
  children: [
    {
      childRef: 'child-1',
      name: 'Invented Child',
      ageInYears: 4,
      sex: 'MALE',
      ethnicity: 'ASIAN',
      disability: 'NOT_KNOWN',
      placement: 'AT_HOME',
      lookedAfter: false,
      childInNeedPlan: true,
      childProtectionPlan: false,
      knownToAgencies: 'YES',
    },
  ],
});

describe.skipIf(!existsSync(CHROMIUM))('administration and email pages in Chromium', { timeout: 300_000 }, () => {
  let stack: PlatformUnderTest;
  let references: string[] = [];
  beforeAll(async () => {
    stack = await startPlatformUnderTest();
    // The demo story and the development accounts' grants reach the read models through the projector: on a busy
    // machine that takes a while after start, so wait for them (the Panel's token works through its grant too).
    for (let waited = 0; waited < 120_000 && references.length < 2; waited += 1000) {
      const listed = await stack.gql(
        { role: 'panel' },
        'query { incidents(first: 2) { edges { node { reference } } } }',
      );
      references = (listed.data?.incidents?.edges ?? []).map((e: { node: { reference: string } }) => e.node.reference);
      if (references.length < 2) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(references).toHaveLength(2);
  }, 180_000);
  afterAll(async () => {
    await stack?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
    const suffix = javaScriptEnabled ? 'on' : 'off';
    it(`admin grants and revokes access, registers and changes a partnership, names contacts, requests erasure; a partnership user keeps an email preference; the development mailbox (${mode})`, async () => {
      const profile = await mkdtemp(join(tmpdir(), 'cspr-chromium-'));
      const context: BrowserContext = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        javaScriptEnabled,
        viewport: { width: 1280, height: 900 },
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
      });
      const violations = async (page: Page) => (javaScriptEnabled ? axeViolations(page) : []);
      const signIn = async (account: string, path: string) => {
        const page = await context.newPage();
        await page.goto(`${stack.base}${path}`);
        await page.locator(`input[name="account"][value="${account}"]`).check();
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${stack.base}${path}`);
        return page;
      };
      try {
        // A partnership user chooses the weekly digest (or turns it off again) and finds the choice kept.
        const priya = await signIn('dev-partnership-leeds', '/partnership/email-preferences');
        await priya.getByRole('heading', { name: 'Your email preferences' }).waitFor();
        expect(await violations(priya)).toEqual([]);
        if (await priya.getByRole('button', { name: 'Send me emails' }).isVisible()) {
          await priya.getByRole('button', { name: 'Send me emails' }).click();
          await priya.getByText('You are on the partnership’s email list.').waitFor();
        }
        expect(await priya.locator('#statutory').innerText()).toMatch(/cannot be switched off/i);
        const digest = priya.getByLabel('Weekly digest');
        await digest.setChecked(javaScriptEnabled);
        await priya.getByRole('button', { name: 'Save preferences' }).click();
        await priya.getByText('Your email preferences are saved.').waitFor();
        await priya.goto(`${stack.base}/partnership/email-preferences`);
        expect(await priya.getByLabel('Weekly digest').isChecked()).toBe(javaScriptEnabled);
        expect(await priya.getByLabel('Deadline reminders').isChecked()).toBe(true);
        expect(await violations(priya)).toEqual([]);
        await readable(priya);
        if (javaScriptEnabled) await screenshot(priya, 'partnership-email-preferences');
        await priya.goto(`${stack.base}/sign-out`);
        await context.clearCookies();

        // Access: a mistake first (the GOV.UK error pattern), then a grant by partnership name, then its revocation.
        const admin = await signIn('dev-admin', '/admin/access');
        await admin.getByRole('heading', { name: 'Who has access' }).waitFor();
        expect(await violations(admin)).toEqual([]);
        await admin.getByLabel('Safeguarding partnership').check();
        await admin.getByRole('button', { name: 'Grant access' }).click();
        expect(await admin.title()).toMatch(/^Error: /);
        const summary = await admin.locator('.govuk-error-summary').innerText();
        expect(summary).toContain("Enter the person's sign-in ID");
        expect(summary).toContain('Select the partnership');
        expect(await violations(admin)).toEqual([]);
        const email = `new.user.${suffix}@leeds.example.gov.uk`;
        await admin.getByLabel('Email address').fill(email);
        await admin.getByLabel('Sign-in ID').fill(`new-user-${suffix}`);
        await admin.getByLabel('Safeguarding partnership').check();
        await admin
          .getByLabel('Partnership', { exact: true })
          .selectOption({ label: 'Leeds Safeguarding Children Partnership' });
        await admin.getByRole('button', { name: 'Grant access' }).click();
        await admin.getByText('Access granted.').waitFor();
        const row = admin.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) });
        expect(await row.innerText()).toContain('Leeds Safeguarding Children Partnership');
        expect(await admin.locator('#list-count').innerText()).toMatch(/^Showing 1 to \d+ of \d+ grants$/);
        expect(await violations(admin)).toEqual([]);
        await readable(admin);
        if (javaScriptEnabled) await screenshot(admin, 'admin-access');
        // One partnership's access: the new user is there, the Panel's member is not.
        expect(await admin.getByRole('row', { name: /helen\.marsh@panel\.example\.gov\.uk/ }).count()).toBe(1);
        await admin.getByLabel('Show access for').selectOption({ label: 'Leeds Safeguarding Children Partnership' });
        await admin.getByRole('button', { name: 'Show', exact: true }).click();
        await admin.waitForURL(/partnership=leeds/);
        expect(await admin.getByRole('row', { name: /helen\.marsh@panel\.example\.gov\.uk/ }).count()).toBe(0);
        expect(await row.count()).toBe(1);
        expect(await violations(admin)).toEqual([]);
        await admin.getByRole('button', { name: `Revoke Safeguarding partnership access for ${email}` }).click();
        await admin.getByText('Access revoked.').waitFor();
        expect(await admin.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) }).count()).toBe(0);

        // Partnerships: register one with its local authority and shared mailbox chosen by name, then change it.
        const name = `Testshire ${suffix} Safeguarding Children Partnership`;
        await admin.goto(`${stack.base}/admin/partnerships`);
        await admin.getByRole('heading', { name: 'Partnerships' }).waitFor();
        expect(await violations(admin)).toEqual([]);
        await admin.getByRole('button', { name: 'Register a partnership' }).click();
        await admin.getByRole('heading', { name: 'Register a partnership' }).waitFor();
        await admin.getByRole('button', { name: 'Register partnership' }).click();
        expect(await admin.title()).toMatch(/^Error: /);
        expect(await violations(admin)).toEqual([]);
        await admin.getByLabel('Name', { exact: true }).fill(name);
        await admin.getByLabel('Local authority 1').selectOption({ label: 'Rutland' });
        await admin.getByLabel('Shared mailbox').fill(`team-${suffix}@testshire.example.gov.uk`);
        await admin.getByRole('button', { name: 'Register partnership' }).click();
        await admin.getByText('Partnership registered.').waitFor();
        await admin.goto(`${stack.base}/admin/partnerships?page=${1}`);
        let listed = await readable(admin);
        for (let page = 2; !listed.includes(name) && page < 10; page += 1) {
          await admin.goto(`${stack.base}/admin/partnerships?page=${page}`);
          listed = await readable(admin);
        }
        expect(await admin.getByRole('row', { name: new RegExp(name) }).innerText()).toContain('Rutland');
        await admin.getByRole('link', { name: `Change ${name}` }).click();
        await admin.getByRole('heading', { name: `Change ${name}` }).waitFor();
        expect(await admin.getByLabel('Shared mailbox').inputValue()).toBe(`team-${suffix}@testshire.example.gov.uk`);
        expect(await violations(admin)).toEqual([]);
        await admin.getByLabel('Local authority 2').selectOption({ label: 'Leicestershire' });
        await admin.getByLabel('Shared mailbox').fill(`lscp-${suffix}@testshire.example.gov.uk`);
        await admin.getByRole('button', { name: 'Save changes' }).click();
        await admin.getByText('Partnership changed.').waitFor();
        await admin.goto(`${stack.base}/admin/partnerships`);
        for (let page = 2; !(await readable(admin)).includes(name) && page < 10; page += 1)
          await admin.goto(`${stack.base}/admin/partnerships?page=${page}`);
        expect(await admin.getByRole('row', { name: new RegExp(name) }).innerText()).toContain(
          'Leicestershire, Rutland',
        );
        if (javaScriptEnabled) await screenshot(admin, 'admin-partnerships');
        await admin.getByRole('link', { name: `Email contacts of ${name}` }).click();
        await admin.getByRole('heading', { name: 'Email contacts' }).waitFor();
        expect(await admin.getByRole('row', { name: /Shared mailbox/ }).innerText()).toContain(
          `lscp-${suffix}@testshire.example.gov.uk`,
        );

        // The shared mailbox's emails: the weekly digest added; statutory reminders are not the admin's to remove.
        const team = `lscp-${suffix}@testshire.example.gov.uk`;
        await admin.getByRole('link', { name: `Change emails for ${team}` }).click();
        await admin.getByRole('heading', { name: 'Emails for the shared mailbox' }).waitFor();
        expect(await admin.locator('#statutory').innerText()).toMatch(/cannot be switched off/);
        expect(await admin.getByLabel('Deadline reminders').count()).toBe(0);
        expect(await violations(admin)).toEqual([]);
        await admin.getByLabel('Weekly digest').check();
        await admin.getByRole('button', { name: 'Save emails' }).click();
        await admin.getByText('Emails changed.').waitFor();
        expect(await admin.getByRole('row', { name: /Shared mailbox/ }).innerText()).toMatch(
          /Deadline reminders[\s\S]*Weekly digest/,
        );

        // Contacts: a named person at an address the mail channel refuses; an email to the partnership shows why.
        const refused = `old.address.${suffix}@leeds.invalid`;
        await admin.goto(`${stack.base}/admin/partnerships/leeds/contacts`);
        await admin.getByRole('heading', { name: 'Email contacts' }).waitFor();
        expect(await violations(admin)).toEqual([]);
        await admin.getByLabel('A named person').check();
        await admin.getByLabel('Name', { exact: true }).fill(`Old Address ${suffix}`);
        await admin.getByLabel('Email address').fill(refused);
        await admin.getByRole('button', { name: 'Add contact' }).click();
        await admin.getByText('Contact added.').waitFor();
        const notified = await stack.gql({ role: 'partnership', partnership: 'leeds' }, NOTIFY, {
          input: notifyInput(new Date().toISOString().slice(0, 10)),
        });
        expect(notified.data.notifyIncident.__typename).toBe('IncidentPayload');
        const refusedRow = admin.getByRole('row', { name: new RegExp(refused.replace(/\./g, '\\.')) });
        for (let waited = 0; waited < 60_000 && !(await refusedRow.innerText()).includes('Refused'); waited += 1000) {
          await admin.waitForTimeout(1000);
          await admin.reload();
        }
        expect(await refusedRow.innerText()).toMatch(/Refused[\s\S]*does not exist/);
        expect(await violations(admin)).toEqual([]);
        await readable(admin);
        if (javaScriptEnabled) await screenshot(admin, 'admin-partnership-contacts');
        await admin.getByRole('button', { name: `Remove ${refused}` }).click();
        await admin.getByText('Contact removed.').waitFor();
        expect(await refusedRow.count()).toBe(0);

        // Erasure: requested by reference with its legal basis; the list shows it waiting for another admin.
        const reference = references[javaScriptEnabled ? 0 : 1]!;
        await admin.goto(`${stack.base}/admin/erasure-requests`);
        await admin.getByRole('button', { name: 'Request an erasure' }).click();
        await admin.getByRole('heading', { name: 'Request erasure of personal data' }).waitFor();
        expect(await violations(admin)).toEqual([]);
        await admin.getByLabel('Incident reference').fill('INC-2099-99999');
        await admin.getByLabel('Court order').check();
        await admin.getByRole('button', { name: 'Request erasure' }).click();
        expect(await admin.title()).toMatch(/^Error: /);
        expect(await admin.locator('.govuk-error-summary').innerText()).toContain(
          'No incident has the reference INC-2099-99999',
        );
        expect(await violations(admin)).toEqual([]);
        await admin.getByLabel('Incident reference').fill(reference);
        await admin.getByLabel('Court order').check();
        await admin.getByRole('button', { name: 'Request erasure' }).click();
        await admin.getByText('Erasure requested. Another administrator must approve it.').waitFor();
        const requested = admin.getByRole('row', { name: new RegExp(reference) });
        expect(await requested.innerText()).toContain('Court order');
        expect(await requested.innerText()).toContain('Another administrator must approve your request');
        await readable(admin);
        await admin.goto(`${stack.base}/sign-out`);
        await context.clearCookies();

        // The development mailbox: the confirmation Priya receives, opened to read it. No sign-in needed.
        const mailbox = await context.newPage();
        await mailbox.goto(`${stack.base}/dev/mailbox`);
        await mailbox.getByRole('heading', { name: 'Development mailbox' }).waitFor();
        const priyaRow = mailbox.getByRole('row', { name: /priya\.shah@leeds\.example\.gov\.uk/ }).first();
        for (let waited = 0; waited < 30_000 && (await priyaRow.count()) === 0; waited += 1000) {
          await mailbox.waitForTimeout(1000);
          await mailbox.reload();
        }
        expect(await mailbox.locator('#list-count').innerText()).toMatch(/^Showing 1 to \d+ of \d+ emails$/);
        expect(await violations(mailbox)).toEqual([]);
        if (javaScriptEnabled) await screenshot(mailbox, 'dev-mailbox');
        const subject = (await priyaRow.getByRole('link').innerText()).trim();
        expect(subject).toMatch(/INC-\d{4}-\d{5}/);
        await priyaRow.getByRole('link').click();
        await mailbox.getByRole('heading', { name: subject }).waitFor();
        const opened = await mailbox.locator('main').innerText();
        expect(opened).not.toMatch(ONS_CODE);
        expect(opened).toContain('priya.shah@leeds.example.gov.uk');
        expect(opened).not.toContain('Invented Child');
        expect(await violations(mailbox)).toEqual([]);
        if (javaScriptEnabled) await screenshot(mailbox, 'dev-mailbox-email');
        // The email's link leads the partnership user, once signed in, to the incident's page.
        const link = /https?:\/\/[^/\s]+(\/incidents\/[^\s]+)/.exec(opened)?.[1];
        expect(link).toBeDefined();
        await mailbox.goto(`${stack.base}${link}`);
        await mailbox.locator('input[name="account"][value="dev-partnership-leeds"]').check();
        await mailbox.getByRole('button', { name: 'Sign in' }).click();
        await mailbox.waitForURL(new RegExp(`/partnership${link}$`));
      } finally {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      }
    });
  }
});

describe('the development mailbox in production', () => {
  it('is served by the development web app and does not exist in the production one', async () => {
    const db = await createTestDatabase();
    try {
      await migrateNotifier(db.sql);
      await db.sql`insert into notifier.dev_mailbox (message_id, recipient, subject, body)
                   values ('<0123abcd@cspr.notifier>', 'lscp@leeds.example', 'Reminder: INC-2027-00001', 'Text')`;
      const statusOf = async (production: boolean, path: string) => {
        const app = createWebApp({
          // These addresses never call the gateway: a call would fail the test.
          gateway: () => {
            throw new Error('the mailbox pages do not call the gateway');
          },
          devMailbox: devMailboxOf(production, db.sql),
        });
        const server = app.listen(0, '127.0.0.1');
        await new Promise((resolve) => server.once('listening', resolve));
        try {
          const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
          return { status: response.status, body: await response.text() };
        } finally {
          server.close();
        }
      };
      const development = await statusOf(false, '/dev/mailbox');
      expect(development.status).toBe(200);
      expect(development.body).toContain('Reminder: INC-2027-00001');
      expect((await statusOf(false, '/dev/mailbox/0123abcd')).body).toContain('lscp@leeds.example');
      expect((await statusOf(true, '/dev/mailbox')).status).toBe(404);
      expect((await statusOf(true, '/dev/mailbox/0123abcd')).status).toBe(404);
    } finally {
      await db.drop();
    }
  }, 60_000);
});
