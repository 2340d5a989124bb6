/**
 * No request may stop a process. Every HTTP server of the platform wraps its handler in `guardRequests`: an error
 * thrown (or a promise rejected) while one request is answered is logged and that request alone gets a 500; the
 * process goes on serving. `installProcessGuards` is the last line behind it, installed where a service starts.
 *
 * Logs name the method and path only (never the query string, headers or body, which may carry a token or a
 * child's details) and the error with its stack.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@cspr/telemetry';

type Handler = (request: IncomingMessage, response: ServerResponse) => unknown;

const pathOf = (request: IncomingMessage) => (request.url ?? '/').split('?')[0]!.slice(0, 200);

export const guardRequests =
  (handler: Handler, logger: Pick<Logger, 'error'>): Handler =>
  (request, response) => {
    const fail = (error: unknown) => {
      logger.error({ err: error, method: request.method, path: pathOf(request) }, 'request failed unexpectedly');
      if (response.headersSent) {
        // Half an answer is already on its way: cut the connection rather than let the client take it as whole.
        response.destroy();
        return;
      }
      response
        .writeHead(500, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ error: 'internal error' }));
    };
    try {
      const result = handler(request, response);
      if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).catch(fail);
    } catch (error) {
      fail(error);
    }
  };

/**
 * Process-wide handlers, installed once by `openRuntime` (every service's start-up), both deliberately "log and go
 * on": one request must never end the process (issue 15), and some library code answers a request from a callback
 * outside the request's own promise chain (a template engine's render callback, a stream's event), where
 * guardRequests cannot catch it. Going on is safe here because no state that matters lives only in this process:
 * the log and read models are changed in PostgreSQL transactions (a throw half-way rolls back), leases expire,
 * and in-memory maps are caches that are re-read. Each is logged at `fatal`/`error` with its stack, so a fault that
 * keeps recurring is seen and fixed rather than hidden; a process that is truly broken fails its `/ready` and the
 * orchestrator replaces it.
 */
let installed = false;

/** Once per process: the first runtime opened (the service's own) owns the guards. */
export const installProcessGuards = (logger: Pick<Logger, 'error' | 'fatal'>): void => {
  if (installed) return;
  installed = true;
  const onRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled promise rejection; going on');
  const onException = (error: unknown) => logger.fatal({ err: error }, 'uncaught exception; going on');
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
};
