import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebApp } from './create-web-app';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/**
 * The web app on a local port; answers what it took the client's address and scheme to be for one request to a
 * page that needs no gateway (`/` redirects to the visitor's home): Express's req.ip and req.protocol, the ones
 * the app, its logs and any limit by address read.
 */
const clientAsSeen = async (trustedProxies: string[] | undefined, headers: Record<string, string>) => {
  let seen: { ip: string | undefined; protocol: string } | undefined;
  const app = createWebApp({
    gateway: () => Promise.reject(new Error('no gateway call on this page')),
    logError: () => undefined,
    ...(trustedProxies ? { trustedProxies } : {}),
  });
  server = createServer((req: IncomingMessage, res) => {
    res.on('finish', () => {
      const request = req as Request;
      seen = { ip: request.ip, protocol: request.protocol };
    });
    app(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
    headers,
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  await response.arrayBuffer();
  for (let i = 0; i < 50 && !seen; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  return seen;
};

const SPOOFED = { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' };

describe('X-Forwarded-* headers in the web app', () => {
  it('are ignored from a caller that is not a trusted proxy', async () => {
    expect(await clientAsSeen(undefined, SPOOFED)).toEqual({ ip: '127.0.0.1', protocol: 'http' });
    expect(await clientAsSeen(['10.0.0.7'], SPOOFED)).toEqual({ ip: '127.0.0.1', protocol: 'http' });
  });

  it('are believed from a proxy in TRUSTED_PROXIES, up to the first hop it does not trust', async () => {
    expect(await clientAsSeen(['127.0.0.1'], SPOOFED)).toEqual({ ip: '203.0.113.9', protocol: 'https' });
    // A client writing its own header before the proxy appends the real address: the proxy's entry counts.
    expect(await clientAsSeen(['127.0.0.1'], { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' })).toEqual({
      ip: '203.0.113.9',
      protocol: 'http',
    });
  });
});
