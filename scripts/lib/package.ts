import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ZipEntry } from './zip.ts';

/**
 * What `npm run package` decides, apart from its I/O: the packages' names, what goes in each,
 * and which `web-ext lint` findings a package may ship with (scripts/package.ts runs it).
 */

export type Target = 'chrome' | 'firefox' | 'source';

export function packageName(version: string, target: Target): string {
  return `faultline-${version}-${target}.zip`;
}

/** Every file under `root`, as sorted `/`-separated relative paths (the zip's order). */
export function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** Files that have no place in a package built for a store: source maps, the build's own notes. */
const NOT_SHIPPED = /(^|\/)\.vite\/|\.map$|(^|\/)\.DS_Store$/;

/** The entries of an extension package: the built directory, manifest at the root. */
export function extensionEntries(root: string): ZipEntry[] {
  const files = filesUnder(root).filter((f) => !NOT_SHIPPED.test(f));
  if (!files.includes('manifest.json')) throw new Error(`${root} has no manifest.json: build first`);
  return files.map((path) => ({ path, data: readFileSync(join(root, path)) }));
}

/**
 * What the source package must not hold: what `npm ci` and `npm run build` make, the packages
 * themselves, and local demo/test output. (The project's files come from git, which already
 * leaves out what .gitignore lists; this is the belt to its braces.)
 */
const NOT_SOURCE = /^(node_modules|dist|release|demo-output|public\/_locales|e2e\/\.lab)\//;

/** The entries of the source package: the project's files as git lists them, read from disk. */
export function sourceEntries(root: string, files: readonly string[]): ZipEntry[] {
  return [...new Set(files)]
    .filter((f) => !NOT_SOURCE.test(f))
    .sort()
    .flatMap((path) => {
      const full = join(root, path);
      // Listed by git but deleted in the working tree: not part of what was built.
      try {
        if (!statSync(full).isFile()) return [];
      } catch {
        return [];
      }
      return [{ path, data: readFileSync(full) }];
    });
}

/** One finding of `web-ext lint -o json`. */
export interface LintMessage {
  readonly code: string;
  readonly message: string;
  readonly file?: string | undefined;
}

export interface LintReport {
  readonly errors: readonly LintMessage[];
  readonly warnings: readonly LintMessage[];
  readonly notices: readonly LintMessage[];
}

/**
 * The findings a package may ship with, each explained to the reviewers
 * (store/amo-reviewer-notes.md): Preact's renderer assigns `innerHTML` for the
 * `dangerouslySetInnerHTML` prop, a path Faultline never takes (src/architecture.test.ts
 * forbids the prop and every HTML sink in product code).
 */
export const EXPLAINED: readonly { readonly code: string; readonly file: RegExp; readonly why: string }[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^assets\/jsxRuntime-[\w-]+\.js$/,
    why: "Preact's own dangerouslySetInnerHTML path, never used by Faultline",
  },
];

/** The findings that block a package: every error, every warning or notice not explained above. */
export function unexplained(report: LintReport): LintMessage[] {
  const explained = (m: LintMessage): boolean =>
    EXPLAINED.some((e) => e.code === m.code && e.file.test(m.file ?? ''));
  return [...report.errors, ...[...report.warnings, ...report.notices].filter((m) => !explained(m))];
}
