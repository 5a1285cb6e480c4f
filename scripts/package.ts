/**
 * `npm run package`: builds both extensions and writes the store packages of the version in
 * package.json to release/:
 * - faultline-<version>-chrome.zip: dist/chrome, manifest at the root (Chrome Web Store, Edge
 *   Add-ons);
 * - faultline-<version>-firefox.zip: dist/firefox (addons.mozilla.org), linted as packaged with
 *   `web-ext lint`: no error, no warning but the explained ones (scripts/lib/package.ts);
 * - faultline-<version>-source.zip: what an AMO reviewer needs to rebuild (the bundles are
 *   minified): the project's files as git lists them (sources, lockfile, README with the build
 *   steps, store/amo-reviewer-notes.md), without node_modules or dist.
 * The zips are reproducible (scripts/lib/zip.ts): the same files give the same bytes. Prints each
 * package's size and SHA-256. Exit 1 when a package is refused, with the reason.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  extensionEntries,
  type LintReport,
  packageName,
  sourceEntries,
  type Target,
  unexplained,
} from './lib/package.ts';
import { zip } from './lib/zip.ts';

const ROOT = join(import.meta.dirname, '..');
const RELEASE = join(ROOT, 'release');

function fail(message: string): never {
  process.stderr.write(`package: ${message}\n`);
  process.exit(1);
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0)
    fail(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
if (!/^\d+\.\d+\.\d+$/.test(version))
  fail(`package.json version ${version} is not the x.y.z the stores take`);

run('npm', ['run', 'build']);

/** The project's files as git sees them: tracked and untracked, minus what .gitignore leaves out. */
function projectFiles(): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return out.split('\0').filter(Boolean);
  } catch (error) {
    return fail(`the source package lists the project's files with git: ${(error as Error).message}`);
  }
}

const built: Record<Target, ReturnType<typeof extensionEntries>> = {
  chrome: extensionEntries(join(ROOT, 'dist', 'chrome')),
  firefox: extensionEntries(join(ROOT, 'dist', 'firefox')),
  source: sourceEntries(ROOT, projectFiles()),
};

for (const target of ['chrome', 'firefox'] as const) {
  const manifest = JSON.parse(
    new TextDecoder().decode(built[target].find((e) => e.path === 'manifest.json')!.data),
  ) as { version?: string; background?: Record<string, unknown>; browser_specific_settings?: unknown };
  if (manifest.version !== version)
    fail(`dist/${target} is version ${manifest.version}, package.json ${version}`);
  if (target === 'chrome' && (manifest.background?.scripts || manifest.browser_specific_settings)) {
    fail('dist/chrome carries Firefox-only manifest keys');
  }
}
for (const needed of ['package.json', 'package-lock.json', 'README.md', 'store/amo-reviewer-notes.md']) {
  if (!built.source.some((e) => e.path === needed)) fail(`the source package would lack ${needed}`);
}

rmSync(RELEASE, { recursive: true, force: true });
mkdirSync(RELEASE, { recursive: true });
const written: { target: Target; path: string; bytes: Uint8Array; entries: number }[] = [];
for (const target of ['chrome', 'firefox', 'source'] as const) {
  const path = join(RELEASE, packageName(version, target));
  const bytes = zip(built[target]);
  writeFileSync(path, bytes);
  written.push({ target, path, bytes, entries: built[target].length });
}

// The Firefox package is linted as AMO receives it: the zip itself.
const firefox = written.find((w) => w.target === 'firefox')!;
const lint = spawnSync(
  join(ROOT, 'node_modules', '.bin', 'web-ext'),
  ['lint', '--source-dir', firefox.path, '--no-config-discovery', '--output', 'json'],
  { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
let report: LintReport;
try {
  report = JSON.parse(lint.stdout) as LintReport;
} catch {
  fail(`web-ext lint gave no report (exit ${lint.status}): ${lint.stderr.slice(0, 2000)}`);
}
const blocking = unexplained(report);

const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
for (const w of written) {
  const sha = createHash('sha256').update(w.bytes).digest('hex');
  process.stdout.write(
    `${w.path.slice(ROOT.length + 1)}  ${kib(w.bytes.length)}  ${w.entries} files  sha256 ${sha}\n`,
  );
}
process.stdout.write(
  `web-ext lint (firefox zip): ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices; ${blocking.length} not explained\n`,
);
if (blocking.length > 0) {
  for (const m of blocking) process.stderr.write(`  ${m.code} ${m.file ?? ''}: ${m.message}\n`);
  fail('the Firefox package has lint findings that are not explained (scripts/lib/package.ts EXPLAINED)');
}
