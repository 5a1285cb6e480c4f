/**
 * `npm run analyze -- <file.har | folder>… [--json] [--dns] [--country XX]`: which providers pages
 * saved as HAR rely on, what fails if each of them does, their single points of failure, and
 * whose law their providers run under (`--country`, ISO 3166-1 alpha-2: what lies outside that
 * country and the EU). HARs from
 * browser devtools and from tools (WebPageTest, sitespeed.io, Playwright…) are read alike. A
 * folder stands for the `.har` files in it. Text by default; `--json` prints one JSON report a
 * line (its `source.file` names the HAR), so a team can run it over its pages in CI. `--dns` also
 * looks up who runs the nameservers of each page's domain and of the domains it needs (DNS over
 * HTTPS: Cloudflare, then Google; 5 s each) and the page host's address record (the failover
 * estimate); without it nothing goes over the network.
 *
 * A file that cannot be read (missing, not JSON, truncated, not a HAR) gives one line on stderr
 * and the others are still reported; the exit code is then 2. Usage errors: the usage line, 2.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isCountryCode } from '../src/core/catalog/jurisdictions.ts';
import { analyzeHarText, analyzeHarWithDns, type Report, reportText } from '../src/core/report/index.ts';
import { dohFetcher, type FetchLike } from '../src/core/resilience/lookup.ts';
import { translator } from './lib/locales-fragments.ts';

export const USAGE = 'usage: npm run analyze -- <file.har | folder>... [--json] [--dns] [--country XX]';

/** What the analyzer reaches outside itself; tests pass fakes. */
export interface Io {
  readonly readFile: (path: string | 0) => string;
  /** The `.har` files of a folder, sorted; undefined when the path is not a folder. */
  readonly harFilesIn: (path: string) => string[] | undefined;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly fetch: FetchLike;
  readonly now: () => Date;
}

class Failure extends Error {}

function fail(message: string): never {
  throw new Failure(message);
}

function whyUnreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'no such file'
    : code === 'EISDIR'
      ? 'is a directory'
      : code === 'EACCES'
        ? 'permission denied'
        : (code ?? 'cannot read');
}

interface Options {
  readonly json: boolean;
  readonly dns: boolean;
  /** The reader's country (ISO 3166-1 alpha-2), for what lies outside it. */
  readonly country?: string;
  readonly files: readonly string[];
}

function parseArgs(argv: readonly string[], io: Io): Options | 'help' {
  let json = false;
  let dns = false;
  let country: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--dns') dns = true;
    else if (arg === '--country') {
      const code = (argv[++i] ?? '').toUpperCase();
      if (!isCountryCode(code))
        fail(`analyze: --country needs an ISO 3166-1 alpha-2 code (FR, US…)\n${USAGE}`);
      country = code;
    } else if (arg === '-h' || arg === '--help') return 'help';
    else if (arg.startsWith('-') && arg !== '-') fail(`analyze: unknown option ${arg}\n${USAGE}`);
    else {
      const inFolder = arg === '-' ? undefined : io.harFilesIn(arg);
      if (inFolder?.length === 0) fail(`analyze: ${arg}: no .har files in this folder`);
      files.push(...(inFolder ?? [arg]));
    }
  }
  if (files.length === 0) fail(USAGE);
  return { json, dns, files, ...(country ? { country } : {}) };
}

/** One HAR → its report, or the one-line reason it cannot be. */
async function analyzeFile(file: string, o: Options, io: Io): Promise<Report | string> {
  let text: string;
  try {
    text = io.readFile(file === '-' ? 0 : file);
  } catch (e) {
    return `analyze: ${file}: ${whyUnreadable(e)}`;
  }
  const options = {
    generatedAt: io.now().toISOString(),
    ...(o.country ? { home: { country: o.country } } : {}),
  };
  const result = o.dns
    ? await analyzeHarWithDns(text, dohFetcher(io.fetch), options)
    : analyzeHarText(text, options);
  if (!result.ok) return `analyze: ${file}: ${result.reason}`;
  return { ...result.report, source: { kind: 'har', ...result.report.source, file } };
}

/** Reports every file; true when each of them could be read. */
async function analyze(argv: readonly string[], io: Io): Promise<boolean> {
  const o = parseArgs(argv, io);
  if (o === 'help') {
    io.stdout(`${USAGE}\n`);
    return true;
  }
  let ok = true;
  for (const [k, file] of o.files.entries()) {
    const report = await analyzeFile(file, o, io);
    if (typeof report === 'string') {
      io.stderr(`${report}\n`);
      ok = false;
      continue;
    }
    if (o.json) io.stdout(`${JSON.stringify(report)}\n`);
    else {
      const heading = o.files.length > 1 ? `${k > 0 ? '\n' : ''}=== ${file} ===\n` : '';
      io.stdout(heading + reportText(report, translator('en')));
    }
  }
  return ok;
}

/** Runs the analyzer; the exit code: 0, or 2 after one line on stderr (never a stack trace). */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    return (await analyze(argv, io)) ? 0 : 2;
  } catch (e) {
    const message =
      e instanceof Failure ? e.message : `analyze: ${e instanceof Error ? e.message : String(e)}`;
    io.stderr(`${e instanceof Failure ? message : message.split('\n')[0]}\n`);
    return 2;
  }
}

const NODE_IO: Io = {
  readFile: (path) => readFileSync(path, 'utf8'),
  harFilesIn: (path) => {
    try {
      if (!statSync(path).isDirectory()) return undefined;
    } catch {
      return undefined; // missing: reported when read
    }
    return readdirSync(path)
      .filter((name) => name.toLowerCase().endsWith('.har'))
      .sort()
      .map((name) => join(path, name));
  },
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fetch: (url, init) => fetch(url, init),
  now: () => new Date(),
};

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  void run(process.argv.slice(2), NODE_IO).then((code) => {
    process.exitCode = code;
  });
}
