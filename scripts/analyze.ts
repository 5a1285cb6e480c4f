/**
 * `npm run analyze -- <file.har> [--json] [--dns] [--country XX]`: which providers a page saved as
 * HAR relies on, what fails if each of them does, its single points of failure, and whose law its
 * providers run under. Text by default; `--json` prints the report as one JSON object. `--dns`
 * also looks up who runs the nameservers of the page's domain and of the domains it needs, and the
 * page host's address record (DNS over HTTPS: Cloudflare, then Google; 5 s each); without it
 * nothing goes over the network. `--country` (ISO 3166-1 alpha-2) makes the sovereignty summary
 * say what lies outside that country (and the EU). Errors: one line on stderr and exit code 2
 * (usage, unreadable file, not JSON, truncated, not a HAR).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isCountryCode } from '../src/core/catalog/jurisdictions.ts';
import { analyzeHarText, analyzeHarWithDns, reportText } from '../src/core/report/index.ts';
import { dohFetcher, type FetchLike } from '../src/core/resilience/lookup.ts';
import { translator } from './lib/locales-fragments.ts';

export const USAGE = 'usage: npm run analyze -- <file.har> [--json] [--dns] [--country XX]';

/** What the analyzer reaches outside itself; tests pass fakes. */
export interface Io {
  readonly readFile: (path: string | 0) => string;
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

async function analyze(argv: readonly string[], io: Io): Promise<void> {
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
    } else if (arg === '-h' || arg === '--help') {
      io.stdout(`${USAGE}\n`);
      return;
    } else if (arg.startsWith('-') && arg !== '-') fail(`analyze: unknown option ${arg}\n${USAGE}`);
    else files.push(arg);
  }
  if (files.length !== 1) fail(USAGE);
  const file = files[0]!;

  let text: string;
  try {
    text = io.readFile(file === '-' ? 0 : file);
  } catch (e) {
    fail(`analyze: ${file}: ${whyUnreadable(e)}`);
  }

  const options = { generatedAt: io.now().toISOString(), ...(country ? { home: { country } } : {}) };
  const result = dns
    ? await analyzeHarWithDns(text, dohFetcher(io.fetch), options)
    : analyzeHarText(text, options);
  if (!result.ok) fail(`analyze: ${file}: ${result.reason}`);
  io.stdout(
    json ? `${JSON.stringify(result.report, null, 2)}\n` : reportText(result.report, translator('en')),
  );
}

/** Runs the analyzer; the exit code: 0, or 2 after one line on stderr (never a stack trace). */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    await analyze(argv, io);
    return 0;
  } catch (e) {
    const message =
      e instanceof Failure ? e.message : `analyze: ${e instanceof Error ? e.message : String(e)}`;
    io.stderr(`${e instanceof Failure ? message : message.split('\n')[0]}\n`);
    return 2;
  }
}

const NODE_IO: Io = {
  readFile: (path) => readFileSync(path, 'utf8'),
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
