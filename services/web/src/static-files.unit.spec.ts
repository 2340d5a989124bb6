/** The static handler's guard rails and the content security policy's hash of the one inline script. */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, createStaticHandler } from './static-files';

describe('static files', () => {
  let dir: string;
  let url: string;
  let close: () => void;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cspr-static-'));
    // A file beside the served folder, which no request may reach.
    await writeFile(join(dir, 'secret.txt'), 'not public');
    const handler = createStaticHandler(join(dir, 'public'));
    await mkdir(join(dir, 'public/assets'), { recursive: true });
    await writeFile(join(dir, 'public/index.html'), '<!doctype html>');
    await writeFile(join(dir, 'public/assets/index-AbCdEf12.js'), 'console.log(1)');
    await writeFile(join(dir, 'public/assets/index-AbCdEf12.js.br'), brotliCompressSync('console.log(1)'));
    const server = createServer((req, res) => void handler(req, res).then((served) => { if (!served) res.writeHead(404).end(); }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(async () => {
    close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html at / with the security headers, revalidated each time', async () => {
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });
  it('caches hashed assets for a year', async () => {
    const response = await fetch(`${url}/assets/index-AbCdEf12.js`);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('immutable');
  });
  it('sends the precompressed copy to a browser that accepts it, the plain file otherwise', async () => {
    const compressed = await fetch(`${url}/assets/index-AbCdEf12.js`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(compressed.headers.get('content-encoding')).toBe('br');
    expect(await compressed.text()).toBe('console.log(1)');
    const plain = await fetch(`${url}/assets/index-AbCdEf12.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('console.log(1)');
  });
  it('never serves a file outside its folder', async () => {
    expect((await fetch(`${url}/..%2Fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${url}/assets/..%2F..%2Fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${url}/missing.js`)).status).toBe(404);
  });
  it('allows exactly the inline script of index.html by its hash', async () => {
    const page = await readFile(join(dirname(fileURLToPath(import.meta.url)), '../index.html'), 'utf8');
    const inline = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(1);
    expect(CONTENT_SECURITY_POLICY).toContain(`'sha256-${createHash('sha256').update(inline[0]!).digest('base64')}'`);
  });
});
