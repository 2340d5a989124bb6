import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateReadModels } from '@cspr/read-models';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { grantsInForce } from './grants-in-force';
import { startSignInApp, type SignInApp } from './test-support/sign-in-app';
import { createHttpBrowser } from './test-support/http-browser';

let db: TestDatabase;
let app: SignInApp;
let dataDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'cspr-sign-in-'));
  app = await startSignInApp({ sql: db.sql, dataDir });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Signs in through the embedded provider's account page; returns the browser and the hops of the last step. */
const signInAs = async (subject: string, returnTo = '/private') => {
  const browser = createHttpBrowser();
  const toPicker = await browser.follow(`${app.baseUrl}${returnTo}`);
  const picker = toPicker.at(-1)!;
  expect(picker.url).toMatch(/\/sign-in\/dev\//);
  const back = await browser.follow(picker.url, { form: { account: subject } });
  return { browser, hops: [...toPicker, ...back] };
};

describe('sign-in through the embedded provider', () => {
  it('signs a partnership user in with code, PKCE, state and nonce, and returns them where they were going', async () => {
    const { browser, hops } = await signInAs('dev-partnership-leeds');
    const authorize = new URL(hops.find((h) => h.url.includes('/oidc/auth'))!.url);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const page = hops.at(-1)!;
    expect(page.url).toBe(`${app.baseUrl}/private`);
    expect(page.body).toContain('Priya Shah partnership leeds');
    const cookie = hops.flatMap((h) => h.setCookies).find((c) => c.startsWith('cspr_session=') && !c.includes('1970'))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // Nothing the browser holds or is shown is a token.
    for (const value of browser.jar.values()) expect(value).not.toMatch(/^eyJ/);
    expect(page.body).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('a form post needs the session CSRF token', async () => {
    const { browser, hops } = await signInAs('dev-panel');
    const token = /name="_csrf" value="([^"]+)"/.exec(hops.at(-1)!.body)![1]!;
    expect((await browser.request(`${app.baseUrl}/private/form`, { form: { _csrf: 'wrong' } })).status).toBe(403);
    expect((await browser.request(`${app.baseUrl}/private/form`, { form: {} })).status).toBe(403);
    const saved = await browser.request(`${app.baseUrl}/private/form`, { form: { _csrf: token } });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${app.baseUrl}/private?saved=1`);
  });

  it('a user without a grant sees the "no access yet" page', async () => {
    const { hops } = await signInAs('dev-newstarter');
    const page = hops.at(-1)!;
    expect(page.url).toBe(`${app.baseUrl}/no-access`);
    expect(page.body).toContain('You do not have access yet');
    expect(page.body).toContain('administrator');
  });

  it('signs out here and at the provider (RP-initiated logout), then needs signing in again', async () => {
    const { browser } = await signInAs('dev-ofsted');
    const out = await browser.follow(`${app.baseUrl}/sign-out`);
    expect(out.some((h) => h.url.includes('/oidc/session/end'))).toBe(true);
    const confirm = out.at(-1)!;
    // The provider's confirmation submits itself with JavaScript; without it the button posts the same form.
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)?.[1];
    const action = /action="([^"]+)"/.exec(confirm.body)?.[1];
    const done = await browser.follow(new URL(action!, confirm.url).href, { form: { xsrf: xsrf!, logout: 'yes' } });
    expect(done.at(-1)!.url).toBe(`${app.baseUrl}/signed-out`);
    expect(done.at(-1)!.body).toContain('You have signed out');
    const again = await browser.request(`${app.baseUrl}/private`);
    expect(again.location).toBe(`${app.baseUrl}/sign-in?returnTo=%2Fprivate`);
  });
});

describe("access from the organisation's claims (AUTH_ORGANISATION_CLAIM) for someone with no grant", () => {
  let mapped: SignInApp;
  beforeAll(async () => {
    await migrateReadModels(db.sql);
    // The embedded provider sends the organisation's name as `organisation`; a real one sends an id.
    const claimMapping = {
      organisationClaim: 'organisation',
      organisationPartnerships: { 'Leeds City Council': 'leeds' },
    };
    mapped = await startSignInApp({
      sql: db.sql,
      dataDir,
      grantsFor: grantsInForce(db.sql, claimMapping),
      overrides: { claimMapping },
    });
  });
  afterAll(async () => {
    await mapped?.close();
  });

  it('maps the organisation in the ID token to its partnership, where the same person without it has no access', async () => {
    const browser = createHttpBrowser();
    const picker = (await browser.follow(`${mapped.baseUrl}/private`)).at(-1)!;
    const page = (await browser.follow(picker.url, { form: { account: 'dev-newstarter' } })).at(-1)!;
    expect(page.url).toBe(`${mapped.baseUrl}/private`);
    expect(page.body).toContain('Chris Nolan partnership leeds');
    // The app without the mapping (above) sends the same person to "no access yet".
    const unmapped = createHttpBrowser();
    const unmappedPicker = (await unmapped.follow(`${app.baseUrl}/private`)).at(-1)!;
    const refused = (await unmapped.follow(unmappedPicker.url, { form: { account: 'dev-newstarter' } })).at(-1)!;
    expect(refused.url).toBe(`${app.baseUrl}/no-access`);
  });
});
