/**
 * HTTP of the notifier: `/health` (the process answers; the body says which emails failed or wait for a retry and
 * why) and `/ready` for the notifier on its own, and the development mailbox page (`/dev/mailbox`) that `npm start`
 * serves so a newcomer sees the emails. The mailbox is never served in production.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Sql } from 'postgres';
import { guardRequests } from '@cspr/runtime';
import type { Logger } from '@cspr/telemetry';
import { readDevMailbox } from './channels/dev-mailbox-channel';
import type { NotifierStatus } from './notifier-status';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const notifierHealthBody = (status: NotifierStatus) => ({
  emails: status.healthy ? 'ok' : 'attention',
  counts: status.counts,
  failed: status.failed,
  retrying: status.retrying,
  refusedAddresses: status.refusedAddresses,
});

/** The development mailbox: newest first, each email with its recipient, time, subject and text. */
export const serveDevMailbox = async (sql: Sql, res: ServerResponse) => {
  const emails = await readDevMailbox(sql);
  const items = emails
    .map(
      (e) => `
    <article class="govuk-!-margin-bottom-6">
      <h2 class="govuk-heading-s">${escapeHtml(e.subject)}</h2>
      <p class="govuk-body-s">To <strong>${escapeHtml(e.recipient)}</strong> at ${escapeHtml(new Date(e.delivered_at).toISOString())}</p>
      <pre class="govuk-body" style="white-space: pre-wrap">${escapeHtml(e.body)}</pre>
    </article>`,
    )
    .join('\n');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Development mailbox – CSPR</title></head>
<body class="govuk-template__body"><main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l">Development mailbox</h1>
<p class="govuk-body">Emails the notifier sent on this development platform (newest first, ${emails.length} shown). Nothing here left the machine.</p>
${items || '<p class="govuk-body">No emails yet.</p>'}
</main></body></html>`);
};

/** The notifier on its own: /health and /ready. */
export const createNotifierHealthServer = (status: () => Promise<NotifierStatus>, logger: Pick<Logger, 'error'>) =>
  createServer(
    guardRequests((req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== '/health' && path !== '/ready') {
        res.writeHead(404).end();
        return;
      }
      status()
        .then((s) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify(path === '/health' ? { status: 'ok', ...notifierHealthBody(s) } : { status: 'ready' }),
          );
        })
        .catch((error: unknown) => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({ status: 'unavailable', reason: error instanceof Error ? error.message : String(error) }),
          );
        });
    }, logger),
  );
