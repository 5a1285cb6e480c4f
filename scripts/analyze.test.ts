import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeDoh, NXDOMAIN, nsAnswer } from '../src/core/resilience/__fixtures__/fake-doh.ts';
import type { FetchLike } from '../src/core/resilience/lookup.ts';
import { type Io, run as runInProcess } from './analyze.ts';

const root = join(__dirname, '..');
const fixtures = join('src', 'core', 'report', '__fixtures__');

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
  it('prints one JSON object with --json, on one line', () => {
    const r = run(join(fixtures, 'chrome.har'), '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const report = JSON.parse(r.stdout);
    expect(report.source.file).toBe(join(fixtures, 'chrome.har'));
    expect(report.version).toBe(3);
    // Sovereignty: the companies, their country and law, and where the page was served from.
    expect(report.jurisdictions[0]).toEqual({
      company: 'Cloudflare',
      country: 'US',
      regime: 'us',
      providers: ['cloudflare'],
      critical: true,
      source: 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=NET',
    });
    expect(report.jurisdictions.map((j: { company: string }) => j.company)).toEqual([
      'Cloudflare',
      'Google',
      'Fastly',
      'jsDelivr',
    ]);
    expect(report.servedFrom).toEqual([{ country: 'DE', pops: ['FRA'] }]);
    expect(report.failover).toBeUndefined();
    expect(report.impact[0]).toMatchObject({
      providerId: 'cloudflare',
      severity: 'critical',
      critical: true,
    });
    expect(report.dns).toBeUndefined();
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
    expect(none.stderr).toBe(
      'usage: npm run analyze -- <file.har | folder>... [--json] [--dns] [--country XX]\n',
    );
    const bad = run('--yaml', 'x.har');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('analyze: unknown option --yaml');
    expect(bad.stderr).toContain(
      'usage: npm run analyze -- <file.har | folder>... [--json] [--dns] [--country XX]',
    );
  });
});

/** The analyzer in this process, with a fake fetch: nothing goes over the network. */
async function analyzeHere(args: string[], fetch: FetchLike) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    readFile: (path) => readFileSync(path === 0 ? '/dev/stdin' : join(root, path), 'utf8'),
    harFilesIn: (path) => {
      try {
        if (!statSync(join(root, path)).isDirectory()) return undefined;
      } catch {
        return undefined;
      }
      return readdirSync(join(root, path))
        .filter((n) => n.endsWith('.har'))
        .sort()
        .map((n) => join(path, n));
    },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    fetch,
    now: () => new Date('2026-08-16T12:00:00.000Z'),
  };
  const status = await runInProcess(args, io);
  return { status, stdout, stderr };
}

describe('analyze --dns (injected fetch)', () => {
  const har = join(fixtures, 'chrome.har');
  const answers = {
    'cloudflare example.org NS': {
      body: nsAnswer('example.org', ['a.iana-servers.net', 'b.iana-servers.net']),
    },
    'cloudflare jsdelivr.net NS': {
      body: nsAnswer('jsdelivr.net', ['ns1.p01.nsone.net', 'ns1.ns.cloudflare.com']),
    },
    'cloudflare googleapis.com NS': { body: NXDOMAIN },
    'cloudflare www.example.org A': {
      body: JSON.stringify({
        Status: 0,
        Question: [{ name: 'www.example.org', type: 1 }],
        Answer: [{ name: 'www.example.org', type: 5, TTL: 3600, data: 'www.example.org-v4.edgesuite.net.' }],
      }),
    },
  } as const;

  it('without --dns: no DNS part and no request at all', async () => {
    const { fetch, calls } = fakeDoh(answers);
    const r = await analyzeHere([har, '--json'], fetch);
    expect(r.status).toBe(0);
    expect(calls).toEqual([]);
    const report = JSON.parse(r.stdout);
    expect(report.dns).toBeUndefined();
    expect(report.generatedAt).toBe('2026-08-16T12:00:00.000Z');
    const text = await analyzeHere([har], fetch);
    expect(text.stdout).toContain('DNS providers\n  DNS providers were not looked up.\n');
    expect(calls).toEqual([]);
  });

  it('with --dns: NS of the page domain and of the domains it needs, through DoH', async () => {
    const { fetch, calls } = fakeDoh(answers);
    const r = await analyzeHere([har, '--json', '--dns'], fetch);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(calls.every((c) => c.accept === 'application/dns-json')).toBe(true);
    // gstatic.com has no answer from either resolver: Google is asked after Cloudflare. The page
    // host's address comes last.
    expect(calls.map((c) => `${c.resolver} ${c.name} ${c.type}`).sort()).toEqual([
      'cloudflare example.org NS',
      'cloudflare googleapis.com NS',
      'cloudflare gstatic.com NS',
      'cloudflare jsdelivr.net NS',
      'cloudflare www.example.org A',
      'google gstatic.com NS',
    ]);
    expect(calls.at(-1)?.type).toBe('A');
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report.dns)).toEqual(['example.org', 'googleapis.com', 'gstatic.com', 'jsdelivr.net']);
    expect(report.dns['gstatic.com']).toEqual({
      unknown: 'unreachable',
      key: 'resDnsUnreachable',
      subs: [],
      text: 'both resolvers unreachable',
    });
    expect(report.dns['example.org']).toEqual({
      source: 'ns',
      providers: [],
      nameservers: ['a.iana-servers.net', 'b.iana-servers.net'],
      unknownNameservers: ['a.iana-servers.net', 'b.iana-servers.net'],
      unknownOperators: ['iana-servers.net'],
      operators: 1,
      singleProvider: true,
    });
    expect(report.dns['googleapis.com']).toEqual({
      unknown: 'nxdomain',
      key: 'resDnsNxdomain',
      subs: [],
      text: 'NXDOMAIN: the domain does not exist in public DNS',
    });
    expect(report.dns['jsdelivr.net']).toMatchObject({
      singleProvider: false,
      operators: 2,
      unknownNameservers: [],
    });
    expect(report.dns['jsdelivr.net'].providers.map((p: { id: string }) => p.id).sort()).toEqual([
      'cloudflare',
      'ns1',
    ]);
    expect(report.singlePointsOfFailure.map((s: { id: string }) => s.id)).toContain('dns:example.org');
    // Failover readiness from the TTLs: the site's own CNAME (an hour), its NS records (an hour).
    expect(report.failover).toMatchObject({
      host: 'www.example.org',
      address: { type: 'CNAME', ttl: 3600, reach: 'hour' },
      nameservers: { domain: 'example.org', ttl: 3600, reach: 'hour' },
    });
    // The nameservers nobody claims are a company of unknown country on the critical path.
    expect(report.jurisdictions.map((j: { company: string }) => j.company).slice(0, 2)).toEqual([
      'iana-servers.net',
      'Cloudflare',
    ]);
    expect(report.jurisdictions).toContainEqual({
      company: 'iana-servers.net',
      country: null,
      regime: 'unknown',
      providers: [],
      critical: true,
    });
  });

  it('with --dns: Google answers when Cloudflare fails; both failing leaves DNS unknown', async () => {
    const google = fakeDoh({
      'cloudflare *': 'network',
      'google *': { body: nsAnswer('x', ['kim.ns.cloudflare.com']) },
    });
    const r = await analyzeHere([har, '--dns'], google.fetch);
    expect(r.status).toBe(0);
    // Four domains and the page host's address, each asked at Cloudflare, then Google.
    expect(google.calls.map((c) => c.resolver).sort()).toEqual([
      ...Array(5).fill('cloudflare'),
      ...Array(5).fill('google'),
    ]);
    expect(r.stdout).toContain(
      '  example.org: Cloudflare (kim.ns.cloudflare.com) (one provider, no secondary DNS)\n',
    );

    const down = fakeDoh({});
    const d = await analyzeHere([har, '--dns'], down.fetch);
    expect(d.status).toBe(0);
    expect(d.stdout).toContain('  example.org: DNS unknown: both resolvers unreachable\n');
  });

  it('--country: the summary says what lies outside that country and the EU; a bad code is a usage error', async () => {
    const { fetch, calls } = fakeDoh({});
    const r = await analyzeHere([har, '--json', '--country', 'fr'], fetch);
    expect(r.status).toBe(0);
    expect(calls).toEqual([]);
    const report = JSON.parse(r.stdout);
    expect(report.sovereignty.map((x: { text: string }) => x.text).slice(2)).toEqual([
      'Outside your country (France): Cloudflare (United States); served from Germany (Frankfurt).',
      'Outside the EU: Cloudflare (United States).',
    ]);
    const text = await analyzeHere([har, '--country', 'DE'], fetch);
    expect(text.stdout).toContain(
      '  Outside your country (Germany) and the EU: Cloudflare (United States).\n',
    );
    const bad = await analyzeHere([har, '--country', 'UK'], fetch);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^analyze: --country needs an ISO 3166-1 alpha-2 code/);
  });

  it('usage and read errors still exit 2 with one line', async () => {
    const { fetch } = fakeDoh({});
    expect(await analyzeHere([], fetch)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'usage: npm run analyze -- <file.har | folder>... [--json] [--dns] [--country XX]\n',
    });
    const missing = await analyzeHere([join(fixtures, 'nope.har'), '--dns'], fetch);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^analyze: .*nope\.har: no such file\n$/);
  });
});

describe('analyze: several HARs, and the HARs tools write', () => {
  const { fetch } = fakeDoh({});
  const reportsOf = (stdout: string) =>
    stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));

  it('reads several files and folders, one JSON report a line, naming its file', async () => {
    const r = await analyzeHere([join(fixtures, 'firefox.har'), fixtures, '--json'], fetch);
    // The folder holds broken samples too: each gives its line on stderr, the others are reported.
    expect(r.status).toBe(2);
    const reports = reportsOf(r.stdout);
    expect(reports.map((x) => x.source.file)).toEqual([
      join(fixtures, 'firefox.har'),
      join(fixtures, 'chrome.har'),
      join(fixtures, 'firefox.har'),
      join(fixtures, 'webpagetest.har'),
    ]);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^analyze: .*no-entries\.har: not a HAR file/),
      expect.stringMatching(/^analyze: .*not-json\.har: not valid JSON/),
      expect.stringMatching(/^analyze: .*truncated\.har: truncated HAR/),
    ]);
  });

  it('prints each report under its file name in text', async () => {
    const r = await analyzeHere([join(fixtures, 'chrome.har'), join(fixtures, 'webpagetest.har')], fetch);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^=== .*chrome\.har ===\nFaultline report for https:\/\/www\.example\.org\//);
    expect(r.stdout).toContain(`\n\n=== ${join(fixtures, 'webpagetest.har')} ===\nFaultline report for`);
  });

  it('an empty folder is an error', async () => {
    const r = await analyzeHere([join('src', 'core', 'report'), '--json'], fetch);
    expect(r).toEqual({
      status: 2,
      stdout: '',
      stderr: 'analyze: src/core/report: no .har files in this folder\n',
    });
  });

  it('reads WebPageTest: the IP in _ip_addr, frames after the main document, no IP ≠ cache', async () => {
    const r = await analyzeHere([join(fixtures, 'webpagetest.har'), '--json'], fetch);
    expect(r.stderr).toBe('');
    const [report] = reportsOf(r.stdout);
    expect(report.page).toBe('https://www.example-news.com/');
    expect(report.source.creator).toBe('WebPagetest 21.07 (Google Chrome 126.0.6478.127)');
    const providers = Object.fromEntries(
      report.providers.map((p: { id: string; role: string; document: boolean; serves: object }) => [
        p.id,
        { role: p.role, document: p.document, serves: p.serves },
      ]),
    );
    // Akamai carries the page from its address alone; CloudFront from its address and headers.
    expect(providers.akamai).toEqual({ role: 'edge', document: true, serves: { document: 2 } });
    expect(providers.cloudfront).toEqual({ role: 'edge', document: false, serves: { script: 1 } });
    // The ad's HTML is a frame: Google's front end is not needed for the page to load.
    expect(providers.google).toEqual({ role: 'edge', document: false, serves: { subframe: 1 } });
    const impact = Object.fromEntries(
      report.impact.map((i: { providerId: string; critical: boolean }) => [i.providerId, i.critical]),
    );
    expect(impact).toEqual({ akamai: true, cloudfront: false, google: false });
    // The image has no IP and the HAR does not say it came from a cache.
    expect(report.unknownRequests).toBe(0);
    expect(report.unattributedHosts).toEqual(['img.example-news.com']);
    expect(report.source.counts).toMatchObject({
      'entries of later pages': 1,
      'responses from a cache or service worker': 0,
      'responses with no server IP in the HAR': 1,
    });
  });
});
