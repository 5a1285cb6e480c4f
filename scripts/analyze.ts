/**
 * `npm run analyze -- <file.har> [--json]`: which providers a page saved as HAR relies on.
 * Text by default; `--json` prints the report as one JSON object. Errors: one line on stderr and
 * exit code 2 (usage, unreadable file, not JSON, truncated, not a HAR).
 */
import { readFileSync } from 'node:fs';
import { analyzeHarText, reportText } from '../src/report/index.ts';

const USAGE = 'usage: npm run analyze -- <file.har> [--json]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function main(argv: readonly string[]): void {
  let json = false;
  const files: string[] = [];
  for (const arg of argv) {
    if (arg === '--json') json = true;
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return;
    } else if (arg.startsWith('-') && arg !== '-') fail(`analyze: unknown option ${arg}\n${USAGE}`);
    else files.push(arg);
  }
  if (files.length !== 1) fail(USAGE);
  const file = files[0]!;

  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (code ?? 'cannot read');
    fail(`analyze: ${file}: ${why}`);
  }

  const result = analyzeHarText(text, { generatedAt: new Date().toISOString() });
  if (!result.ok) fail(`analyze: ${file}: ${result.reason}`);
  process.stdout.write(json ? `${JSON.stringify(result.report, null, 2)}\n` : reportText(result.report));
}

try {
  main(process.argv.slice(2));
} catch (e) {
  // Never a stack trace: one line, exit 2.
  fail(`analyze: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
}
