// The floors of src/ (docs/ARCHITECTURE.md, "Floors"), checked against the real
// imports so that a later change cannot quietly break them. Type-only imports
// count too: a type is a dependency even when it is erased at run time.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';
import { type ImportEdge, importCycles, importEdges } from './import-graph.js';

/** From the bottom. A folder imports only from lower floors and from itself. */
const floors: { name: string; folders: string[] }[] = [
  { name: 'ground floor', folders: ['base'] },
  // Side by side and not importing each other: the pure core and the doors to
  // the outside world each stand on the ground floor alone.
  { name: 'pure core', folders: ['catalog', 'wizard', 'nix'] },
  { name: 'adapters', folders: ['adapters'] },
  { name: 'operations', folders: ['security', 'operations', 'learning'] },
  { name: 'stores', folders: ['state'] },
  { name: 'ui parts', folders: ['ui'] },
  { name: 'front ends', folders: ['screens', 'cli'] },
];

/** Imports between folders of one floor that are allowed (the rest are not). */
const sameFloor: Record<string, string[]> = {
  wizard: ['catalog'],
  nix: ['catalog', 'wizard'],
  operations: ['security'],
  security: ['operations'],
  learning: ['operations', 'security'],
  screens: ['cli'],
  cli: ['screens'],
};

const srcDir = join(repoRoot, 'src');
const { files, edges } = importEdges(srcDir);
const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0]! : '(top level)');
const floorOf = (folder: string) => floors.findIndex((f) => f.folders.includes(folder));
const describeEdge = (e: ImportEdge) =>
  `${e.from} -> ${e.to}${e.typeOnly ? ' (types)' : ''}${e.dynamic ? ' (import())' : ''}`;

describe('the floors of src/', () => {
  it('places every folder of src/ on a floor, and leaves no file at the top', () => {
    const folders = readdirSync(srcDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => floorOf(f) < 0)).toEqual([]);
    expect(files.filter((f) => !f.includes('/'))).toEqual([]);
  });

  it('ground floor: base/ imports nothing of hv outside itself', () => {
    const bad = edges.filter((e) => folderOf(e.from) === 'base' && folderOf(e.to) !== 'base');
    expect(bad.map(describeEdge)).toEqual([]);
  });

  it('no folder imports from a floor above it, nor a neighbour it may not use', () => {
    const bad = edges.filter((e) => {
      const a = folderOf(e.from);
      const b = folderOf(e.to);
      if (a === b) return false;
      const fa = floorOf(a);
      const fb = floorOf(b);
      if (fb < fa) return false;
      return !(fb === fa && sameFloor[a]?.includes(b));
    });
    expect(bad.map(describeEdge)).toEqual([]);
  });

  // The wording of the same rules, so a failure names the rule it broke.
  it.each([
    ['state', ['ui', 'screens', 'cli']],
    ['adapters', ['state', 'ui', 'screens', 'cli', 'operations', 'security', 'catalog']],
    ['operations', ['ui', 'screens', 'cli', 'state']],
    ['catalog', ['adapters', 'screens', 'ui', 'state']],
    ['wizard', ['adapters', 'screens', 'ui', 'state']],
    ['nix', ['adapters', 'screens', 'ui', 'state']],
  ])('%s imports none of %j', (from, forbidden) => {
    const bad = edges.filter(
      (e) => folderOf(e.from) === from && forbidden.includes(folderOf(e.to)),
    );
    expect(bad.map(describeEdge)).toEqual([]);
  });

  it('has no import cycles (static, type-only and import() alike)', () => {
    expect(importCycles(files, edges)).toEqual([]);
  });

  it('screens and ui use adapters for their types only: values come through state or operations', () => {
    const bad = edges.filter(
      (e) =>
        ['screens', 'ui'].includes(folderOf(e.from)) &&
        folderOf(e.to) === 'adapters' &&
        !e.typeOnly,
    );
    expect(bad.map(describeEdge)).toEqual([]);
  });

  it('keeps every zustand store in state/, one area per file or folder', () => {
    const outside = files.filter(
      (f) =>
        folderOf(f) !== 'state' && /\bcreateStore\b/.test(readFileSync(join(srcDir, f), 'utf8')),
    );
    expect(outside).toEqual([]);
  });

  it('finds a cycle when there is one, type-only and import() edges included', () => {
    const e = (from: string, to: string, typeOnly = false, dynamic = false): ImportEdge => ({
      from,
      to,
      typeOnly,
      dynamic,
    });
    expect(
      importCycles(
        ['a.ts', 'b.ts', 'c.ts', 'd.ts'],
        [
          e('a.ts', 'b.ts'),
          e('b.ts', 'a.ts', true),
          e('b.ts', 'c.ts'),
          e('c.ts', 'd.ts', false, true),
          e('d.ts', 'c.ts'),
        ],
      ),
    ).toEqual([
      ['c.ts', 'd.ts'],
      ['a.ts', 'b.ts'],
    ]);
  });

  it('reads a real graph (the checks above are not vacuous)', () => {
    expect(existsSync(join(srcDir, 'base'))).toBe(true);
    expect(files.length).toBeGreaterThan(100);
    expect(edges.some((e) => e.dynamic)).toBe(true);
    expect(edges.some((e) => e.typeOnly)).toBe(true);
    expect(new Set(edges.map((e) => folderOf(e.from))).size).toBe(
      floors.flatMap((f) => f.folders).length,
    );
  });
});
