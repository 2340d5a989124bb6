/**
 * The stack every browser test drives: the real gateway and projector on a fresh database, the web app with the
 * embedded identity provider in front of it, and Debian's Chromium (JavaScript on, or off). One call per describe block registers start and teardown.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { partsFromIso, todayInEngland } from './app/dates';
import { serveApp, startBrowser, type Browser, type ServedApp } from './browser-fixture';
import { startGatewayUnderTest, type GatewayUnderTest } from './gateway-under-test.fixture';

export type WebStack = { backEnd: GatewayUnderTest; app: ServedApp; browser: Browser };

/** Filled in by the block's beforeAll: read its fields inside tests, not at collection time. */
export const useWebStack = (options: { javaScript?: boolean } = {}): WebStack => {
  const stack = {} as WebStack;
  beforeAll(async () => {
    stack.backEnd = await startGatewayUnderTest();
    stack.app = await serveApp(stack.backEnd);
    stack.browser = await startBrowser(options);
  }, 180_000);
  afterAll(async () => {
    await stack.browser?.close();
    await stack.app?.close();
    await stack.backEnd?.close();
  });
  return stack;
};

/** Fills a GOV.UK date input (day, month, year) with the given date, today in England by default. */
export const fillDate = async (page: Page, id: string, parts = partsFromIso(todayInEngland())): Promise<void> => {
  await page.locator(`#${id}`).fill(parts.day);
  await page.locator(`#${id}-month`).fill(parts.month);
  await page.locator(`#${id}-year`).fill(parts.year);
};

/**
 * Chooses a local authority by name as a person would: with JavaScript, types into the autocomplete and picks the
 * suggestion; without, picks the option of the select it enhances.
 */
export const chooseLocalAuthority = async (page: Page, label: string, name: string): Promise<void> => {
  // With scripts on, the autocomplete replaces the select with a text box of the same id once its module has run:
  // wait for it, or a quick test finds the select and loses it to the enhancement half-way through choosing.
  if (await page.locator('body.govuk-frontend-supported').count()) {
    const id = await page.locator('label').getByText(label, { exact: true }).first().getAttribute('for');
    if (id) await page.locator(`input[id="${id}"]`).waitFor();
  }
  const field = page.getByLabel(label, { exact: true });
  if ((await field.evaluate((e) => e.tagName)) === 'SELECT') {
    await field.selectOption({ label: name });
    return;
  }
  await field.fill(name);
  await page.getByRole('option', { name, exact: true }).click();
};
