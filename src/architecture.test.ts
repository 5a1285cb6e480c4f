import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The functional core: no browser API may be reached from these files. */
const CORE = ['catalog', 'detect', 'page', 'report', 'status', 'observe', 'resilience'];
const CORE_FILES = ['badge.ts', 'messages.ts'];

function walk(dir: string): string[] {
  let out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(walk(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

describe('architecture', () => {
  const src = join(import.meta.dirname, '.');
  const files = [...CORE.flatMap((d) => walk(join(src, d))), ...CORE_FILES.map((f) => join(src, f))];

  it('finds the core files', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s uses no browser API', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/webextension-polyfill|\bchrome\.[a-z]|\bbrowser\.[a-z]|from '\.\.\/background/);
  });
});
