/**
 * The feedback page names the mailbox FEEDBACK_EMAIL configures (@cspr/config), and the documented default when
 * it is not set. The footer's pages call no gateway: one that refuses every call proves they do not.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FEEDBACK_EMAIL, loadConfig } from '@cspr/config';
import { createWebApp } from '../server/create-web-app';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const feedbackPageOf = async (feedbackEmail?: string) => {
  const app = createWebApp({
    gateway: () => Promise.reject(new Error('the footer pages call no gateway')),
    logError: () => undefined,
    ...(feedbackEmail ? { feedbackEmail } : {}),
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/feedback`);
  expect(response.status).toBe(200);
  return response.text();
};

describe('the feedback page', () => {
  it('names the configured mailbox, as text and as a mailto link', async () => {
    const { feedbackEmail } = loadConfig({ FEEDBACK_EMAIL: 'cspr-team@feedback.example' });
    const page = await feedbackPageOf(feedbackEmail);
    expect(page).toContain('href="mailto:cspr-team@feedback.example?subject=Feedback%20on%20');
    expect(page).toContain('>cspr-team@feedback.example</a>');
    expect(page).not.toContain(DEFAULT_FEEDBACK_EMAIL);
  });

  it('names the documented default when none is configured', async () => {
    expect(await feedbackPageOf()).toContain(`href="mailto:${DEFAULT_FEEDBACK_EMAIL}?subject=`);
    expect(loadConfig({}).feedbackEmail).toBe(DEFAULT_FEEDBACK_EMAIL);
  });
});
