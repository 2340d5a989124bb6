/**
 * Every environment variable the platform reads goes through the config schema: this scans the production sources
 * of every workspace for `process.env` and `env.NAME` / `env['NAME']` reads outside packages/config and fails on any.
 * Test code (`*.spec.ts`, `*.fixture.ts`, packages/testing, test fixtures) may set up child processes' environments.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

const isTestCode = (path: string): boolean =>
  /\.spec\.ts$|[.-]fixtures?\.ts$/.test(path) ||
  path.startsWith('packages/testing/') ||
  path.startsWith('packages/config/');

const sources = (): string[] =>
  ['packages', 'services'].flatMap((top) =>
    readdirSync(join(root, top)).flatMap((workspace) => {
      const src = join(root, top, workspace, 'src');
      try {
        return readdirSync(src, { recursive: true, encoding: 'utf8' })
          .filter((file) => file.endsWith('.ts') && !file.includes('node_modules'))
          .map((file) => relative(root, join(src, file)));
      } catch {
        return [];
      }
    }),
  );

const ENV_READ = /process\.env|\benv\.[A-Z][A-Z0-9_]*|\benv\[/;

describe('configuration sources', () => {
  it('scans the sources it should (a sanity check on the walk)', () => {
    const all = sources();
    expect(all).toContain('services/gateway/src/main.ts');
    expect(all).toContain('packages/runtime/src/open-runtime.ts');
  });

  it('no production source reads the environment except packages/config', () => {
    const offenders = sources()
      .filter((path) => !isTestCode(path))
      .flatMap((path) =>
        readFileSync(join(root, path), 'utf8')
          .split('\n')
          .map((line, index) => ({ line, index }))
          .filter(
            ({ line }) => ENV_READ.test(line) && !/^\s*(\/\*|\*)/.test(line) && !line.trimStart().startsWith('//'),
          )
          .map(({ line, index }) => `${path}:${index + 1}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
