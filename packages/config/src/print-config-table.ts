/**
 * `npm run config:table`: writes the configuration table printed from CONFIG_DOCS into README.md between its
 * markers; `--check` fails when the README differs (readme-table.unit.spec.ts runs the same check).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { readmeWithConfigTable } from './readme-table';

const path = new URL('../../../README.md', import.meta.url);
const current = await readFile(path, 'utf8');
const wanted = readmeWithConfigTable(current);
if (process.argv.includes('--check')) {
  if (wanted !== current) {
    process.stderr.write('README.md configuration table differs from CONFIG_DOCS: run npm run config:table\n');
    process.exitCode = 1;
  }
} else if (wanted !== current) {
  await writeFile(path, wanted);
}
