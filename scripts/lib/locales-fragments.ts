/**
 * The message fragments of this repository, read from disk and merged (locales-merge.ts): what the
 * build ships as `_locales/`, and what tests and the HAR analyzer translate with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Translate } from '../../src/core/i18n.ts';
import { getMessage } from './get-message.ts';
import { type Fragment, isFragmentName, type Lang, type Locales, mergeFragments } from './locales-merge.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Paths of every fragment under `<root>/src` (test support in `__fixtures__/` aside), sorted. */
export function fragmentPaths(root: string = ROOT): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const path = join(dir, d.name);
      if (d.isDirectory()) return d.name === '__fixtures__' || d.name === 'node_modules' ? [] : walk(path);
      return isFragmentName(d.name) ? [path] : [];
    });
  return walk(join(root, 'src')).sort();
}

/** The fragments, parsed; a file that is not JSON is reported with its path. */
export function readFragments(root: string = ROOT): Fragment[] {
  return fragmentPaths(root).map((path) => {
    const name = relative(root, path).split(sep).join('/');
    try {
      return { path: name, data: JSON.parse(readFileSync(path, 'utf8')) as unknown };
    } catch (e) {
      throw new Error(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

let merged: Locales | undefined;

/** The merged locales of this repository (read once). */
export function locales(): Locales {
  merged ??= mergeFragments(readFragments());
  return merged;
}

/** `getMessage` over the merged locale that fails loudly on a key it does not have. */
export function translator(lang: Lang): Translate {
  const file = locales()[lang];
  return (key, subs) => {
    const text = getMessage(file, key, subs);
    if (text === undefined) throw new Error(`missing message "${key}" in ${lang}`);
    return text;
  };
}
