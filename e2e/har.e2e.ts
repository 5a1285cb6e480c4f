import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { COMPANIES } from '../src/core/catalog/companies.ts';
import { providerById } from '../src/core/catalog/index.ts';
import { placeOf } from '../src/core/catalog/places.ts';
import type { Report } from '../src/core/report/index.ts';
import { SITES } from './lab/index.ts';
import { CHROMIUM_PATH, labChromiumArgs } from './lib/chromium.ts';
import { browsersUnderTest, sorted } from './lib/expect.ts';
import { ROOT } from './lib/paths.ts';

/**
 * `npm run analyze` on HAR files a real browser wrote: each lab site is visited in plain Chromium
 * (no extension) while Playwright records a HAR from the browser's network events, then the
 * analyzer's `--json` report must name what the extension itself finds on that site
 * (sites.e2e.ts): the same providers, roles, main-document carriers and PoPs. Firefox saves HAR
 * files only from its developer tools window, which headless Firefox does not open: the Firefox
 * format is covered by the devtools-shaped sample in src/report/__fixtures__.
 */

const { port } = inject('lab');
const run = promisify(execFile);

describe.runIf(browsersUnderTest().includes('chromium'))('HAR files written by Chromium', () => {
  let browser: Browser;
  let dir: string;
  const reports = new Map<string, Report>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faultline-har-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: labChromiumArgs(port),
    });
    // One browser context (and HAR) per site, one after the other; then the analyzer once over
    // the folder, as a team would run it in CI (one JSON report a line, named by its file).
    const ids = new Map<string, string>();
    for (const site of SITES) {
      const path = join(dir, `${site.id}.har`);
      const context = await browser.newContext({
        ignoreHTTPSErrors: true,
        recordHar: { path, content: 'omit' },
      });
      const page = await context.newPage();
      await page.goto(site.url, { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      await context.close(); // writes the HAR
      ids.set(path, site.id);
    }
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'analyze.ts'), dir, '--json'],
      { cwd: ROOT, timeout: 90_000 },
    );
    for (const line of stdout.split('\n').filter(Boolean)) {
      const report = JSON.parse(line) as Report & { source: { file?: string } };
      const id = [...ids].find(
        ([path]) => report.source.file === path || path.endsWith(`/${report.source.file}`),
      )?.[1];
      if (id) reports.set(id, report);
    }
    expect([...reports.keys()].sort()).toEqual(SITES.map((s) => s.id).sort());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('the files are Chromium’s, with a server address on every answered request', async () => {
    const har = JSON.parse(await readFile(join(dir, `${SITES[0]!.id}.har`), 'utf8')) as {
      log: { creator: { name: string }; browser?: { name: string }; entries: { serverIPAddress?: string }[] };
    };
    expect(har.log.browser?.name ?? har.log.creator.name).toMatch(/chrom/i);
    expect(har.log.entries.length).toBeGreaterThan(3);
    expect(har.log.entries.every((e) => e.serverIPAddress === '127.0.0.1')).toBe(true);
  });

  describe.each(SITES.map((s) => [s.id, s] as const))('%s', (id, site) => {
    test('the analyzer names the providers the extension finds, with roles and PoPs', () => {
      const report = reports.get(id)!;
      expect(report.page).toBe(site.url);
      expect(report.source?.kind).toBe('har');
      expect(report.source?.creator).toMatch(/^Playwright .* \(chromium /);
      expect(sorted(report.providers.map((p) => p.id))).toEqual(sorted(site.expected.map((p) => p.id)));
      for (const want of site.expected) {
        const got = report.providers.find((p) => p.id === want.id)!;
        expect(got.role, want.id).toBe(want.role);
        expect(got.document, want.id).toBe(want.document);
        expect(sorted(got.pops), want.id).toEqual(sorted(want.pops));
        expect(got.evidence.length, want.id).toBeGreaterThan(0);
      }
    });

    test('--json carries the companies behind those providers and the countries of their PoPs', () => {
      const report = reports.get(id)!;
      // Every provider belongs to exactly one listed company, its country as the catalog says.
      const listed = report.jurisdictions.flatMap((j) => j.providers);
      expect(sorted(listed)).toEqual(sorted(report.providers.map((p) => p.id)));
      for (const j of report.jurisdictions) {
        const hq = COMPANIES[providerById.get(j.providers[0] ?? '')?.company ?? '']?.hq;
        if (j.providers.length > 0)
          expect(j.country, j.company).toBe(hq && 'country' in hq ? hq.country : null);
        expect(j.critical, j.company).toBe(
          j.providers.some((p) => report.providers.find((x) => x.id === p)?.document),
        );
      }
      // Every PoP the providers name is in servedFrom under its country, or listed as unplaced.
      const pops = new Set(report.providers.flatMap((p) => p.pops));
      const placed = report.servedFrom.flatMap((x) => x.pops.map((code) => [x.country, code]));
      for (const [country, code] of placed) expect(placeOf(code!).country, code).toBe(country);
      const accounted = new Set([...placed.map(([, code]) => code!), ...report.unplacedPops]);
      for (const pop of pops) expect(accounted.has(pop.toUpperCase()), pop).toBe(true);
    });
  });
});
