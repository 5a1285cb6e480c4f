import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EXPLAINED,
  extensionEntries,
  type LintReport,
  packageName,
  sourceEntries,
  unexplained,
} from './package.ts';

/** The lint report of 0.1.0's Firefox build before the gecko_android fix (recorded). */
const RECORDED = JSON.parse(
  readFileSync(join(import.meta.dirname, '__fixtures__', 'web-ext-lint-0.1.0.json'), 'utf8'),
) as LintReport;

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'faultline-package-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('package contents', () => {
  it('names the packages after the version and the store', () => {
    expect(packageName('0.1.0', 'chrome')).toBe('faultline-0.1.0-chrome.zip');
    expect(packageName('1.2.3', 'source')).toBe('faultline-1.2.3-source.zip');
  });

  it('packs a built extension with its manifest at the root, sorted, without source maps', () => {
    const root = tree({
      'manifest.json': '{}',
      'assets/b.js': 'b',
      'assets/a.js': 'a',
      'assets/a.js.map': '{}',
      '.vite/manifest.json': '{}',
    });
    expect(extensionEntries(root).map((e) => e.path)).toEqual([
      'assets/a.js',
      'assets/b.js',
      'manifest.json',
    ]);
    expect(() => extensionEntries(tree({ 'index.js': '' }))).toThrow(/no manifest.json: build first/);
  });

  it('packs the sources git lists, never what npm ci or the build make, nor deleted files', () => {
    const root = tree({
      'package.json': '{}',
      'src/a.ts': 'a',
      'node_modules/x/index.js': 'x',
      'dist/firefox/manifest.json': '{}',
      'public/_locales/en/messages.json': '{}',
    });
    const listed = ['src/a.ts', 'package.json', 'node_modules/x/index.js', 'dist/firefox/manifest.json'];
    const entries = sourceEntries(root, [...listed, 'public/_locales/en/messages.json', 'deleted.ts']);
    expect(entries.map((e) => e.path)).toEqual(['package.json', 'src/a.ts']);
  });
});

describe('lint findings a package may ship with', () => {
  it('lets through only the explained Preact innerHTML warning', () => {
    expect(RECORDED.warnings.map((w) => w.code)).toEqual([
      'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION',
      'UNSAFE_VAR_ASSIGNMENT',
    ]);
    expect(unexplained(RECORDED).map((m) => m.code)).toEqual([
      'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION',
    ]);
  });

  it('explains a warning only in the file it was explained for, and never an error', () => {
    const preact = RECORDED.warnings[1]!;
    const elsewhere = { ...preact, file: 'assets/index.html-C30kLmwb.js' };
    expect(unexplained({ errors: [], notices: [], warnings: [elsewhere] })).toEqual([elsewhere]);
    expect(unexplained({ errors: [preact], notices: [], warnings: [] })).toEqual([preact]);
    expect(EXPLAINED.every((e) => e.why.length > 0)).toBe(true);
  });
});
