/**
 * Stops an HTTP server the graceful way: no new connections, requests in flight finish, and clients on kept-alive
 * connections are told `connection: close` with their next answer (a plain `server.close()` waits for those
 * connections forever while a busy client keeps reusing them). Register it with `runtime.onShutdown`.
 */
import type { Server } from 'node:http';

export const closeHttpServerGracefully = (server: Server): (() => Promise<void>) => {
  let closing = false;
  server.prependListener('request', (_request, response) => {
    if (closing && !response.headersSent) response.setHeader('connection', 'close');
  });
  return () =>
    new Promise<void>((resolve) => {
      closing = true;
      server.close(() => resolve());
      server.closeIdleConnections();
    });
};
