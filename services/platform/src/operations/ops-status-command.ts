/**
 * `npm run ops:status [-- --json]`: positions and lag of the projector and the relays, the head of the log and the
 * dead letters. Uses DATABASE_URL (or the embedded database in DATA_DIR, only while `npm start` is not running).
 */
import { openRuntime } from '@cspr/runtime';
import { formatOperationsStatus, readOperationsStatus } from './operations-status';

const runtime = await openRuntime({ service: 'ops', handleSignals: false, commandLine: true });
try {
  const status = await readOperationsStatus(runtime.database.sql, runtime.store);
  process.stdout.write(
    `${process.argv.includes('--json') ? JSON.stringify(status, null, 2) : formatOperationsStatus(status)}\n`,
  );
} finally {
  await runtime.shutdown('done');
}
