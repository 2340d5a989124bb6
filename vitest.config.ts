// One vitest run over every workspace, so `npm test` prints one summary. Inside a package, `npx vitest run`
// runs that package's tests alone with vitest's defaults.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 has no "exports" map: Node (and so Pothos and Yoga, loaded as dependencies) gets its CommonJS build
  // while Vite would hand our sources the .mjs one, and two graphql realms refuse each other's types. One realm.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    // Scanned from the working directory: the whole repo from the root, one workspace from inside it
    // (`cd packages/domain && npx vitest run`), since vitest finds this file from any folder below.
    dir: process.cwd(),
    include: ['**/src/**/*.spec.ts', 'infra/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/.data/**'],
    // Integration tests start databases and brokers: give them room, but never wait forever.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
