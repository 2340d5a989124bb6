// One vitest run over every workspace, so `npm test` prints one summary. Inside a package, `npx vitest run`
// runs that package's tests alone with vitest's defaults.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.spec.ts', 'services/*/src/**/*.spec.ts', 'infra/**/*.spec.ts'],
    // Integration tests start databases and brokers: give them room, but never wait forever.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
