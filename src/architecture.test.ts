import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The layout is the architecture: everything under src/core/ is the functional core (pure
 * TypeScript, no browser API), src/messages.ts is the pure protocol between the entry points,
 * and src/background, src/popup, src/options are the browser entry points — the only code that
 * touches `browser.*`, with src/shell for the few browser calls more than one of them makes. Test support lives in `__fixtures__/` folders, which product code never
 * imports.
 */

const src = import.meta.dirname;

function walk(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(walk(path));
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/**
 * The source files a module loads at run time, itself included: every static `import`/`export …
 * from` of a relative path except `import type` / `export type` (erased by the compiler).
 */
function runtimeImports(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  if (!/\.tsx?$/.test(entry)) return seen;
  const text = readFileSync(entry, 'utf8');
  for (const [, , spec] of text.matchAll(
    /^(import|export)\s+(?!type\b)(?:[^;']*?\s+from\s+)?'(\.[^']*)'/gms,
  )) {
    runtimeImports(resolve(dirname(entry), spec!), seen);
  }
  return seen;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.includes('/__fixtures__/');
const product = walk(src).filter((f) => !isTest(f));
const core = [...product.filter((f) => f.startsWith(join(src, 'core'))), join(src, 'messages.ts')];

describe('architecture', () => {
  it('finds the core files', () => {
    expect(core.length).toBeGreaterThan(50);
    expect(walk(join(src, 'core', 'catalog')).length).toBeGreaterThan(10);
  });

  it.each(core.map((f) => relative(src, f)))('%s uses no browser API and no entry point', (file) => {
    const text = readFileSync(join(src, file), 'utf8');
    expect(text).not.toMatch(/webextension-polyfill|\bchrome\.[a-z]|\bbrowser\.[a-z]/);
    expect(text).not.toMatch(/from '(\.\.\/)+(background|popup|options)\//);
  });

  // The catalog is the ground floor: detect/, status/, observe/, resilience/, report/ read it.
  const catalogDir = join(src, 'core', 'catalog');
  const catalogFiles = walk(catalogDir).map((f) => relative(src, f));
  it.each(catalogFiles)('%s imports nothing from outside the catalog', (file) => {
    const text = readFileSync(join(src, file), 'utf8');
    for (const [, spec] of text.matchAll(/from '(\.[^']*)'/g)) {
      const target = resolve(dirname(join(src, file)), spec!);
      expect(relative(catalogDir, target).startsWith('..'), `${file} imports ${spec}`).toBe(false);
    }
  });

  /*
   * The popup only shows what the worker worked out: it needs words, not the catalog's 180
   * providers, rules and IP ranges (tens of kB it would parse on every opening). Its runtime
   * imports — `import type` is erased; with verbatimModuleSyntax an import of inline types only
   * stays as a bare import, so it counts — never reach the catalog's tables.
   */
  it('the popup does not load the catalog', () => {
    const catalogTables = (f: string) =>
      f === join(catalogDir, 'index.ts') ||
      f.startsWith(join(catalogDir, 'providers')) ||
      f.includes('/catalog/data/');
    const reached = runtimeImports(join(src, 'popup', 'main.tsx'));
    expect(reached.size).toBeGreaterThan(20);
    expect(reached.has(join(src, 'core', 'verdict', 'text.ts'))).toBe(true);
    expect([...reached].filter(catalogTables).map((f) => relative(src, f))).toEqual([]);
  });

  // Nothing from the network (feed text, host names, headers) may become markup or code: the
  // store reviewers are told so (store/amo-reviewer-notes.md), and Preact's own innerHTML path
  // (web-ext lint's one warning) is reached only through dangerouslySetInnerHTML.
  it.each(product.map((f) => relative(src, f)))('%s has no HTML or code sink', (file) => {
    const text = readFileSync(join(src, file), 'utf8');
    expect(text).not.toMatch(
      /dangerouslySetInnerHTML|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\s*\(|\bnew\s+Function\b|srcdoc/,
    );
  });

  it.each(product.map((f) => relative(src, f)))('%s does not import test support', (file) => {
    const text = readFileSync(join(src, file), 'utf8');
    expect(text).not.toMatch(/from '[^']*__fixtures__\//);
  });
});
