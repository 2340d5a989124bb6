/**
 * `npm run schema:print` writes the schema, printed from the code and sorted, to /schema.graphql at the repo root;
 * `npm run schema:check` (`--check`) exits 1 when the committed file differs, so CI catches a schema change that
 * was not printed and reviewed (docs/architecture.md, rule 9).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { buildSchema } from './schema/index';

const target = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));
const header = '# Printed from services/gateway/src/schema by `npm run schema:print`. Do not edit by hand.\n\n';

const printed = `${header}${printSchema(buildSchema())}\n`;

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== printed) {
    console.error('schema.graphql differs from the schema in code: run `npm run schema:print` and commit the result.');
    process.exitCode = 1;
  } else {
    console.log('schema.graphql is up to date.');
  }
} else {
  await writeFile(target, printed);
  console.log(`Wrote ${target}`);
}
