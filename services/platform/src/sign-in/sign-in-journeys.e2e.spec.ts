/**
 * Signing in as `npm start` does, in Chromium: through the embedded provider's account page for a person of every
 * role, with JavaScript on and off; no token reachable by page scripts; the timeout warning; axe on each page.
 */
import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignedInPlatform, type SignedInPlatform } from './signed-in-platform';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let stack: SignedInPlatform;
let browser: Browser;

beforeAll(async () => {
  stack = await startSignedInPlatform();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const axe = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
};

/** Goes to `path`, is sent to the provider's account page, picks the account and comes back. */
const signIn = async (page: Page, name: string, path = '/sign-in') => {
  await page.goto(`${stack.baseUrl}${path}`);
  await expect.poll(() => page.url()).toMatch(/\/sign-in\/dev\//);
  await page.getByRole('radio', { name: new RegExp(name) }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in') && !url.pathname.startsWith('/oidc'));
};

const PEOPLE = [
  ['partnership (Leeds)', 'Priya Shah', 'Leeds'],
  ['partnership (Bradford)', 'Tom Price', 'Bradford'],
  ['partnership (Kent)', 'Amara Okafor', 'Kent'],
  ['partnership (Norfolk)', 'Gareth Lloyd', 'Norfolk'],
  ['agency (Leeds)', 'Sam Fielding', 'Leeds'],
  ['panel', 'Helen Marsh', undefined],
  ['ofsted', 'Daniel Reed', undefined],
  ['dfe', 'Grace Kim', undefined],
  ['admin', 'Olu Adebayo', undefined],
  ['second admin', 'Ruth Evans', undefined],
] as const;

describe.skipIf(!existsSync(CHROMIUM))('sign-in through the embedded provider (npm start)', () => {
  for (const javaScriptEnabled of [true, false]) {
    describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
      it.each(PEOPLE)('%s signs in as %s and reaches their first page', async (_role, name, partnership) => {
        const context = await browser.newContext({ javaScriptEnabled });
        const page = await context.newPage();
        await signIn(page, name);
        const banner = page.locator('.govuk-phase-banner');
        await expect.poll(() => banner.innerText()).toContain(`Signed in as ${name}`);
        if (partnership) expect(await banner.innerText()).toContain(partnership);
        // The first page was read from the gateway with the embedded provider's token: a refused token would
        // have sent the browser back to sign in.
        expect(new URL(page.url()).pathname).not.toMatch(/^\/(sign-in|no-access|signed-out)/);
        await context.close();
      });
    });
  }

  it('the account page, the "no access yet" page and the signed-out page pass axe (WCAG 2.2 A and AA)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/sign-in`);
    await expect.poll(() => page.url()).toMatch(/\/sign-in\/dev\//);
    await axe(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.govuk-error-summary')).toBeDefined();
    expect(await page.title()).toMatch(/^Error: /);
    await axe(page);
    await page.getByRole('radio', { name: /Chris Nolan/ }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${stack.baseUrl}/no-access`);
    expect(await page.locator('h1').innerText()).toBe('You do not have access yet');
    expect(await page.locator('main').innerText()).toContain('administrator');
    await axe(page);
    await page.goto(`${stack.baseUrl}/sign-out`);
    await page.waitForURL(`${stack.baseUrl}/signed-out`);
    expect(await page.locator('h1').innerText()).toBe('You have signed out');
    await axe(page);
    await context.close();
  });

  it('signing out with JavaScript off ends the session here and at the provider', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, 'Helen Marsh');
    await page.goto(`${stack.baseUrl}/sign-out`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${stack.baseUrl}/signed-out`);
    // Signing in again asks for an account: the provider's session ended too.
    await page.goto(`${stack.baseUrl}/sign-in`);
    await expect.poll(() => page.url()).toMatch(/\/sign-in\/dev\//);
    await context.close();
  });

  it('page scripts cannot read any token: not in document.cookie, storage or the page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'Priya Shah');
    const seen = await page.evaluate(() => ({
      cookie: document.cookie,
      storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      html: document.documentElement.outerHTML,
    }));
    const jwt = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;
    expect(seen.cookie).not.toContain('cspr_session');
    expect(seen.cookie).not.toMatch(jwt);
    expect(seen.storage).not.toMatch(jwt);
    expect(seen.html).not.toMatch(jwt);
    const session = (await context.cookies()).find((c) => c.name === 'cspr_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(session.value).not.toMatch(jwt);
    await context.close();
  });

  it('with JavaScript on, warns before the inactivity timeout and "Stay signed in" keeps the session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await signIn(page, 'Grace Kim');
    const dialog = page.getByRole('dialog', { name: 'You’re about to be signed out' });
    expect(await dialog.isVisible()).toBe(false);
    await page.clock.fastForward('28:01');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.innerText()).toContain('we will sign you out in 2 minutes');
    const extended = page.waitForResponse((r) => r.url().endsWith('/session/extend'));
    await dialog.getByRole('button', { name: 'Stay signed in' }).click();
    expect((await extended).status()).toBe(200);
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await context.close();
  });
});
