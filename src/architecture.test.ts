import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The layout is the architecture: everything under src/core/ is the functional core (pure
 * TypeScript, no browser API), src/messages.ts is the pure protocol between the entry points,
 * and src/background, src/popup, src/options are the browser entry points — the only code that
 * touches `browser.*`. Test support lives in `__fixtures__/` folders, which product code never
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

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.includes('/__fixtures__/');
const product = walk(src).filter((f) => !isTest(f));
const core = [...product.filter((f) => f.startsWith(join(src, 'core'))), join(src, 'messages.ts')];

describe('architecture', () => {
  it('finds the core files', () => {
    expect(core.length).toBeGreaterThan(50);
  });

  it.each(core.map((f) => relative(src, f)))('%s uses no browser API and no entry point', (file) => {
    const text = readFileSync(join(src, file), 'utf8');
    expect(text).not.toMatch(/webextension-polyfill|\bchrome\.[a-z]|\bbrowser\.[a-z]/);
    expect(text).not.toMatch(/from '(\.\.\/)+(background|popup|options)\//);
  });

  it.each(product.map((f) => relative(src, f)))('%s does not import test support', (file) => {
    const text = readFileSync(join(src, file), 'utf8');
    expect(text).not.toMatch(/from '[^']*__fixtures__\//);
  });
});
