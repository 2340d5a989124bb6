/**
 * /health (the process is up) and /ready (the relay is publishing, or is a healthy standby), with its lag in the
 * body: `{ status, relay: { state, checkpoint, head, lagEvents, lagSeconds, ... } }`.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Relay } from './relay';
import { guardRequests } from '@cspr/runtime';
import type { Logger } from '@cspr/telemetry';
import { relayReasons } from './relay-health';

/** `maxLagSeconds`: not ready while the oldest unpublished event is older (READY_MAX_RELAY_LAG_SECONDS, default 60). */
export const createRelayHealthServer = (
  relay: Pick<Relay, 'status'>,
  maxLagSeconds: number,
  logger: Pick<Logger, 'error'>,
): Server =>
  createServer(
    guardRequests((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      const json = (code: number, body: unknown) =>
        response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (path === '/health') return json(200, { status: 'ok' });
      if (path !== '/ready') return json(404, { error: 'not found' });
      relay.status().then(
        (status) => {
          const reasons = relayReasons(status, maxLagSeconds);
          json(reasons.length === 0 ? 200 : 503, {
            status: reasons.length === 0 ? 'ready' : 'not-ready',
            reasons,
            relay: status,
          });
        },
        (error: unknown) => json(503, { status: 'not-ready', error: error instanceof Error ? error.name : 'error' }),
      );
    }, logger),
  );
