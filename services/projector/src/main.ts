/**
 * The projector on its own (production: one per deployment, more are safe but idle-compete on the checkpoint),
 * with /health and /ready on PROJECTOR_PORT (default 4001).
 *
 * Started through the shared runtime (configuration, telemetry from OTEL_*, database and event log, a bounded
 * SIGTERM). On SIGTERM it stops taking batches: the batch in hand either commits with its checkpoint in one
 * transaction or rolls back entirely, so the next start goes on from exactly where this one stopped.
 */
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { openRuntime } from '@cspr/runtime';
import { createHealthServer } from './health-server';
import { createProjector } from './projector';

const runtime = await openRuntime({ service: 'projector' });
const { logger } = runtime;
const projector = createProjector({ sql: runtime.database.sql, store: runtime.store, calendar: createEnglandAndWalesCalendar(), logger });
await projector.start();
runtime.onShutdown('projector', () => projector.stop());
const port = Number(process.env.PROJECTOR_PORT ?? 4001);
const server = createHealthServer(projector).listen(port, () => logger.info({ port }, 'projector health on /health and /ready'));
runtime.onShutdown('health server', () => new Promise((resolve) => {
  server.close(() => resolve());
  server.closeIdleConnections();
}));
