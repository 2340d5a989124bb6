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
import { chromium, type Browser as ChromiumBrowser, type BrowserContext, type Page } from 'playwright-core';
import { grantStartupAccess } from '@cspr/application';
import { createEmbeddedProviderVerifier } from '@cspr/gateway';
import { waitForPosition } from '@cspr/read-models';
import type { GatewayUnderTest } from './gateway-under-test.fixture';
import { createWebApp } from './server/create-web-app';
import { DEV_ACCOUNTS, grantsInForce, setUpSignIn } from './sign-in';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH);
/** Printed by vitest when the browser tests are skipped. */
export const NO_CHROMIUM = `not run: chromium missing at ${CHROMIUM_PATH} (bash services/web/ensure-chromium.sh installs it)`;

export const SCREENSHOTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');

export type ServedApp = { url: string; close: () => Promise<void> };

/**
 * The web app as the platform composes it, in front of the gateway under test: the embedded identity provider at
 * /oidc with its development accounts granted through the log, sessions in the test database, pages calling the
 * gateway through yoga.fetch, and the gateway itself at /graphql.
 */
export const serveApp = async (backEnd: GatewayUnderTest): Promise<ServedApp> => {
  let handler: RequestListener = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  // Every local address (IPv6 and IPv4): the browser may resolve localhost to either.
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  const quiet = { info: () => undefined, warn: () => undefined };
  const signIn = await setUpSignIn({
    sql: backEnd.sql,
    baseUrl: url,
    dataDir: backEnd.dataDir,
    production: false,
    settings: {},
    logger: quiet,
    grantsFor: grantsInForce(backEnd.sql),
  });
  backEnd.issuers.set(
    signIn.embedded!.issuer,
    createEmbeddedProviderVerifier({ ...signIn.embedded!, principalOf: backEnd.grantsPrincipal }),
  );
  const startupGrants = await grantStartupAccess(
    backEnd.commands,
    DEV_ACCOUNTS.flatMap((a) => (a.grant ? [{ subject: a.subject, email: a.email, ...a.grant }] : [])),
  );
  // The grants reach the read model through the projector: wait until it has the last one, as the platform does.
  if (startupGrants.lastPosition && !(await waitForPosition(backEnd.sql, startupGrants.lastPosition, 60_000)))
    throw new Error('The development accounts were not projected within 60 s');
  const web = createWebApp({ gateway: backEnd.fetch, signIn, logError: (error) => console.error(error) });
  handler = (req, res) =>
    /^\/(graphql|documents)(\/|$|\?)/.test(req.url ?? '') ? backEnd.handler(req, res) : web(req, res);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export type Browser = { context: BrowserContext; newPage: () => Promise<Page>; close: () => Promise<void> };

/** Debian's Chromium; `javaScript: false` is a locked-down browser, where every page must still work. */
export const startBrowser = async (options: { javaScript?: boolean } = {}): Promise<Browser> => {
  const profile = await mkdtemp(join(tmpdir(), 'cspr-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 800 },
    javaScriptEnabled: options.javaScript ?? true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // axe runs as a script in the page: with JavaScript off it runs on a copy of the page in a second browser.
  const checker =
    options.javaScript === false
      ? await chromium.launch({
          executablePath: CHROMIUM_PATH,
          headless: true,
          args: ['--no-sandbox', '--disable-gpu'],
        })
      : undefined;
  if (checker) checkers.set(context, checker);
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      await checker?.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
};

const checkers = new WeakMap<BrowserContext, ChromiumBrowser>();

/** axe against WCAG 2.2 A and AA; returns the violations in words (empty when the page passes). */
export const accessibilityViolations = async (page: Page): Promise<string[]> => {
  const checker = checkers.get(page.context());
  if (checker) {
    // The same markup and styles as the page with JavaScript off (no js-enabled class: the copy runs no page script).
    const copyContext = await checker.newContext({ viewport: { width: 1280, height: 800 } });
    const copy = await copyContext.newPage();
    try {
      const origin = new URL(page.url()).origin;
      const markup = (await page.content())
        .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
        .replace('<head>', `<head><base href="${origin}/">`);
      await copy.setContent(markup, { waitUntil: 'load' });
      return await violationsOf(copy);
    } finally {
      await copyContext.close();
    }
  }
  return violationsOf(page);
};

const violationsOf = async (page: Page): Promise<string[]> => {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
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

/**
 * Signs in as a person would: a page that needs a user sends the browser to the embedded provider's page, where
 * the development account is chosen by name, and back. `who` is the account's name, e.g. "Priya Shah".
 */
export const signInAs = async (page: Page, baseUrl: string, who: string, startAt = '/sign-in'): Promise<void> => {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}${startAt}`);
  const account = page.getByLabel(new RegExp(who));
  await account.waitFor({ timeout: 10_000 }).catch(async () => {
    throw new Error(
      `no account chooser at ${page.url()}: ${(
        await page
          .locator('main')
          .innerText()
          .catch(() => '')
      ).slice(0, 300)}`,
    );
  });
  await account.check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in') && !url.pathname.startsWith('/oidc'));
};

/** The development accounts the journeys use (services/web/src/sign-in/embedded-provider/dev-accounts.ts). */
export const PEOPLE = {
  leeds: 'Priya Shah',
  bradford: 'Tom Price',
  leedsAgency: 'Sam Fielding',
  panel: 'Helen Marsh',
  dfe: 'Grace Kim',
  admin: 'Olu Adebayo',
} as const;

/** An internal id (UUID) or an ONS area code: neither belongs in text a person reads. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ONS_CODE = /\bE0\d{7}\b/g;

/** Every UUID and ONS code in the page's visible text (empty when the page shows names and references only). */
export const codesShown = async (page: Page): Promise<string[]> => {
  const text = await page.locator('body').innerText();
  return [...(text.match(UUID) ?? []), ...(text.match(ONS_CODE) ?? [])];
};
