/**
 * The GOV.UK Notify channel, for the request it builds: notifications-node-client sends to a local HTTP server
 * started here (never to Notify: this was not run against GOV.UK Notify from this machine). Checks the path, the
 * JWT the client signs with the key's secret, the template id per kind, the personalisation and the reference, and
 * how Notify's answers are classified (address refused, rate limited, down).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_TEMPLATE_KINDS, type EmailTemplateKind } from '@cspr/config';
import { renderEmail } from '../email-templates';
import { createNotifyChannel, notifyReference } from './notify-channel';

const SERVICE_ID = '11111111-2222-4333-8444-555555555555';
const SECRET = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const API_KEY = `cspr_test-${SERVICE_ID}-${SECRET}`;
const templates = Object.fromEntries(
  EMAIL_TEMPLATE_KINDS.map((k, i) => [k, `0000000${i}-0000-4000-8000-000000000000`]),
) as Record<EmailTemplateKind, string>;

type Seen = { method: string; url: string; authorization: string; body: Record<string, unknown> };
const seen: Seen[] = [];
let answer: { status: number; body: unknown } = { status: 201, body: { id: 'notify-id-1' } };
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString();
    });
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        authorization: req.headers.authorization ?? '',
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const personalisation = {
  reference: 'INC-2026-00123',
  local_authority: 'Leeds',
  link: 'https://cspr.test/incidents/1',
  deadline: 'rapid review to the Panel',
  due_date: 'Thursday 22 April 2027',
  when: 'today',
};
const email = {
  to: 'lscp@leeds.example',
  messageId: '<abc123@cspr.notifier>',
  template: 'deadline-reminder' as const,
  personalisation,
  ...renderEmail('deadline-reminder', personalisation),
};

describe('GOV.UK Notify channel (request built; not run against Notify)', () => {
  it('posts the template id of the kind, the address, the personalisation and the reference, signed with the key', async () => {
    const channel = createNotifyChannel({ apiKey: API_KEY, baseUrl, templates });
    answer = { status: 201, body: { id: 'notify-id-1' } };
    expect(await channel.send(email)).toEqual({ providerId: 'notify-id-1' });
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/v2/notifications/email' });
    expect(request.body).toEqual({
      template_id: templates['deadline-reminder'],
      email_address: 'lscp@leeds.example',
      personalisation,
      reference: 'abc123',
    });
    const [, payload] = request.authorization.replace(/^Bearer /, '').split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({ iss: SERVICE_ID });
    expect(notifyReference(email)).toBe('abc123');
  });

  it('asks Notify by reference whether an email in doubt arrived', async () => {
    const channel = createNotifyChannel({ apiKey: API_KEY, baseUrl, templates });
    answer = { status: 200, body: { notifications: [{ id: 'notify-id-1', status: 'delivered' }], links: {} } };
    expect(await channel.findDelivered!(email)).toEqual({ providerId: 'notify-id-1' });
    expect(seen.at(-1)!.url).toBe('/v2/notifications?template_type=email&reference=abc123');
  });

  it('classifies a refused address (never retried), rate limiting and Notify down (retried), a bad key (failed)', async () => {
    const channel = createNotifyChannel({ apiKey: API_KEY, baseUrl, templates });
    answer = {
      status: 400,
      body: {
        status_code: 400,
        errors: [{ error: 'ValidationError', message: 'email_address Not a valid email address' }],
      },
    };
    await expect(channel.send(email)).rejects.toMatchObject({ permanent: true, addressRefused: true });
    answer = { status: 429, body: { errors: [{ error: 'RateLimitError', message: 'Exceeded rate limit' }] } };
    await expect(channel.send(email)).rejects.toMatchObject({ permanent: false, addressRefused: false });
    answer = { status: 503, body: { errors: [] } };
    await expect(channel.send(email)).rejects.toMatchObject({ permanent: false });
    answer = { status: 403, body: { errors: [{ error: 'AuthError', message: 'Invalid token' }] } };
    await expect(channel.send(email)).rejects.toMatchObject({
      permanent: true,
      addressRefused: false,
      message: expect.stringContaining('AuthError'),
    });
  });
});
