/** Where views are found: src/ (views beside their routes, the layout in src/views/), then govuk-frontend and MoJ. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export const viewPaths = (): string[] => [
  srcDir,
  join(dirname(require.resolve('govuk-frontend/package.json')), 'dist'),
  dirname(require.resolve('@ministryofjustice/frontend/package.json')),
];
