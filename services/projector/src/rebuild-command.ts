/**
 * `npm run rebuild [-- --resume]`: rebuilds every read model from the log, with a progress bar on stderr.
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (./.data) — stop `npm start` first, since the embedded
 * database takes one process. `--resume` carries on a rebuild that was interrupted instead of starting over.
 */
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { openRuntime } from '@cspr/runtime';
import { createLogger } from '@cspr/telemetry';
import { countEventsOf } from './count-events';
import { openPseudonymsOf } from './open-pseudonyms';
import { createProgressBar } from './progress-bar';
import { createProjector } from './projector';

const main = async () => {
  const resume = process.argv.includes('--resume');
  const batchArg = process.argv.find((arg) => arg.startsWith('--batch-size='));
  const runtime = await openRuntime({ service: 'projector-rebuild', handleSignals: false });
  const logger = createLogger({ service: 'projector', level: runtime.config.logLevel, destination: process.stderr });
  const projector = createProjector({
    sql: runtime.database.sql,
    store: runtime.store,
    calendar: createEnglandAndWalesCalendar(),
    openPseudonyms: await openPseudonymsOf(runtime),
    logger,
    countEvents: countEventsOf(runtime),
    ...(batchArg ? { rebuildBatchSize: Number(batchArg.split('=')[1]) } : {}),
  });
  const bar = createProgressBar();
  let lastProgress: Parameters<typeof bar.finish>[0] | undefined;
  try {
    const result = await projector.rebuild({
      resume,
      onProgress: (progress) => {
        lastProgress = progress;
        bar.update(progress);
      },
    });
    if (lastProgress) bar.finish(lastProgress);
    process.stderr.write(
      `rebuilt ${result.events} events in ${result.seconds.toFixed(1)} s (${Math.round(result.eventsPerSecond)} events/s), ${result.deadLettered} dead-lettered, checkpoint ${result.position}\n`,
    );
  } finally {
    await runtime.shutdown('rebuild finished');
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
