import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, providerById } from '../catalog/index.ts';
import type { Provider } from '../catalog/types.ts';
import { compile, defaultIpMatcher, IP_RANGES } from '../detect/index.ts';
import { pageView } from '../page/view.ts';
import { dohFixture, fakeDoh, NXDOMAIN, nsAnswer } from '../resilience/__fixtures__/fake-doh.ts';
import { translator } from '../resilience/__fixtures__/translator.ts';
import { dnsSummary, summariseFailure } from '../resilience/dns.ts';
import { dohFetcher } from '../resilience/lookup.ts';
import { foldHar, kindOfEntry, kindOfMime, normaliseIp, parseHarText } from './har.ts';
import { analyzeHarText, analyzeHarWithDns, readHarPage } from './index.ts';
import { buildReport, englishText, REPORT_VERSION, type Report, reportText } from './report.ts';

/** The analyzer's text speaks English from the merged message fragments. */
const en = translator('en');

const fixture = (name: string): string => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

/**
 * A small fixed catalog, so these tests do not move when the real catalog grows: the three CDNs
 * from the real catalog plus a test-only fonts service.
 */
const FONTS: Provider = {
  id: 'test-fonts',
  name: 'Test Fonts',
  company: 'test-fonts',
  category: 'service',
  role: 'service',
  homepage: 'https://fonts.example',
  description: 'test',
  hosts: [{ suffix: 'fonts.googleapis.com' }, { suffix: 'fonts.gstatic.com' }],
};
const PROVIDERS: Provider[] = [
  ...CATALOG.filter((p) => ['cloudflare', 'fastly', 'cloudfront'].includes(p.id)),
  FONTS,
];
const catalog = new Map(PROVIDERS.map((p) => [p.id, p]));
const classifier = compile(PROVIDERS, defaultIpMatcher());
const GENERATED = '2026-08-16T12:00:00.000Z';

function analyze(name: string): Report {
  const r = analyzeHarText(fixture(name), { classifier, catalog, generatedAt: GENERATED });
  if (!r.ok) throw new Error(r.reason);
  return r.report;
}

describe('HAR reading', () => {
  it('tells truncated files, non-JSON and non-HAR apart', () => {
    const truncated = parseHarText(fixture('truncated.har'));
    expect(truncated.ok).toBe(false);
    expect(!truncated.ok && truncated.reason).toMatch(/^truncated HAR: the JSON stops after \d+ characters$/);
    const notJson = parseHarText(fixture('not-json.har'));
    expect(!notJson.ok && notJson.reason).toMatch(/^not valid JSON \(/);
    expect(parseHarText('   ')).toEqual({ ok: false, reason: 'empty file' });
    const noEntries = parseHarText(fixture('no-entries.har'));
    expect(noEntries.ok).toBe(true);
    expect(noEntries.ok && foldHar(noEntries.har, classifier)).toEqual({
      ok: false,
      reason: 'not a HAR file: no "log.entries" list',
    });
    expect(foldHar([], classifier)).toEqual({ ok: false, reason: 'not a HAR file: no "log" object' });
    expect(foldHar(null, classifier)).toEqual({ ok: false, reason: 'not a HAR file: no "log" object' });
  });

  it('infers kinds from _resourceType, Sec-Fetch-Dest, then MIME type', () => {
    expect(kindOfEntry('document', [], 'text/html')).toBe('document');
    expect(kindOfEntry('document', [{ name: 'Sec-Fetch-Dest', value: 'iframe' }], 'text/html')).toBe(
      'subframe',
    );
    expect(kindOfEntry('fetch', [], 'application/json')).toBe('xhr');
    expect(kindOfEntry('texttrack', [], 'text/vtt')).toBe('other');
    expect(kindOfEntry(undefined, [{ name: 'sec-fetch-dest', value: 'style' }], 'text/plain')).toBe(
      'stylesheet',
    );
    expect(kindOfEntry(undefined, [{ name: 'Sec-Fetch-Dest', value: 'empty' }], 'text/html')).toBe('xhr');
    expect(kindOfEntry(undefined, [], 'application/javascript; charset=utf-8')).toBe('script');
    expect(kindOfMime('text/javascript')).toBe('script');
    expect(kindOfMime('TEXT/HTML; charset=UTF-8')).toBe('document');
    expect(kindOfMime('image/svg+xml')).toBe('image');
    expect(kindOfMime('font/woff2')).toBe('font');
    expect(kindOfMime('application/font-woff')).toBe('font');
    expect(kindOfMime('video/mp4')).toBe('media');
    expect(kindOfMime('application/vnd.apple.mpegurl')).toBe('media');
    expect(kindOfMime('application/ld+json')).toBe('xhr');
    expect(kindOfMime('application/octet-stream')).toBe('other');
    expect(kindOfMime(undefined)).toBe('other');
  });

  it('normalises serverIPAddress', () => {
    expect(normaliseIp('[2606:4700::6812:1a78]')).toBe('2606:4700::6812:1a78');
    expect(normaliseIp('104.18.26.120')).toBe('104.18.26.120');
    expect(normaliseIp('')).toBeUndefined();
    expect(normaliseIp(undefined)).toBeUndefined();
  });

  it('folds a Chrome HAR with the same page record as the extension', () => {
    const parsed = parseHarText(fixture('chrome.har'));
    if (!parsed.ok) throw new Error(parsed.reason);
    const folded = foldHar(parsed.har, classifier);
    if (!folded.ok) throw new Error(folded.reason);
    expect(folded.summary).toEqual({
      creator: 'WebInspector 537.36',
      entries: 9,
      counted: 8,
      failed: 1,
      otherPages: 0,
      malformed: 0,
      // The service-worker answer (Chrome marks it `_fetchedViaServiceWorker`).
      fromCache: 1,
      ipNotRecorded: 0,
    });
    const { page } = folded;
    expect(page.url).toBe('https://www.example.org/');
    expect(page.host).toBe('www.example.org');
    expect(page.requests).toBe(8);
    expect(page.startedAt).toBe(Date.parse('2026-08-16T09:12:03.160Z'));
    const www = page.hosts['www.example.org']!;
    expect(www.kinds).toEqual({ document: 2, stylesheet: 1, image: 1, xhr: 1 });
    expect(www.statuses).toEqual({ '200': 4, '301': 1 });
    expect(www.ips).toEqual(['104.18.26.120', '2606:4700::6812:1a78']);
    expect(www.unknown).toBe(1); // the service-worker answer: no headers to go on, no IP
    expect(www.providers.cloudflare?.document).toBe(true);
    expect(page.hosts['fonts.gstatic.com']?.ips).toEqual(['2a00:1450:4001:82b::2003']);
  });
});

describe('buildReport', () => {
  it('reports the Chrome HAR: Cloudflare document, Fastly script, fonts service', () => {
    const report = analyze('chrome.har');
    expect(report.version).toBe(REPORT_VERSION);
    expect(report.page).toBe('https://www.example.org/');
    expect(report.generatedAt).toBe(GENERATED);
    expect(report.requests).toBe(8);
    expect(report.hostCount).toBe(4);
    expect(report.unknownRequests).toBe(1);
    expect(report.unattributedHosts).toEqual([]);
    expect(report.catalog).toEqual({
      providers: 4,
      ipRanges: IP_RANGES.generated,
      ipRangeSources: IP_RANGES.sources,
    });
    expect(report.catalog.ipRangeSources?.akamai).toMatchObject({ date: expect.stringMatching(/^\d{4}-/) });
    expect(report.source).toEqual({
      kind: 'har',
      creator: 'WebInspector 537.36',
      counts: {
        entries: 9,
        counted: 8,
        'failed requests': 1,
        'entries of later pages': 0,
        'entries without an http(s) URL': 0,
        'responses from a cache or service worker': 1,
        'responses with no server IP in the HAR': 0,
      },
    });
    expect(report.providers.map((p) => [p.id, p.role, p.document, p.requests])).toEqual([
      ['cloudflare', 'edge', true, 4],
      ['fastly', 'edge', false, 1],
      ['test-fonts', 'service', false, 2],
    ]);
    const [cf, fastly, fonts] = report.providers;
    expect(cf).toMatchObject({
      name: 'Cloudflare',
      category: 'cdn',
      serves: { document: 2, stylesheet: 1, image: 1 },
      pops: ['FRA'],
      hosts: ['www.example.org'],
      homepage: 'https://www.cloudflare.com',
    });
    expect(cf?.evidence).toContainEqual({
      kind: 'ip',
      ip: '104.18.26.120',
      range: '104.16.0.0/13',
      host: 'www.example.org',
    });
    expect(cf?.evidence).toContainEqual({
      kind: 'ip',
      ip: '2606:4700::6812:1a78',
      range: '2606:4700::/32',
      host: 'www.example.org',
    });
    expect(fastly).toMatchObject({ serves: { script: 1 }, pops: ['FRA'], hosts: ['cdn.jsdelivr.net'] });
    expect(fastly?.evidence).toContainEqual({
      kind: 'ip',
      ip: '151.101.1.229',
      range: '151.101.0.0/16',
      host: 'cdn.jsdelivr.net',
    });
    expect(fonts).toMatchObject({
      category: 'service',
      serves: { stylesheet: 1, font: 1 },
      pops: [],
      hosts: ['fonts.googleapis.com', 'fonts.gstatic.com'],
    });
    // Plain JSON: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('names the tool and the browser when a file gives both (Playwright writes log.browser)', () => {
    const har = (log: object) =>
      JSON.stringify({
        log: {
          version: '1.2',
          ...log,
          entries: [
            {
              request: { method: 'GET', url: 'https://www.example.org/', headers: [] },
              response: { status: 200, headers: [{ name: 'content-type', value: 'text/html' }] },
              _resourceType: 'document',
            },
          ],
        },
      });
    const creator = (log: object) => {
      const r = analyzeHarText(har(log), { generatedAt: GENERATED });
      return r.ok ? r.report.source?.creator : r.reason;
    };
    expect(
      creator({
        creator: { name: 'Playwright', version: '1.65.1' },
        browser: { name: 'chromium', version: '156.0.8078.108' },
      }),
    ).toBe('Playwright 1.65.1 (chromium 156.0.8078.108)');
    expect(creator({ browser: { name: 'Firefox', version: '128.0' } })).toBe('Firefox 128.0');
    expect(
      creator({
        creator: { name: 'Firefox', version: '128.0' },
        browser: { name: 'Firefox', version: '128.0' },
      }),
    ).toBe('Firefox 128.0');
    expect(creator({ creator: 'not an object' })).toBeUndefined();
  });

  it('reports the Firefox HAR (no _resourceType): kinds from MIME types, first page only', () => {
    const report = analyze('firefox.har');
    expect(report.page).toBe('https://shop.example.com/');
    expect(report.requests).toBe(8);
    expect(report.source?.creator).toBe('Firefox 128.0');
    expect(report.source?.counts?.['entries of later pages']).toBe(1);
    expect(report.providers.map((p) => [p.id, p.role, p.document])).toEqual([
      ['cloudfront', 'edge', true],
      ['fastly', 'edge', false],
      ['test-fonts', 'service', false],
    ]);
    const [cloudfront, fastly, fonts] = report.providers;
    expect(cloudfront).toMatchObject({ serves: { document: 1, script: 1, image: 1 }, pops: ['CDG'] });
    // Shielded x-served-by: the last entry is the edge that answered.
    expect(fastly).toMatchObject({ serves: { stylesheet: 1 }, pops: ['CDG'] });
    expect(fastly?.evidence).toContainEqual({
      kind: 'ip',
      ip: '2a04:4e42::485',
      range: '2a04:4e42::/32',
      host: 'cdn.jsdelivr.net',
    });
    expect(fonts).toMatchObject({ serves: { font: 1 } });
    expect(report.unattributedHosts).toEqual(['api.shop.example.com', 'www.youtube-nocookie.com']);
  });

  it('works with the whole default catalog too', () => {
    const r = analyzeHarText(fixture('chrome.har'), { generatedAt: GENERATED });
    if (!r.ok) throw new Error(r.reason);
    const byId = new Map(r.report.providers.map((p) => [p.id, p]));
    expect(r.report.providers[0]?.id).toBe('cloudflare');
    expect(byId.get('cloudflare')).toMatchObject({ role: 'edge', document: true, pops: ['FRA'] });
    expect(byId.get('fastly')).toMatchObject({ role: 'edge', serves: { script: 1 }, pops: ['FRA'] });
    expect(r.report.catalog.providers).toBe(CATALOG.length);
  });

  it('defaults generatedAt to the page update time (pure)', () => {
    const parsed = parseHarText(fixture('chrome.har'));
    const folded = parsed.ok ? foldHar(parsed.har, classifier) : undefined;
    if (!folded?.ok) throw new Error('fold failed');
    const report = buildReport(pageView(folded.page, catalog), catalog);
    expect(report.generatedAt).toBe('2026-08-16T09:12:03.410Z');
    expect(report.source).toBeUndefined();
    expect(report.catalog).toEqual({ providers: 4 });
  });
});

describe('reportText', () => {
  it('lists providers with category, role, what they serve, PoPs with city, and evidence', () => {
    const text = reportText(analyze('chrome.har'), en);
    expect(text).toContain('Faultline report for https://www.example.org/\n');
    expect(text).toContain(
      `8 requests on 4 hosts · catalog of 4 providers, IP ranges of ${IP_RANGES.generated}`,
    );
    expect(text).toContain('Source: HAR saved by WebInspector 537.36');
    expect(text).toContain('Main document served by: Cloudflare (edge)');
    expect(text).toContain('Providers (3)');
    expect(text).toContain('  Cloudflare [cloudflare] — CDN · edge · Main document\n');
    expect(text).toContain('    serves 2 documents, 1 style sheet, 1 image (4 requests)\n');
    expect(text).toContain('    PoPs: FRA (Frankfurt, DE)\n');
    expect(text).toContain('      www.example.org: server IP 104.18.26.120 in 104.16.0.0/13\n');
    expect(text).toContain('      www.example.org: header cf-ray: 96f1c2a2a0b1c2d3-FRA\n');
    expect(text).toContain('  Fastly [fastly] — CDN · edge\n');
    expect(text).toContain('    serves 1 script (1 request)\n');
    expect(text).toContain('  Test Fonts [test-fonts] — Online service · third-party service\n');
    expect(text).toContain('      fonts.gstatic.com: hostname under fonts.gstatic.com\n');
    expect(text).toContain('Unknown: 1 response came from a service worker or cache (no server IP)');
    expect(text).toContain('Not counted: failed requests: 1');
    // Cloudflare's block comes before Fastly's.
    expect(text.indexOf('Cloudflare [')).toBeLessThan(text.indexOf('Fastly ['));
  });

  it('names unattributed hosts and an empty page plainly', () => {
    const text = reportText(analyze('firefox.har'), en);
    expect(text).toContain(
      'Hosts with no provider evidence (2): api.shop.example.com, www.youtube-nocookie.com',
    );
    expect(text).toContain('    PoPs: CDG (Paris, FR)\n');
    expect(text).toContain('Not counted: entries of later pages: 1');

    const empty = analyzeHarText('{"log":{"version":"1.2","entries":[]}}', {
      classifier,
      catalog,
      generatedAt: GENERATED,
    });
    if (!empty.ok) throw new Error(empty.reason);
    expect(empty.report.page).toBe('');
    expect(empty.report.providers).toEqual([]);
    const t = reportText(empty.report, en);
    expect(t).toContain('Faultline report for (no main document found)');
    expect(t).toContain('Main document: no provider evidence');
    expect(t).toContain('  none detected');
  });
});

describe('report v2: impact, DNS, single points of failure', () => {
  const CF_NS = ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com'];

  it('is version 3 and keeps every v1 field', () => {
    const report = analyze('chrome.har');
    expect(REPORT_VERSION).toBe(3);
    expect(report.version).toBe(3);
    for (const k of ['page', 'generatedAt', 'requests', 'hostCount', 'providers', 'unattributedHosts']) {
      expect(report).toHaveProperty(k);
    }
    expect(report).toHaveProperty('unknownRequests', 1);
    expect(report).toHaveProperty('catalog');
    expect(report).toHaveProperty('source');
  });

  it('ranks the impact of each provider of the Chrome HAR, with key, subs and English text', () => {
    const report = analyze('chrome.har');
    expect(report.impact.map((i) => [i.providerId, i.severity, i.critical, i.key])).toEqual([
      ['cloudflare', 'critical', true, 'resImpactDocument'],
      ['test-fonts', 'major', false, 'resImpactScripts'],
      ['fastly', 'major', false, 'resImpactScripts'],
    ]);
    expect(report.impact[0]).toEqual({
      providerId: 'cloudflare',
      name: 'Cloudflare',
      role: 'edge',
      severity: 'critical',
      critical: true,
      requests: 4,
      key: 'resImpactDocument',
      subs: ['Cloudflare'],
      text: 'If Cloudflare fails: the page does not load at all.',
    });
  });

  it('uses the real catalog’s service functions (fonts are cosmetic, jsDelivr a script CDN)', () => {
    const r = analyzeHarText(fixture('chrome.har'), { generatedAt: GENERATED });
    if (!r.ok) throw new Error(r.reason);
    const byId = new Map(r.report.impact.map((i) => [i.providerId, i]));
    expect(byId.get('google-fonts')).toMatchObject({ severity: 'cosmetic', function: 'fonts' });
    expect(byId.get('jsdelivr')).toMatchObject({
      severity: 'major',
      function: 'script-cdn',
      text: 'If jsDelivr fails: scripts from jsDelivr fail; parts of the page may not work.',
    });
  });

  it('names the single point of failure of each sample page, with evidence, advice and limits', () => {
    const chrome = analyze('chrome.har');
    expect(chrome.singlePointsOfFailure).toEqual([
      {
        id: 'document-edge:cloudflare',
        kind: 'document-edge',
        key: 'resSpofDocumentEdge',
        subs: ['Cloudflare'],
        text: 'The page is reachable only through Cloudflare',
        reason: {
          key: 'resReasonDocumentEdge',
          subs: ['www.example.org', 'Cloudflare'],
          text: 'the main document of www.example.org came through Cloudflare, and no other CDN answered it.',
        },
        advice: {
          key: 'resAdviceMultiCdn',
          subs: [],
          text: 'Keep a second CDN ready (multi-CDN with DNS or load-balancer failover) and test the switch.',
        },
        providers: ['cloudflare'],
        cannotKnow: {
          key: 'resCannotKnowStandbyCdn',
          subs: ['Cloudflare'],
          text: 'A standby CDN behind DNS failover would not show in one page load: the page may not depend on Cloudflare alone.',
        },
      },
    ]);
    expect(chrome.cannotKnow.map((n) => n.key)).toEqual([
      'resCannotKnowStandbyCdn',
      'resCannotKnowDataLocation',
      'resCannotKnowUnplaced',
      'resCannotKnowCached',
      'resCannotKnowBehindEdge',
      'resCannotKnowOtherPages',
    ]);
    // Cloudflare and Fastly named their PoPs (FRA); the font service, found by its host names, did not.
    expect(chrome.cannotKnow.find((n) => n.key === 'resCannotKnowUnplaced')?.subs).toEqual(['Test Fonts']);
    const firefox = analyze('firefox.har');
    expect(firefox.impact[0]).toMatchObject({ providerId: 'cloudfront', critical: true });
    expect(firefox.singlePointsOfFailure.map((x) => x.id)).toEqual(['document-edge:cloudfront']);
    expect(firefox.cannotKnow.map((n) => n.key)).toContain('resCannotKnowUnattributed');
  });

  it('has no dns field when DNS was not looked up, and one entry per domain when it was', () => {
    expect(analyze('chrome.har')).not.toHaveProperty('dns');
    const page = readHarPage(fixture('chrome.har'), { classifier, catalog, generatedAt: GENERATED });
    if (!page.ok) throw new Error(page.reason);
    const report = buildReport(page.view, catalog, {
      ...page.build,
      dns: [
        { domain: 'example.org', summary: dnsSummary('example.org', CF_NS, undefined, CATALOG) },
        {
          domain: 'jsdelivr.net',
          summary: dnsSummary(
            'jsdelivr.net',
            ['ns1.p01.nsone.net', 'ns.vanity-dns.example'],
            undefined,
            CATALOG,
          ),
        },
        {
          domain: 'googleapis.com',
          failure: summariseFailure([
            { resolver: 'cloudflare', kind: 'http_error', httpStatus: 502 },
            { resolver: 'google', kind: 'network' },
          ])!,
        },
      ],
    });
    expect(report.dns).toEqual({
      'example.org': {
        source: 'ns',
        providers: [{ id: 'cloudflare', name: 'Cloudflare', nameservers: CF_NS }],
        nameservers: CF_NS,
        unknownNameservers: [],
        unknownOperators: [],
        operators: 1,
        singleProvider: true,
      },
      'jsdelivr.net': {
        source: 'ns',
        providers: [{ id: 'ns1', name: 'NS1 (IBM)', nameservers: ['ns1.p01.nsone.net'] }],
        nameservers: ['ns1.p01.nsone.net', 'ns.vanity-dns.example'],
        unknownNameservers: ['ns.vanity-dns.example'],
        unknownOperators: ['vanity-dns.example'],
        operators: 2,
        singleProvider: false,
      },
      'googleapis.com': {
        unknown: 'http_error',
        key: 'resDnsHttpError',
        subs: ['502'],
        text: 'the resolver answered HTTP 502',
      },
    });
    // Cloudflare edge + Cloudflare DNS: DNS single provider, and everything critical on one company.
    expect(report.singlePointsOfFailure.map((x) => x.id)).toEqual([
      'document-edge:cloudflare',
      'dns:example.org',
      'company:cloudflare',
    ]);
    const dnsSpof = report.singlePointsOfFailure[1]!;
    expect(dnsSpof.text).toBe('All nameservers of example.org are at Cloudflare: no secondary DNS');
    expect(dnsSpof.reason.text).toBe(
      'the NS records of example.org (jessica.ns.cloudflare.com, rob.ns.cloudflare.com) all belong to Cloudflare.',
    );
    expect(report.cannotKnow.map((n) => n.key)).toContain('resCannotKnowVanityNs');
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);

    const text = reportText(report, en);
    expect(text).toContain(
      '  example.org: Cloudflare (jessica.ns.cloudflare.com, rob.ns.cloudflare.com) (one provider, no secondary DNS)\n',
    );
    expect(text).toContain(
      '  jsdelivr.net: NS1 (IBM) (ns1.p01.nsone.net); unknown operator ns.vanity-dns.example (2 operators)\n',
    );
    expect(text).toContain('  googleapis.com: DNS unknown: the resolver answered HTTP 502\n');
    expect(text).toContain('Single points of failure (3)\n  The page is reachable only through Cloudflare\n');
    expect(text).toContain('    Advice: Add a secondary DNS provider');
  });

  it('analyzeHarWithDns looks up the page’s domains through the injected fetcher', async () => {
    const { fetch, calls } = fakeDoh({
      'cloudflare shop.example.com NS': { body: nsAnswer('shop.example.com', ['ns-1.awsdns-01.org']) },
      'cloudflare *': { body: NXDOMAIN },
    });
    const r = await analyzeHarWithDns(fixture('firefox.har'), dohFetcher(fetch), {
      classifier,
      catalog,
      generatedAt: GENERATED,
    });
    if (!r.ok) throw new Error(r.reason);
    expect(calls[0]?.name).toBe('example.com');
    expect(Object.keys(r.report.dns ?? {})[0]).toBe('example.com');
    expect(r.report.dns?.['example.com']).toEqual({
      unknown: 'nxdomain',
      key: 'resDnsNxdomain',
      subs: [],
      text: englishText('resDnsNxdomain', []),
    });
    expect((await analyzeHarWithDns('nope', dohFetcher(fetch))).ok).toBe(false);
  });

  it('v3: the companies, countries and law behind the Chrome HAR, and where it was served from', () => {
    const r = analyzeHarText(fixture('chrome.har'), { generatedAt: GENERATED });
    if (!r.ok) throw new Error(r.reason);
    const report = r.report;
    expect(
      report.jurisdictions.map((j) => [j.company, j.country, j.regime, j.providers, j.critical]),
    ).toEqual([
      ['Cloudflare', 'US', 'us', ['cloudflare'], true],
      ['Google', 'US', 'us', ['google', 'google-fonts'], false],
      ['Fastly', 'US', 'us', ['fastly'], false],
      ['jsDelivr', null, 'unknown', ['jsdelivr'], false],
    ]);
    // Each known country carries its evidence; an unknown one says why.
    expect(report.jurisdictions[0]?.source).toBe(
      'https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=NET',
    );
    expect(report.jurisdictions[3]).not.toHaveProperty('source');
    expect(report.jurisdictions[3]?.note).toMatch(/no operating company/);
    expect(report.servedFrom).toEqual([{ country: 'DE', pops: ['FRA'] }]);
    expect(report.unplacedPops).toEqual([]);
    expect(report.sovereignty.map((x) => x.text)).toEqual([
      'The critical path of this page runs through 1 company, Cloudflare, under US jurisdiction.',
      'It was served from Germany (Frankfurt).',
    ]);
    // DNS was not looked up: no failover reading.
    expect(report).not.toHaveProperty('failover');
    // With the user's country, the report says what lies outside it.
    const page = readHarPage(fixture('chrome.har'), { generatedAt: GENERATED });
    if (!page.ok) throw new Error(page.reason);
    const fr = buildReport(page.view, providerById, { ...page.build, home: { country: 'FR' } });
    expect(fr.sovereignty.slice(2).map((x) => x.text)).toEqual([
      'Outside your country (France): Cloudflare (United States); served from Germany (Frankfurt).',
      'Outside the EU: Cloudflare (United States).',
    ]);
  });

  it('v3 with --dns: the failover reading of the address and NS TTLs', async () => {
    const { fetch, calls } = fakeDoh({
      'cloudflare example.com NS': {
        body: nsAnswer('example.com', ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com']),
      },
      'cloudflare shop.example.com A': {
        body: dohFixture('a-cloudflare-proxied.json').replaceAll('www.maple-shop.com', 'shop.example.com'),
      },
      'cloudflare *': { body: NXDOMAIN },
    });
    const r = await analyzeHarWithDns(fixture('firefox.har'), dohFetcher(fetch), { generatedAt: GENERATED });
    if (!r.ok) throw new Error(r.reason);
    // The NS look-ups first, then the page host's address.
    expect(calls.at(-1)).toMatchObject({ resolver: 'cloudflare', name: 'shop.example.com', type: 'A' });
    expect(r.report.failover).toEqual({
      host: 'shop.example.com',
      address: {
        type: 'A',
        ttl: 300,
        reach: 'minutes',
        key: 'resFailoverAddress',
        subs: ['shop.example.com', 'within 5 minutes', 'A', '5 minutes'],
        text: 'Switching shop.example.com to another CDN reaches most users within 5 minutes: its A record has a TTL of 5 minutes.',
      },
      nameservers: {
        domain: 'example.com',
        ttl: 3600,
        reach: 'hour',
        key: 'resFailoverNs',
        subs: ['example.com', 'within an hour', '1 hour'],
        text: 'Moving example.com to another DNS provider reaches most users within an hour: its NS records have a TTL of 1 hour.',
      },
    });
    expect(r.report.cannotKnow.map((n) => n.key)).toEqual(
      expect.arrayContaining(['resCannotKnowTtl', 'resCannotKnowDelegation']),
    );
    const text = reportText(r.report, en);
    expect(text).toContain('  Switching shop.example.com to another CDN reaches most users within 5 minutes');
    expect(text).toContain(
      'Whose law, served from where\n  The critical path of this page runs through 2 companies, Cloudflare and Amazon, all under US jurisdiction.',
    );
  });

  it('reportText: impact ranking, DNS not looked up, single points of failure, limits', () => {
    const text = reportText(analyze('chrome.har'), en);
    expect(text).toContain(
      'If a provider fails\n  1. Critical: If Cloudflare fails: the page does not load at all.\n',
    );
    expect(text).toContain('DNS providers\n  DNS providers were not looked up.\n');
    expect(text).toContain('Single points of failure (1)\n');
    expect(text).toContain(
      '    Evidence: the main document of www.example.org came through Cloudflare, and no other CDN answered it.\n',
    );
    expect(text).toContain('What one page load cannot show\n');
  });

  it('englishText substitutes like getMessage and leaves unknown keys as they are', () => {
    expect(englishText('resDnsHttpError', ['404'])).toBe('the resolver answered HTTP 404');
    expect(englishText('noSuchKey', [])).toBe('noSuchKey');
  });
});
