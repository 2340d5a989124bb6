/**
 * No request may stop a process: an error thrown or rejected while answering one request is logged (method and
 * path, never the query string) and answered 500, and the server goes on serving. The process guards log an
 * unobserved rejection and an uncaught exception, and the process goes on.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@cspr/telemetry';
import { guardRequests } from './request-guard';

const lines: string[] = [];
const logger = createLogger({
  service: 'guard-test',
  destination: new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      lines.push(chunk.toString());
      done();
    },
  }),
});

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer(
    guardRequests(async (request, response) => {
      if (request.url?.startsWith('/throws')) throw new Error('thrown while answering');
      if (request.url?.startsWith('/rejects')) return Promise.reject(new Error('rejected while answering'));
      if (request.url?.startsWith('/half')) {
        response.writeHead(200).write('half');
        await new Promise((resolve) => setTimeout(resolve, 10));
        throw new Error('failed half-way');
      }
      response.writeHead(200, { 'content-type': 'text/plain' }).end('fine');
    }, logger),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('guardRequests', () => {
  it('answers 500 for a thrown or rejected request, logs it without the query string, and serves on', async () => {
    for (const path of ['/throws?child=Secret%20Name', '/rejects?child=Secret%20Name']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(500);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ error: 'internal error' });
    }
    const logged = lines.join('');
    expect(logged).toContain('"path":"/throws"');
    expect(logged).toContain('"path":"/rejects"');
    expect(logged).toContain('request failed unexpectedly');
    expect(logged).not.toContain('Secret');
    expect(await (await fetch(`${base}/`)).text()).toBe('fine');
  });

  it('cuts the connection of a request that failed after its answer began, and serves on', async () => {
    await expect(fetch(`${base}/half`).then((r) => r.text())).rejects.toThrow();
    expect(await (await fetch(`${base}/`)).text()).toBe('fine');
  });
});

describe('installProcessGuards', () => {
  it('logs an unobserved rejection and an uncaught exception, and goes on', async () => {
    const fixture = fileURLToPath(new URL('./process-guards.fixture.ts', import.meta.url));
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', fixture], { timeout: 30_000 }, (_error, out) =>
        resolve({ code: child.exitCode, stdout: out }),
      );
    });
    expect(stdout).toContain('unhandled promise rejection; going on');
    expect(stdout).toContain('still running after the rejection');
    expect(stdout).toContain('uncaught exception; going on');
    expect(stdout).toContain('still running after the exception');
    expect(code).toBe(0);
  }, 40_000);
});
