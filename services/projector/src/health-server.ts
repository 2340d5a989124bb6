/** /health (the process is up) and /ready (the projector is running and has caught up with the log once). */
import { createServer, type Server } from 'node:http';
import type { Projector } from './projector';

export const createHealthServer = (projector: Projector): Server =>
  createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const status = projector.status();
    if (path === '/health') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (path === '/ready') {
      const ready = status.running && status.caughtUp && status.lastError === null;
      response.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ready ? 'ready' : 'not-ready', projector: status }));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
  });
