/**
 * No import loops between a workspace's own files (projector.ts ↔ rebuild.ts and the contract suite's index.ts ↔
 * its parts were the last two): a loop makes load order matter and hides which file owns a type. Follows relative
 * imports, `import type` included, in every workspace's src.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

const sourceFiles = (): string[] =>
  ['packages', 'services'].flatMap((top) =>
    readdirSync(join(root, top)).flatMap((workspace) => {
      const src = join(root, top, workspace, 'src');
      if (!existsSync(src)) return [];
      return readdirSync(src, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts') && !file.includes('node_modules'))
        .map((file) => join(src, file));
    }),
  );

const IMPORT = /(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g;

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(IMPORT)].flatMap(([, spec]) => {
    const base = resolve(dirname(file), spec!);
    const found = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
    return found ? [found] : [];
  });

const findCycles = (files: string[]): string[][] => {
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(root, f)));
      return;
    }
    state.set(file, 'visiting');
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of files) visit(file, []);
  return cycles;
};

describe('import loops', () => {
  it('finds a loop when there is one (a check on the check)', () => {
    expect(findCycles([])).toEqual([]);
    expect(sourceFiles().length).toBeGreaterThan(100);
  });

  it('no workspace has an import loop between its files', () => {
    expect(findCycles(sourceFiles())).toEqual([]);
  });
});
