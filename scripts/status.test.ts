import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FetchLike, type Io, run, USAGE } from './status.ts';

const root = join(import.meta.dirname, '..');
const FIX = join('src', 'core', 'status', '__fixtures__');
const NOW = '2026-09-12T06:00:00Z';

/** The command in this process, with a fake network and clock. */
async function status(args: string[], fetch: FetchLike = refuse) {
  let stdout = '';
  let stderr = '';
  const calls: string[] = [];
  const io: Io = {
    readFile: (path) => new Uint8Array(readFileSync(path === 0 ? '/dev/stdin' : join(root, path))),
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    fetch: (url, init) => {
      calls.push(url);
      return fetch(url, init);
    },
    now: () => new Date(NOW),
  };
  const code = await run(args, io);
  return { code, stdout, stderr, calls };
}

const refuse: FetchLike = async () => {
  throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND www.cloudflarestatus.com') });
};

/** One line on stderr, nothing on stdout, the exit code. */
function expectOneLine(r: Awaited<ReturnType<typeof status>>, code: number, line: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr.trimEnd()).toMatch(line);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
}

describe('npm run status — a saved body', () => {
  const colos = join(FIX, 'statuspage', 'cloudflare-colos.json');

  it('prints what a page served from CDG sees, why, and what it ignores', async () => {
    const r = await status(['--provider', 'cloudflare', '--pop', 'CDG', '--file', colos, '--now', NOW]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.calls).toEqual([]);
    expect(r.stdout).toBe(
      [
        'Cloudflare (cloudflare), read as statuspage at 2026-09-12T06:00:00.000Z',
        '  status page: https://www.cloudflarestatus.com',
        '  page served from: CDG (Paris)',
        '  level for this page: major outage',
        '  products this page uses, not operational:',
        '    - CDN/Cache: major outage',
        '  incidents that concern this page:',
        '    - [major outage] CDN/Cache: elevated 5xx errors in multiple locations (investigating): names CDN/Cache, which this page uses',
        '  maintenances that concern this page:',
        "    - [maintenance] CDG (Paris) on 2026-09-20 (scheduled, from 2026-09-20 02:00 UTC): names this page's datacenter or region CDG",
        '  ignored for this page:',
        '    - IAD (Ashburn) on 2026-09-12: names only other datacenters or regions (IAD)',
        '',
      ].join('\n'),
    );
  });

  it('--json is the page-status object the popup receives', async () => {
    const r = await status([
      '--provider',
      'cloudflare',
      '--pop',
      'FRA',
      '--file',
      colos,
      '--now',
      NOW,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const st = JSON.parse(r.stdout);
    expect(Object.keys(st).sort()).toEqual(
      [
        'checkedAt',
        'ignored',
        'incidents',
        'level',
        'maintenances',
        'pageUrl',
        'products',
        'providerId',
        'rerouted',
        'uncertain',
      ].sort(),
    );
    expect(st).toMatchObject({ providerId: 'cloudflare', level: 'major_outage', rerouted: ['FRA'] });
    expect(st.incidents[0]).toMatchObject({
      relation: 'pop',
      because: { kind: 'place', places: ['FRA'], products: ['CDN/Cache'] },
    });
    expect(st.checkedAt).toBe(Date.parse(NOW));
  });

  it('says why a source is unknown: a stale one with the time it stopped', async () => {
    const stripe = join(FIX, 'corpus', 'stripe', '2024-02-09-current-frozen.json');
    const r = await status(['--provider', 'stripe', '--file', stripe, '--now', '2026-10-05T12:00:00Z']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '  level for this page: status unknown: source stale since 2024-02-09T18:08:00.000Z\n',
    );
    expect(r.stdout).toContain('  the source last said: operational\n');
    const json = await status([
      '--provider',
      'stripe',
      '--file',
      stripe,
      '--now',
      '2026-10-05T12:00:00Z',
      '--json',
    ]);
    expect(JSON.parse(json.stdout).unknown).toEqual({
      reason: 'stale',
      lastLevel: 'operational',
      lastOkAt: Date.parse('2026-10-05T12:00:00Z'),
      since: Date.parse('2024-02-09T18:08:00Z'),
    });
  });

  it('reads a page the catalog does not know with --kind, every component counting', async () => {
    const body = join(FIX, 'incidentio', 'summary.json');
    const r = await status([
      '--provider',
      'acme',
      '--kind',
      'incidentio',
      '--file',
      body,
      '--now',
      NOW,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).level).not.toBe('operational');
  });

  it('reads bytes as the extension does: a UTF-16 AWS body', async () => {
    const body = join(FIX, 'aws', 'currentevents.utf16be-bom.bin');
    const r = await status(['--provider', 'aws', '--file', body, '--now', NOW, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).providerId).toBe('aws');
  });
});

describe('npm run status — errors', () => {
  it('usage: no provider, an unknown option, a bad kind or time → exit 2 with one line', async () => {
    expectOneLine(await status([]), 2, /^usage: npm run status -- --provider <id>/);
    expect((await status(['--yaml'])).stderr).toContain('status: unknown option --yaml');
    expect((await status(['--yaml'])).stderr).toContain(USAGE);
    expectOneLine(
      await status(['--provider', 'x', '--kind', 'carrier-pigeon']),
      2,
      /^status: unknown feed kind carrier-pigeon/,
    );
    expectOneLine(
      await status(['--provider', 'cloudflare', '--now', 'yesterday']),
      2,
      /^status: --now yesterday is not an ISO time$/,
    );
    expectOneLine(
      await status(['--provider', 'cloudflare', '--pop', '<script>']),
      2,
      /^status: --pop <script> is not a PoP code$/,
    );
    expectOneLine(await status(['--provider']), 2, /^status: --provider needs a value$/);
  });

  it('a provider without a public status, or unknown to the catalog, says so', async () => {
    expectOneLine(
      await status(['--provider', 'okta']),
      2,
      /^status: okta has no public status: Salesforce-hosted HTML/,
    );
    expectOneLine(
      await status(['--provider', 'google-fonts']),
      2,
      /^status: google-fonts has no public status: no public status/,
    );
    expectOneLine(
      await status(['--provider', 'acme']),
      2,
      /^status: acme is not a catalog provider; give --kind/,
    );
    expectOneLine(
      await status(['--provider', 'acme', '--kind', 'statuspage']),
      2,
      /^status: acme is not in the catalog: give --file or --url/,
    );
  });

  it('an unreadable or unparseable file → exit 2, one line', async () => {
    expectOneLine(
      await status(['--provider', 'cloudflare', '--file', 'no/such/file.json']),
      2,
      /^status: no\/such\/file\.json: no such file$/,
    );
    expectOneLine(
      await status(['--provider', 'cloudflare', '--file', join(FIX, 'hostile', 'html-error.html')]),
      2,
      /^status: .*html-error\.html: not a statuspage feed: HTML or XML instead of JSON$/,
    );
  });

  it('without --file the live feed is fetched; no network → exit 3 with one clear line', async () => {
    const r = await status(['--provider', 'cloudflare', '--pop', 'CDG']);
    expectOneLine(
      r,
      3,
      /^status: cloudflare: could not read the live feed of https:\/\/www\.cloudflarestatus\.com: unreachable \(fetch failed: getaddrinfo ENOTFOUND www\.cloudflarestatus\.com\)$/,
    );
    expect(r.calls).toEqual(['https://www.cloudflarestatus.com/api/v2/status.json']);
  });

  it('without --file, a live feed that answers is read like a poll: roll-up, then details', async () => {
    const summary = readFileSync(join(root, FIX, 'statuspage', 'cloudflare-tunnel.json'), 'utf8');
    const rollup = JSON.stringify({
      page: { id: 'yh6f0r4529hb', updated_at: '2026-08-27T00:00:00.000Z' },
      status: { indicator: 'minor', description: 'Minor Service Outage' },
    });
    const live: FetchLike = async (url) =>
      new Response(url.endsWith('/status.json') ? rollup : summary, {
        status: 200,
        headers: { etag: '"1"' },
      });
    const r = await status(['--provider', 'cloudflare', '--pop', 'CDG', '--json'], live);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.calls).toEqual([
      'https://www.cloudflarestatus.com/api/v2/status.json',
      'https://www.cloudflarestatus.com/api/v2/summary.json',
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({ level: 'operational', incidents: [] });
    const broken: FetchLike = async () => new Response('<html>502 Bad Gateway</html>', { status: 502 });
    expectOneLine(
      await status(['--provider', 'cloudflare'], broken),
      3,
      /^status: cloudflare: could not read the live feed of .*: http_error \(HTTP 502/,
    );
  });
});

describe('npm run status — as a process', { timeout: 60_000 }, () => {
  it('exit codes and streams are those of the command', () => {
    const ok = spawnSync(
      'npx',
      [
        'tsx',
        'scripts/status.ts',
        '--provider',
        'fastly',
        '--pop',
        'IAD',
        '--file',
        join(FIX, 'rss', 'fastly.xml'),
        '--now',
        NOW,
      ],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('  level for this page: degraded performance\n');
    const bad = spawnSync('npx', ['tsx', 'scripts/status.ts', '--provider', 'okta'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
