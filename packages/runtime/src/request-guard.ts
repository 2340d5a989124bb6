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
 * Process-wide handlers, installed once by `openRuntime` (every service's start-up):
 * - an unhandled rejection is logged and the process goes on: a promise that rejected unobserved has unwound
 *   nothing half-way (its own async function already ended), so the rest of the process is in the state it was.
 * - an uncaught exception is logged and then the process shuts down gracefully and exits 1. Deliberately not
 *   "log and carry on": a synchronous throw outside any request (a timer, an event emitter without an error
 *   listener) may leave a lease, a stream write or a connection pool half-changed, and Node documents the process
 *   as unsafe to resume. Requests never get here (guardRequests and the frameworks catch theirs), so one request
 *   cannot use this to stop the process; the orchestrator restarts a process that did stop.
 */
let installed = false;

/** Once per process: the first runtime opened (the service's own) owns the guards. */
export const installProcessGuards = (
  logger: Pick<Logger, 'error' | 'fatal'>,
  shutdown: (reason: string) => Promise<void>,
): void => {
  if (installed) return;
  installed = true;
  const onRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled promise rejection; going on');
  const onException = (error: unknown) => {
    logger.fatal({ err: error }, 'uncaught exception; shutting down');
    const timer = setTimeout(() => process.exit(1), 5_000);
    timer.unref();
    void shutdown('uncaught exception').finally(() => process.exit(1));
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
};
