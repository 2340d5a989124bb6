/**
 * The web pages as the started platform serves them, over HTTP: public pages rendered on the server, static files
 * with their types and caching, malformed addresses answered 400 without harm, signed-in pages sending people to
 * sign in, form posts refused without a session's CSRF token, and /graphql still the gateway's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { startPlatform, type StartedPlatform } from './platform';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** A raw request, so a path like `/%ff` reaches the server exactly as written. */
const raw = (port: number, path: string, method = 'GET', body?: string) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method,
          headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        },
        (res) => {
          let text = '';
          res
            .setEncoding('utf8')
            .on('data', (chunk: string) => (text += chunk))
            .on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    },
  );

describe('web pages served by the platform', { timeout: 120_000 }, () => {
  let db: TestDatabase;
  let dataDir: string;
  let platform: StartedPlatform;
  let port: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'cspr-web-routes-'));
    port = await freePort();
    platform = await startPlatform({
      env: { DATABASE_URL: db.url, DATA_DIR: dataDir, PORT: String(port), KAFKA_BROKERS: '', LOG_LEVEL: 'silent' },
    });
  }, 120_000);
  afterAll(async () => {
    await platform?.runtime.shutdown('test over');
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('renders a public page on the server, with the GOV.UK layout and a nonce-based policy', async () => {
    const page = await raw(port, '/reports');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Published child safeguarding practice reviews</h1>');
    expect(page.body).toContain('govuk-service-navigation');
    expect(page.body).not.toMatch(/needs JavaScript/i);
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))?.[1];
    expect(nonce).toBeTruthy();
    expect(page.body).toContain(`<script nonce="${nonce}">`);
    // A filter with a bad year answers the page with the error, "Error: " before the title.
    const bad = await raw(port, '/reports?year=20x');
    expect(bad.body).toMatch(/<title>Error: Published reports/);
    expect(bad.body).toContain('href="#year"');
  });

  it("serves the frameworks' files with their types, fingerprinted ones cached for a year", async () => {
    const page = (await raw(port, '/learning')).body;
    const css = /href="(\/static\/[0-9a-f]{12}\/govuk-frontend\.min\.css)"/.exec(page)?.[1];
    const script = /src="(\/static\/[0-9a-f]{12}\/app\.mjs)"/.exec(page)?.[1];
    expect(css && script).toBeTruthy();
    const style = await raw(port, css!);
    expect(style.status).toBe(200);
    expect(style.headers['content-type']).toMatch(/^text\/css/);
    expect(style.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await raw(port, script!)).headers['content-type']).toMatch(/^text\/javascript/);
    const font = await raw(port, '/assets/images/favicon.svg');
    expect(font.status).toBe(200);
    expect(font.headers['content-type']).toBe('image/svg+xml');
    expect((await raw(port, '/static/000000000000/app.css')).status).toBe(404);
  });

  it('answers malformed and escaping paths 400 or 404 and keeps serving', async () => {
    for (const path of ['/%ff', '/%', '/assets/%ff', '/static/%E0%A4%A/app.css', '/reports/%ff']) {
      expect((await raw(port, path)).status).toBe(400);
    }
    for (const path of ['/assets/../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets/..%2fpackage.json']) {
      expect([400, 404]).toContain((await raw(port, path)).status);
    }
    expect((await raw(port, '/reports')).status).toBe(200);
  });

  it("sends someone not signed in to sign in, and refuses a form post without the session's token", async () => {
    const page = await raw(port, '/partnership/incidents/00000000-0000-4000-8000-000000000000');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe(
      '/sign-in?returnTo=%2Fpartnership%2Fincidents%2F00000000-0000-4000-8000-000000000000',
    );
    const post = await raw(port, '/partnership/notify', 'POST', 'nature=SERIOUS_HARM');
    expect(post.status).toBe(403);
    const missing = await raw(port, '/no-such-page');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('Page not found');
  });

  it('leaves /graphql, /health and /ready to the gateway', async () => {
    expect((await raw(port, '/health')).status).toBe(200);
    const graphql = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
