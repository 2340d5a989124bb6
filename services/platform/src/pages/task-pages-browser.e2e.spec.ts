/**
 * The new list pages in Debian's Chromium against the whole platform, with JavaScript on and with it off: sign in
 * through the embedded provider's account page, search incidents by reference, page the queue, and as the second
 * admin open the erasure requests and the personal-data audit; axe (WCAG 2.2 A and AA) on every page visited with
 * JavaScript on (axe is itself a script: with JavaScript off it cannot run, and the markup is the same).
 * Screenshots go to docs/screenshots with CSPR_SCREENSHOTS=1.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations as axeViolations,
  CHROMIUM_PATH as CHROMIUM,
  screenshot,
} from '@cspr/web/browser-fixture';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startPlatformUnderTest, type PlatformUnderTest } from './platform-under-test';

describe.skipIf(!existsSync(CHROMIUM))('list pages in Chromium', { timeout: 180_000 }, () => {
  let stack: PlatformUnderTest;
  let reference = '';
  beforeAll(async () => {
    stack = await startPlatformUnderTest();
    const listed = await stack.gql(
      { role: 'panel' },
      'query { incidents(first: 1) { edges { node { id reference } } } }',
    );
    const { id } = listed.data.incidents.edges[0].node;
    reference = listed.data.incidents.edges[0].node.reference;
    await stack.gql(
      { role: 'panel' },
      'query($id: ID!) { incident(id: $id) { ... on Incident { personal { caseOutline } } } }',
      { id },
    );
    const requested = await stack.gql(
      { role: 'admin', sub: 'dev-admin' },
      'mutation($input: RequestErasureInput!) { requestErasure(input: $input) { __typename ... on ErasurePayload { position } } }',
      {
        input: { incidentId: id, legalBasis: 'court-order' },
      },
    );
    expect(requested.data.requestErasure.__typename).toBe('ErasurePayload');
    // The page reads a read model: wait (through the gateway's own read-your-writes) until the projector has the
    // request, so a busy machine's lag is not mistaken for a missing button.
    const pending = await stack.gql(
      { role: 'admin', sub: 'dev-admin-2' },
      'query($after: String) { erasureRequests(status: PENDING, first: 5, consistentAfter: $after) { edges { node { reference } } } }',
      { after: requested.data.requestErasure.position },
    );
    expect(pending.data.erasureRequests.edges.map((e: { node: { reference: string } }) => e.node.reference)).toContain(
      reference,
    );
  }, 180_000);
  afterAll(async () => {
    await stack?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
    it(`Panel search and queue, admin erasure requests and audit (${mode})`, async () => {
      const profile = await mkdtemp(join(tmpdir(), 'cspr-chromium-'));
      const context: BrowserContext = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        javaScriptEnabled,
        viewport: { width: 1280, height: 900 },
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      const violations = async (page: Page) => (javaScriptEnabled ? axeViolations(page) : []);
      try {
        const signIn = async (account: string, path: string) => {
          const page = await context.newPage();
          await page.goto(`${stack.base}${path}`);
          await page.locator(`input[name="account"][value="${account}"]`).check();
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.waitForURL(`${stack.base}${path}`);
          return page;
        };
        const panel = await signIn('dev-panel', '/panel/incidents');
        await panel.getByRole('heading', { name: 'Find an incident' }).waitFor();
        expect(await violations(panel)).toEqual([]);
        await panel.getByLabel('Reference').fill(reference);
        await panel.getByRole('button', { name: 'Search' }).click();
        await panel.locator('#list-count', { hasText: 'Showing 1 to 1 of 1 incidents' }).waitFor();
        await panel.getByRole('link', { name: reference }).waitFor();
        expect(await violations(panel)).toEqual([]);
        if (javaScriptEnabled) await screenshot(panel, 'panel-find-incident');
        await panel.getByLabel('Reference').fill('nonsense');
        await panel.getByRole('button', { name: 'Search' }).click();
        expect(await panel.title()).toMatch(/^Error: /);
        expect(await panel.locator('.govuk-error-summary').innerText()).toContain(
          'Enter a reference like INC-2026-00123',
        );
        expect(await violations(panel)).toEqual([]);
        await panel.goto(`${stack.base}/panel`);
        await panel.getByRole('heading', { name: 'Rapid reviews awaiting a response' }).waitFor();
        expect(await violations(panel)).toEqual([]);
        if (javaScriptEnabled) await screenshot(panel, 'panel-queue');
        await panel.goto(`${stack.base}/sign-out`);
        await context.clearCookies();

        const admin = await signIn('dev-admin-2', '/admin/erasure-requests');
        await admin.getByRole('heading', { name: 'Erasure requests waiting for approval' }).waitFor();
        await admin.getByRole('button', { name: `Approve erasure of ${reference}` }).waitFor();
        expect(await violations(admin)).toEqual([]);
        if (javaScriptEnabled) await screenshot(admin, 'admin-erasure-requests');
        await admin.goto(`${stack.base}/admin/audit?subject=${reference}`);
        await admin.getByRole('heading', { name: 'Who read personal data' }).waitFor();
        expect(await admin.locator('#list-count').innerText()).toMatch(/^Showing 1 to \d+ of \d+ reads$/);
        expect(await violations(admin)).toEqual([]);
        if (javaScriptEnabled) await screenshot(admin, 'admin-personal-data-reads');
      } finally {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      }
    });
  }
});
