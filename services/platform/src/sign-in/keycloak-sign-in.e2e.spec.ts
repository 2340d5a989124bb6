/**
 * The production path against an identity provider that is not ours: Keycloak (infra/keycloak/keycloak.sh start,
 * realm-cspr.json). Nobody is granted anything in the platform here: people reach their pages through the
 * organisation's claims (AUTH_ORGANISATION_CLAIM, AUTH_ROLE_CLAIM, AUTH_ORGANISATION_PARTNERSHIPS), which Keycloak's
 * protocol mappers put into the ID token (read by the pages) and the access token (read by the gateway).
 * Runs when KEYCLOAK_URL is set (infra/test.sh sets it when it starts Keycloak), e.g.
 *   KEYCLOAK_WEB_URL=http://localhost:4555 bash infra/keycloak/keycloak.sh start
 *   KEYCLOAK_URL=http://127.0.0.1:18080 KEYCLOAK_WEB_PORT=4555 npx vitest run services/platform/src/sign-in/keycloak-sign-in.e2e.spec.ts
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { startPlatform, type StartedPlatform } from '../platform';

const KEYCLOAK = process.env.KEYCLOAK_URL;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = Number(process.env.KEYCLOAK_WEB_PORT ?? 4555);
/** The organisation ids realm-cspr.json gives its users, as DfE Sign-in would send them. */
const LEEDS_CITY_COUNCIL = '3b0c8a4e-5d1f-4a59-9d3c-6a1f0e2b7c11';
const KENT_COUNTY_COUNCIL = 'c7e2f9b0-1a4d-4c3e-8f5b-2d9e6a0b4f22';

describe.skipIf(!KEYCLOAK || !existsSync(CHROMIUM))('sign-in through Keycloak (the production path)', () => {
  let db: TestDatabase;
  let dataDir: string;
  let platform: StartedPlatform;
  let browser: Browser;
  const baseUrl = `http://localhost:${PORT}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'cspr-keycloak-'));
    const issuer = `${KEYCLOAK}/realms/cspr`;
    platform = await startPlatform({
      env: {
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        PORT: String(PORT),
        PUBLIC_URL: baseUrl,
        LOG_LEVEL: 'warn',
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: 'cspr-web',
        OIDC_CLIENT_SECRET: 'cspr-web-test-secret',
        SESSION_SECRET: 'a-test-session-secret-of-at-least-32-chars',
        AUTH_ISSUER: issuer,
        AUTH_AUDIENCE: 'cspr',
        AUTH_JWKS_URL: `${issuer}/protocol/openid-connect/certs`,
        AUTH_ORGANISATION_CLAIM: 'organisation.id',
        AUTH_ROLE_CLAIM: 'roles',
        AUTH_ORGANISATION_PARTNERSHIPS: `${LEEDS_CITY_COUNCIL}=leeds,${KENT_COUNTY_COUNCIL}=kent`,
      },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.runtime.shutdown('test finished');
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Starts at `path`, signs in on Keycloak's own login page and comes back. */
  const signInAtKeycloak = async (page: Page, username: string, path = '/sign-in') => {
    await page.goto(`${baseUrl}${path}`);
    await page.waitForURL((url) => url.href.startsWith(`${KEYCLOAK}/realms/cspr/protocol/openid-connect/auth`));
    await page.locator('#username').fill(username);
    await page.locator('#password').fill('Test-password-1');
    await page.locator('#kc-login').click();
    await page.waitForURL((url) => url.href.startsWith(baseUrl) && !url.pathname.startsWith('/auth/'));
  };

  /** Signs out here and, through RP-initiated logout, at Keycloak (which may ask to confirm). */
  const signOutAtKeycloak = async (page: Page) => {
    await page.goto(`${baseUrl}/sign-out`);
    await page.waitForURL((url) => url.pathname === '/signed-out' || url.href.startsWith(KEYCLOAK!));
    if (!page.url().startsWith(baseUrl)) await page.locator('#kc-logout').click();
    await page.waitForURL(`${baseUrl}/signed-out`);
    expect(await page.locator('h1').innerText()).toBe('You have signed out');
  };

  /** Keycloak's own session ended too: signing in again asks for the password rather than passing straight back. */
  const keycloakAsksAgain = async (context: BrowserContext) => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.waitForURL((url) => url.href.startsWith(`${KEYCLOAK}/realms/cspr/protocol/openid-connect/auth`));
    expect(await page.locator('#password').isVisible()).toBe(true);
  };

  it("signs in on Keycloak's own login page, reaches a page, and signs out there too", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAtKeycloak(page, 'no.grant');
    // Nobody has granted this person anything, and Keycloak names no organisation or role: proven who, no access.
    await page.waitForURL(`${baseUrl}/no-access`);
    expect(await page.locator('h1').innerText()).toBe('You do not have access yet');
    expect(await page.locator('main').innerText()).toContain('no.grant@kent.example.gov.uk');
    expect((await context.cookies()).find((c) => c.name === 'cspr_session')).toMatchObject({ httpOnly: true });
    await signOutAtKeycloak(page);
    await keycloakAsksAgain(context);
    await context.close();
  });

  // Each row: who, the page they start at, its heading (read from the gateway with Keycloak's access token, so a
  // gateway that took them for the public would have failed the page), and the partnership the banner names.
  const PEOPLE = [
    ['leeds.notifier', 'Lena Notifier', '/partnership', 'Incidents and deadlines', 'Leeds'],
    ['kent.referrer', 'Kofi Referrer', '/agency/referrals', 'My referrals', 'Kent'],
    ['panel.member', 'Pat Member', '/panel', 'Rapid reviews awaiting a response', undefined],
  ] as const;

  for (const javaScriptEnabled of [true, false]) {
    it.each(PEOPLE)(
      `JavaScript ${javaScriptEnabled ? 'on' : 'off'}: %s gets their access from the organisation's claims`,
      async (username, name, path, heading, partnership) => {
        const context = await browser.newContext({ javaScriptEnabled });
        const page = await context.newPage();
        await signInAtKeycloak(page, username, path);
        expect(new URL(page.url()).pathname).toBe(path);
        expect(await page.locator('h1').innerText()).toBe(heading);
        const banner = page.locator('.govuk-phase-banner');
        expect(await banner.innerText()).toContain(`Signed in as ${name}`);
        if (partnership) expect(await banner.innerText()).toContain(partnership);
        await signOutAtKeycloak(page);
        await context.close();
      },
    );
  }
});
