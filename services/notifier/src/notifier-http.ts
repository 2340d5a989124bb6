/**
 * HTTP of the notifier: `/health` (the process answers; the body says which emails failed or wait for a retry and
 * why) and `/ready` for the notifier on its own. The development mailbox is a page of the web application
 * (services/web/src/dev-mailbox), given the channel's reader (readDevMailbox) only outside production.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { guardRequests } from '@cspr/runtime';
import type { Logger } from '@cspr/telemetry';
import type { NotifierStatus } from './notifier-status';

export const notifierHealthBody = (status: NotifierStatus) => ({
  emails: status.healthy ? 'ok' : 'attention',
  counts: status.counts,
  failed: status.failed,
  retrying: status.retrying,
  refusedAddresses: status.refusedAddresses,
});

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
