/**
 * The built pages in Chromium without a gateway: sign-in rules, the notification form's as-you-type checks and
 * the error summary, and axe on each. The full journeys with the real gateway are in journeys.e2e.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, hasChromium, NO_CHROMIUM, serveApp, startBrowser, type Browser, type ServedApp } from './browser-fixture';

const fakeToken = (claims: Record<string, unknown>) =>
  ['{"alg":"ES256"}', JSON.stringify(claims)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.signature';

describe.skipIf(!hasChromium())('built pages in Chromium', { timeout: 60_000 }, () => {
  let app: ServedApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await serveApp();
    browser = await startBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('sign-in explains each missing answer in an error summary that links to the field', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/#/sign-in`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.innerText()).toContain('Select the role you are signing in as');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel(/^Child Safeguarding Practice Review Panel/).check();
    await page.getByLabel('Token').fill(fakeToken({ role: 'partnership', partnership: 'leeds', sub: 'x' }));
    expect(await page.locator('#token-command').innerText()).toBe('npm run token -- --role panel');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').innerText()).toContain('This token is for the partnership role, not panel');
    await page.close();
  });

  it('the notification form checks answers as the user types, in plain words', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/#/sign-in`);
    await page.evaluate((token) => sessionStorage.setItem('cspr.session', JSON.stringify({ token, role: 'partnership', partnershipId: 'leeds', userId: 'dev' })), fakeToken({}));
    await page.goto(`${app.url}/#/partnership/notify`);
    await page.getByRole('heading', { name: 'Notify the Panel of a serious incident' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    const code = page.getByLabel('Local authority where the incident happened');
    await code.fill('E08');
    await code.blur();
    const codeError = page.locator('#localAuthorityCode-error');
    await expect.poll(() => codeError.innerText()).toContain('must be E then 8 digits');
    await code.fill('E08000035');
    await expect.poll(() => codeError.isVisible()).toBe(false);

    await page.getByRole('button', { name: 'Add another child' }).click();
    await page.getByRole('heading', { name: 'Child 2' }).waitFor();
    await page.getByRole('button', { name: 'Add another child' }).click();
    await page.getByRole('button', { name: 'Add another child' }).click();
    expect(await page.getByRole('button', { name: 'Add another child' }).count()).toBe(0);
    expect(await page.locator('[data-child]').count()).toBe(4);
    expect(await code.inputValue()).toBe('E08000035');

    await page.getByRole('button', { name: 'Send notification' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    const text = await summary.innerText();
    expect(text).toContain('Select what happened to the child');
    expect(text).toContain('Enter the full name of child 4');
    await summary.getByRole('link', { name: 'Enter where the incident happened' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('location');
    // In-page links never replace the route in the address: the skip link moves focus to the content only.
    await page.evaluate(() => document.querySelector<HTMLAnchorElement>('.govuk-skip-link')!.focus());
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => [location.hash, document.activeElement?.id])).toEqual(['#/partnership/notify', 'main-content']);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});

// Said out loud when Chromium is missing, rather than passing silently.
if (!hasChromium()) describe('built pages in Chromium', () => it.skip(NO_CHROMIUM, () => undefined));
