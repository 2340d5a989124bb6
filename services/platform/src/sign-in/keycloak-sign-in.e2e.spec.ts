/**
 * The production path against an identity provider that is not ours: Keycloak (infra/keycloak/keycloak.sh start,
 * realm-cspr.json). Runs when KEYCLOAK_URL is set (infra/test.sh sets it when it starts Keycloak), e.g.
 *   KEYCLOAK_WEB_URL=http://localhost:4555 bash infra/keycloak/keycloak.sh start
 *   KEYCLOAK_URL=http://127.0.0.1:18080 KEYCLOAK_WEB_PORT=4555 npx vitest run services/platform/src/sign-in/keycloak-sign-in.e2e.spec.ts
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { startPlatform, type StartedPlatform } from '../platform';

const KEYCLOAK = process.env.KEYCLOAK_URL;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = Number(process.env.KEYCLOAK_WEB_PORT ?? 4555);

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

  it("signs in on Keycloak's own login page, reaches a page, and signs out there too", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.waitForURL((url) => url.href.startsWith(`${KEYCLOAK}/realms/cspr/protocol/openid-connect/auth`));
    await page.locator('#username').fill('no.grant');
    await page.locator('#password').fill('Test-password-1');
    await page.locator('#kc-login').click();
    // Nobody has granted this person anything in the platform yet: proven who, but no access.
    await page.waitForURL(`${baseUrl}/no-access`);
    expect(await page.locator('h1').innerText()).toBe('You do not have access yet');
    expect(await page.locator('main').innerText()).toContain('no.grant@kent.example.gov.uk');
    expect((await context.cookies()).find((c) => c.name === 'cspr_session')).toMatchObject({ httpOnly: true });
    await page.goto(`${baseUrl}/sign-out`);
    await page.waitForURL((url) => url.pathname === '/signed-out' || url.href.startsWith(KEYCLOAK!));
    if (!page.url().startsWith(baseUrl)) await page.locator('#kc-logout').click();
    await page.waitForURL(`${baseUrl}/signed-out`);
    await context.close();
  });
});
