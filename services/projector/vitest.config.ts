import { defineConfig } from 'vitest/config';

// Embedded PGlite takes a few seconds to initialise a fresh data folder (initdb in WebAssembly).
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } });
