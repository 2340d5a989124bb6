/**
 * Browser tests' set-up: the built application served over HTTP (with a gateway's request handler at /graphql
 * when given), Debian's Chromium driven by playwright-core (no downloaded browsers), axe checks and screenshots.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createWebApp } from './server/create-web-app';
import type { GatewayFetch } from './server/gateway-client';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH);
/** Printed by vitest when the browser tests are skipped. */
export const NO_CHROMIUM = `not run: chromium missing at ${CHROMIUM_PATH} (bash services/web/ensure-chromium.sh installs it)`;

export const SCREENSHOTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');

export type ServedApp = { url: string; close: () => Promise<void> };

/** Serves the web app (its pages calling the gateway through `gateway`) and the gateway itself at /graphql. */
export const serveApp = async (graphql: RequestListener, gateway: GatewayFetch): Promise<ServedApp> => {
  const web = createWebApp({ gateway });
  const server = createServer((req, res) => (req.url?.startsWith('/graphql') ? graphql(req, res) : web(req, res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
};

export type Browser = { context: BrowserContext; newPage: () => Promise<Page>; close: () => Promise<void> };

export const startBrowser = async (): Promise<Browser> => {
  const profile = await mkdtemp(join(tmpdir(), 'cspr-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
};

/** axe against WCAG 2.2 A and AA; returns the violations in words (empty when the page passes). */
export const accessibilityViolations = async (page: Page): Promise<string[]> => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
};

/**
 * Saves a full-page screenshot to docs/screenshots/<name>.png for the README when CSPR_SCREENSHOTS=1
 * (`CSPR_SCREENSHOTS=1 npx vitest run services/web`). Off by default so a test run never changes tracked files.
 */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  if (process.env.CSPR_SCREENSHOTS !== '1') return;
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
};

/** Signs in through the sign-in page with a token, as a user would. */
export const signInWith = async (page: Page, baseUrl: string, token: string, role: string, partnership?: string): Promise<void> => {
  await page.goto(`${baseUrl}/#/sign-in`);
  await page.getByLabel(new RegExp(`^${{ partnership: 'Safeguarding partnership', panel: 'Child Safeguarding Practice Review Panel', ofsted: 'Ofsted', admin: 'Administrator', agency: 'Partner agency', dfe: 'Department for Education' }[role]}`)).check();
  if (partnership) await page.getByLabel('Partnership id').fill(partnership);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
};
