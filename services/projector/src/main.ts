/**
 * The projector on its own, with /health and /ready on HOST:PROJECTOR_PORT (default 4001). Several may run: they
 * compete on the checkpoint's compare-and-set and never apply a batch twice, so extra ones only stand by.
 */
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { countOpenDeadlines, getProjectorStatus } from '@cspr/read-models';
import { openRuntime } from '@cspr/runtime';
import { platformMetrics } from '@cspr/telemetry';
import { countEventsOf } from './count-events';
import { createHealthServer } from './health-server';
import { openPseudonymsOf } from './open-pseudonyms';
import { createProjector } from './projector';
import { projectorReadiness } from './projector-readiness';

const main = async () => {
  const runtime = await openRuntime({ service: 'projector' });
  const projector = createProjector({
    sql: runtime.database.sql,
    store: runtime.store,
    calendar: createEnglandAndWalesCalendar(),
    openPseudonyms: await openPseudonymsOf(runtime),
    logger: runtime.logger,
    countEvents: countEventsOf(runtime),
  });
  await projector.start();
  // Gauges read when metrics are collected (only with an OTLP metrics endpoint): lag and open deadlines by kind.
  const { sql } = runtime.database;
  platformMetrics().observeLag('projector', async () => {
    const status = await getProjectorStatus(sql, runtime.store);
    return { events: status.lagEvents, seconds: status.lagSeconds };
  });
  platformMetrics().observeDeadlines(() => countOpenDeadlines(sql));
  const { projectorPort: port, host, readiness } = runtime.config;
  const ready = projectorReadiness({ sql, store: runtime.store, maxLagSeconds: readiness.maxProjectorLagSeconds });
  const server = createHealthServer(projector, ready, runtime.logger).listen(port, host, () =>
    runtime.logger.info({ host, port }, 'projector health on /health and /ready'),
  );
  // Steps run last-registered first: stop serving, then stop projecting, then the runtime closes the database.
  runtime.onShutdown('projector', () => projector.stop());
  runtime.onShutdown('health server', () => new Promise<void>((resolve) => server.close(() => resolve())));
};

main().catch((error: unknown) => {
  process.stderr.write(`projector failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
