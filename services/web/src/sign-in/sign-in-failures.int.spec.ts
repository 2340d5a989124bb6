/** Bad input and failure at sign-in: each ends signed out or on a clear page, never half signed in. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { startSignInApp, type SignInApp } from './test-support/sign-in-app';
import { createHttpBrowser } from './test-support/http-browser';

let db: TestDatabase;
let app: SignInApp;
let down: SignInApp;
let dataDir: string;
const logLines: { fields: object; message: string }[] = [];
const logger = {
  info: (fields: object, message: string) => logLines.push({ fields, message }),
  warn: (fields: object, message: string) => logLines.push({ fields, message }),
};

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'cspr-sign-in-'));
  app = await startSignInApp({ sql: db.sql, dataDir, overrides: { logger } });
  // A web server whose provider does not answer (nothing listens on port 9 here).
  down = await startSignInApp({ sql: db.sql, dataDir, issuer: 'http://127.0.0.1:9/oidc', overrides: { logger } });
});
afterAll(async () => {
  await app?.close();
  await down?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs the sign-in up to the provider's redirect back; returns the browser and the callback address. */
const upToCallback = async (subject = 'dev-partnership-kent', start = '/private') => {
  const browser = createHttpBrowser();
  const picker = (await browser.follow(`${app.baseUrl}${start}`)).at(-1)!;
  const hops = [await browser.request(picker.url, { form: { account: subject } })];
  while (!hops.at(-1)!.location!.startsWith(`${app.baseUrl}/auth/callback`))
    hops.push(await browser.request(hops.at(-1)!.location!));
  return { browser, callback: new URL(hops.at(-1)!.location!) };
};

const signedIn = async (subject = 'dev-partnership-kent') => {
  const { browser, callback } = await upToCallback(subject);
  await browser.follow(callback.href);
  expect((await browser.request(`${app.baseUrl}/private`)).status).toBe(200);
  return browser;
};

describe('session cookie', () => {
  it('a tampered cookie is no session: signed out, the cookie cleared', async () => {
    const browser = await signedIn();
    const value = browser.jar.get('cspr_session')!;
    browser.jar.set('cspr_session', `${value.slice(0, -2)}${value.endsWith('AA') ? 'BB' : 'AA'}`);
    const answer = await browser.request(`${app.baseUrl}/private`);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`${app.baseUrl}/sign-in?returnTo=%2Fprivate`);
    expect(answer.setCookies.some((c) => c.startsWith('cspr_session=;'))).toBe(true);
  });

  it('a session past its inactivity timeout is signed out and deleted', async () => {
    const browser = await signedIn('dev-dfe');
    await db.sql`update web_sessions.sessions set expires_at = now() - interval '1 second' where data->'user'->>'subject' = 'dev-dfe'`;
    const answer = await browser.request(`${app.baseUrl}/private`);
    expect(answer.location).toBe(`${app.baseUrl}/sign-in?returnTo=%2Fprivate`);
    expect(await db.sql`select 1 from web_sessions.sessions where data->'user'->>'subject' = 'dev-dfe'`).toHaveLength(
      0,
    );
  });

  it("the keep-alive moves the timeout on only with the session's CSRF token", async () => {
    const browser = await signedIn('dev-panel');
    expect((await browser.request(`${app.baseUrl}/session/extend`, { method: 'POST' })).status).toBe(403);
    const page = await browser.request(`${app.baseUrl}/private`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const extended = await browser.request(`${app.baseUrl}/session/extend`, {
      method: 'POST',
      headers: { 'x-csrf-token': token },
    });
    expect(extended.status).toBe(200);
    expect(JSON.parse(extended.body)).toEqual({ signedIn: true, expiresInSeconds: 1800 });
  });
});

describe('the callback', () => {
  const refused = async (callback: URL, browser: ReturnType<typeof createHttpBrowser>) => {
    logLines.length = 0;
    const answer = await browser.request(callback.href);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('There was a problem signing you in');
    const line = logLines.find((l) => l.message === 'sign-in callback refused');
    expect(line).toBeDefined();
    // The log line says why, never the authorization code.
    expect(JSON.stringify(logLines)).not.toContain(callback.searchParams.get('code')!);
    expect((await browser.request(`${app.baseUrl}/private`)).status).toBe(303);
  };

  it('refuses a state that does not match', async () => {
    const { browser, callback } = await upToCallback();
    callback.searchParams.set('state', 'forged-state');
    await refused(callback, browser);
  });

  it('refuses when the PKCE verifier does not match (the provider answers invalid_grant)', async () => {
    const { browser, callback } = await upToCallback();
    await db.sql`update web_sessions.sessions set data = jsonb_set(data, '{pending,codeVerifier}', '"a-verifier-that-was-never-sent-with-43-chars"')`;
    await refused(callback, browser);
  });

  it('refuses an ID token whose nonce does not match', async () => {
    const { browser, callback } = await upToCallback();
    await db.sql`update web_sessions.sessions set data = jsonb_set(data, '{pending,nonce}', '"another-nonce"') where data ? 'pending'`;
    await refused(callback, browser);
  });

  it('refuses a callback in a browser that started no sign-in (a code sent to someone else)', async () => {
    const { callback } = await upToCallback();
    await refused(callback, createHttpBrowser());
  });

  it('returns only to local paths: an outside address in returnTo goes home', async () => {
    const browser = createHttpBrowser();
    const picker = (
      await browser.follow(`${app.baseUrl}/sign-in?returnTo=${encodeURIComponent('//evil.example/steal')}`)
    ).at(-1)!;
    const back = await browser.follow(picker.url, { form: { account: 'dev-partnership-norfolk' } });
    expect(back.at(-1)!.url).toBe(`${app.baseUrl}/`);
  });
});

describe('identity provider down', () => {
  it('sign-in answers the GOV.UK "service unavailable" page while public pages still serve', async () => {
    const browser = createHttpBrowser();
    const answer = await browser.request(`${down.baseUrl}/sign-in`);
    expect(answer.status).toBe(503);
    expect(answer.body).toContain('Sorry, the service is unavailable');
    expect((await browser.request(`${down.baseUrl}/`)).status).toBe(200);
    // Signing out without the provider still ends the session here.
    expect((await browser.request(`${down.baseUrl}/sign-out`)).location).toBe(`${down.baseUrl}/signed-out`);
  });
});
