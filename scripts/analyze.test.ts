import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const fixtures = join('src', 'report', '__fixtures__');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['tsx', 'scripts/analyze.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exactly one line on stderr, nothing on stdout, exit code 2. */
function expectOneLineError(r: ReturnType<typeof run>, line: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr.trimEnd()).toMatch(line);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
}

describe('npm run analyze', { timeout: 120_000 }, () => {
  it('prints one JSON object with --json', () => {
    const r = run(join(fixtures, 'chrome.har'), '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    expect(report.page).toBe('https://www.example.org/');
    expect(report.providers[0]).toMatchObject({ id: 'cloudflare', role: 'edge', document: true });
  });

  it('missing file → exit 2, one line', () => {
    expectOneLineError(
      run(join(fixtures, 'does-not-exist.har')),
      /^analyze: .*does-not-exist\.har: no such file$/,
    );
  });

  it('malformed JSON → exit 2, one line', () => {
    expectOneLineError(run(join(fixtures, 'not-json.har')), /^analyze: .*not-json\.har: not valid JSON \(/);
  });

  it('truncated HAR → exit 2, one line', () => {
    expectOneLineError(
      run(join(fixtures, 'truncated.har')),
      /^analyze: .*truncated\.har: truncated HAR: the JSON stops after \d+ characters$/,
    );
  });

  it('HAR without log.entries → exit 2, one line', () => {
    expectOneLineError(
      run(join(fixtures, 'no-entries.har')),
      /^analyze: .*no-entries\.har: not a HAR file: no "log.entries" list$/,
    );
  });

  it('usage errors → exit 2 with the usage line', () => {
    const none = run();
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('usage: npm run analyze -- <file.har> [--json]\n');
    const bad = run('--yaml', 'x.har');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('analyze: unknown option --yaml');
    expect(bad.stderr).toContain('usage: npm run analyze -- <file.har> [--json]');
  });
});
