/**
 * /health (the process is up) and /ready (the projector is running and has caught up with the log once; with
 * `readiness`, also the database, migrations and lag under READY_MAX_PROJECTOR_LAG_SECONDS, with the reasons).
 */
import { createServer, type Server } from 'node:http';
import { guardRequests, type ReadinessReport } from '@cspr/runtime';
import type { Logger } from '@cspr/telemetry';
import type { Projector } from './projector';

/** `logger` gets any unexpected error of a request (answered 500; the process goes on: guardRequests). */
export const createHealthServer = (
  projector: Projector,
  readiness: (() => Promise<ReadinessReport>) | undefined,
  logger: Pick<Logger, 'error'>,
): Server =>
  createServer(
    guardRequests((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      const status = projector.status();
      const json = (code: number, body: unknown) =>
        response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (path === '/health') return json(200, { status: 'ok' });
      if (path !== '/ready') return json(404, { error: 'not found' });
      const own = !status.running
        ? 'projector not running'
        : !status.caughtUp
          ? 'projector has not caught up with the log yet'
          : status.lastError
            ? `projector failing: ${status.lastError}`
            : undefined;
      if (!readiness) return json(own ? 503 : 200, { status: own ? 'not-ready' : 'ready', projector: status });
      readiness().then(
        (report) => {
          const reasons = own ? [own, ...report.reasons] : report.reasons;
          json(reasons.length === 0 ? 200 : 503, {
            ...report,
            status: reasons.length === 0 ? 'ready' : 'not-ready',
            reasons,
            projector: status,
          });
        },
        (error: unknown) =>
          json(503, {
            status: 'not-ready',
            reasons: [error instanceof Error ? error.message : 'readiness check failed'],
            projector: status,
          }),
      );
    }, logger),
  );
