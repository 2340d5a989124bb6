/**
 * The projector on its own (production: one per deployment, more are safe but idle-compete on the checkpoint),
 * with /health and /ready on PROJECTOR_PORT (default 4001).
 */
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createLogger } from '@cspr/telemetry';
import { createHealthServer } from './health-server';
import { openRuntime } from './open-runtime';
import { createProjector } from './projector';

const main = async () => {
  const runtime = await openRuntime();
  const logger = createLogger({ service: 'projector', level: runtime.config.logLevel });
  const projector = createProjector({ sql: runtime.database.sql, store: runtime.store, calendar: createEnglandAndWalesCalendar(), logger, countEvents: runtime.countEvents });
  await projector.start();
  const port = Number(process.env.PROJECTOR_PORT ?? 4001);
  const server = createHealthServer(projector).listen(port, () => logger.info({ port }, 'projector health on /health and /ready'));
  const shutdown = async () => {
    server.close();
    await projector.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
};

main().catch((error: unknown) => {
  process.stderr.write(`projector failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
