/**
 * `npm run import:reviews -- --partnership <id or name> --from <file> [--apply]`: brings a partnership's published
 * history (the text of its review page, or a CSV) into the log. Without --apply it prints what it understood and
 * every line it could not place, and writes nothing. Uses DATABASE_URL (or the embedded database in DATA_DIR, only
 * while `npm start` is not running).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { createCommandHandler } from '@cspr/application';
import { defaultPartnerships } from '@cspr/domain';
import { openVault } from '@cspr/personal-data';
import { openRuntime } from '@cspr/runtime';
import { applyImport, describePlan, planImport, readListingFile } from '@cspr/review-history';

const { values } = parseArgs({
  options: { partnership: { type: 'string' }, from: { type: 'string' }, apply: { type: 'boolean', default: false } },
});
if (!values.partnership || !values.from) {
  process.stderr.write(
    'Usage: npm run import:reviews -- --partnership <id or name> --from <page.txt|listing.csv> [--apply]\n',
  );
  process.exit(2);
}
const wanted = values.partnership.trim().toLowerCase();
const partnership =
  defaultPartnerships.find((p) => p.partnershipId === wanted || p.name.toLowerCase() === wanted) ??
  defaultPartnerships.find((p) => p.name.toLowerCase().startsWith(wanted));
if (!partnership) {
  process.stderr.write(
    `No partnership is called "${values.partnership}". Give its id (e.g. oxfordshire) or its name.\n`,
  );
  process.exit(2);
}

const started = performance.now();
const reading = readListingFile(values.from, await readFile(values.from, 'utf8'));
const plan = planImport(
  partnership.partnershipId,
  reading,
  values.from.toLowerCase().endsWith('.csv') ? 'csv' : 'web-page-text',
);
process.stdout.write(`${describePlan(plan)}\n\n`);
if (!values.apply) {
  process.stdout.write('Nothing written. Run again with --apply to record these reviews.\n');
  process.exit(0);
}

const runtime = await openRuntime({ service: 'import-reviews', handleSignals: false, commandLine: true });
try {
  const { config, database, store } = runtime;
  const { vault } = await openVault({
    sql: database.sql,
    masterKey: config.masterKey,
    dataDir: config.dataDir,
    production: config.production,
  });
  const handler = createCommandHandler({ store, vault, clock: () => new Date(), newId: randomUUID });
  const outcome = await applyImport(handler, plan);
  process.stdout.write(
    `Recorded ${outcome.recorded}, unchanged ${outcome.unchanged}, refused ${outcome.refused.length} in ${Math.round(performance.now() - started)} ms.\n`,
  );
  for (const refused of outcome.refused) process.stdout.write(`  refused: ${refused.caseName}: ${refused.reason}\n`);
  process.exitCode = outcome.refused.length > 0 ? 1 : 0;
} finally {
  await runtime.shutdown('done');
}
