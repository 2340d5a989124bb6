// Without its own config, vitest inside this folder would pick up the root one, whose include paths are relative to
// the repository root and match nothing here.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['src/**/*.spec.ts'], testTimeout: 60_000, hookTimeout: 120_000 } });
