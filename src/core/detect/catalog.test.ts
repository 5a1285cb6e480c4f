import { describe, expect, it } from 'vitest';
import { CATALOG, providerById, providerForNameserver, statusSourceOf } from '../catalog/index.ts';
import { CDN_PROVIDERS } from '../catalog/providers/cdn.ts';
import { DNS_PROVIDERS } from '../catalog/providers/dns.ts';
import { CLOUD_PROVIDERS, HOSTING_PROVIDERS } from '../catalog/providers/hosting.ts';
import { SECURITY_PROVIDERS } from '../catalog/providers/security.ts';
import { SERVICE_PROVIDERS } from '../catalog/providers/services.ts';
import { STORAGE_PROVIDERS } from '../catalog/providers/storage.ts';
import type { Provider } from '../catalog/types.ts';
import { defaultClassifier, IP_RANGES } from './index.ts';

const hasRules = (p: Provider): boolean =>
  (p.headers?.length ?? 0) > 0 || (p.hosts?.length ?? 0) > 0 || p.ipRanges !== undefined;

describe('catalog shape', () => {
  it('has unique ids', () => {
    const ids = CATALOG.map((p) => p.id);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
    expect(providerById.size).toBe(CATALOG.length);
  });

  it('has at least 100 providers with detection rules (DNS-only entries do not count)', () => {
    expect(CATALOG.filter(hasRules).length).toBeGreaterThanOrEqual(100);
  });

  it('orders edges first: CDNs, WAF proxies, platforms, stores, clouds, services, DNS', () => {
    expect(CATALOG.slice(0, 4).map((p) => p.id)).toEqual(['cloudflare', 'akamai', 'fastly', 'cloudfront']);
    expect(CATALOG.map((p) => p.id)).toEqual(
      [
        ...CDN_PROVIDERS,
        ...SECURITY_PROVIDERS,
        ...HOSTING_PROVIDERS,
        ...STORAGE_PROVIDERS,
        ...CLOUD_PROVIDERS,
        ...SERVICE_PROVIDERS,
        ...DNS_PROVIDERS,
      ].map((p) => p.id),
    );
  });

  it('carries the status source of every provider that has one', () => {
    expect(statusSourceOf(providerById.get('cloudflare')!)).toEqual({
      kind: 'statuspage',
      url: 'https://www.cloudflarestatus.com',
    });
    expect(statusSourceOf(providerById.get('fastly')!)?.kind).toBe('rss');
  });

  it('keeps each category in its file and uses ids from the reference', () => {
    expect(new Set(CDN_PROVIDERS.map((p) => p.category))).toEqual(new Set(['cdn']));
    expect(new Set(SECURITY_PROVIDERS.map((p) => p.category))).toEqual(new Set(['security']));
    expect(new Set([...HOSTING_PROVIDERS, ...CLOUD_PROVIDERS].map((p) => p.category))).toEqual(
      new Set(['hosting']),
    );
    expect(new Set(STORAGE_PROVIDERS.map((p) => p.category))).toEqual(new Set(['storage']));
    expect(new Set(SERVICE_PROVIDERS.map((p) => p.category))).toEqual(new Set(['service']));
    expect(new Set(DNS_PROVIDERS.map((p) => p.category))).toEqual(new Set(['dns']));
    for (const id of [
      'cloudflare',
      'fastly',
      'vercel',
      'netlify',
      'github-pages',
      's3',
      'route53',
      'stripe',
    ]) {
      expect(providerById.has(id), id).toBe(true);
    }
  });

  it('gives every entry a name, an https homepage and a one-line description', () => {
    for (const p of CATALOG) {
      expect(p.name.length, p.id).toBeGreaterThan(0);
      expect(p.homepage, p.id).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(?:\/\S*)?$/);
      expect(p.description.length, p.id).toBeGreaterThan(10);
      expect(p.description, p.id).not.toMatch(/\n/);
    }
  });

  it('assigns roles by category', () => {
    for (const p of CATALOG) {
      if (p.category === 'service') expect(p.role, p.id).toBe('service');
      if (p.category === 'hosting' || p.category === 'storage') expect(p.role, p.id).toBe('origin');
      if (p.category === 'cdn') expect(p.role, p.id).toBe('edge');
    }
    for (const p of SERVICE_PROVIDERS) expect(p.serviceKind, p.id).toBeDefined();
  });

  it('marks the wound-down CDNs as legacy in data and description', () => {
    for (const id of ['edgecast', 'edgio', 'limelight', 'stackpath']) {
      const p = providerById.get(id);
      expect(p?.legacy, id).toBe(true);
      expect(p?.description, id).toMatch(/^Legacy/);
    }
    expect(CATALOG.filter((p) => p.legacy).map((p) => p.id)).toEqual([
      'stackpath',
      'edgecast',
      'edgio',
      'limelight',
    ]);
  });

  it('names only existing providers in excludes', () => {
    for (const p of CATALOG)
      for (const x of p.excludes ?? []) expect(providerById.has(x), `${p.id} → ${x}`).toBe(true);
  });

  it('names each IP range set once', () => {
    const sets = CATALOG.flatMap((p) => (p.ipRanges ? [p.ipRanges] : []));
    expect(sets.length).toBe(new Set(sets).size);
    expect(new Set(sets)).toEqual(new Set(IP_RANGES.sets));
  });
});

describe('catalog and the shipped IP-range snapshot', () => {
  it('agree on range-set ids', () => {
    const claimed = CATALOG.flatMap((p) => (p.ipRanges ? [p.ipRanges] : [])).sort();
    expect([...IP_RANGES.sets].sort()).toEqual(claimed);
  });

  it('attribute well-known addresses through the default classifier', () => {
    const edge = (ip: string) =>
      defaultClassifier()
        .classify({ url: 'https://www.example.com/', headers: [], ip })
        .find((d) => d.role === 'edge')?.providerId;
    expect(edge('104.16.132.229')).toBe('cloudflare');
    expect(edge('151.101.1.1')).toBe('fastly');
    expect(edge('185.199.108.153')).toBe('github-pages');
  });
});

describe('rules are well-formed', () => {
  const headerRules = CATALOG.flatMap((p) => (p.headers ?? []).map((r) => ({ p: p.id, r })));
  const hostRules = CATALOG.flatMap((p) => (p.hosts ?? []).map((h) => ({ p: p.id, h })));

  it('uses lower-case header names and few prefix rules', () => {
    for (const { p, r } of headerRules) expect(r.name, p).toBe(r.name.toLowerCase());
    // Prefix rules are checked against every header: keep them rare.
    expect(headerRules.filter(({ r }) => r.prefix).length).toBeLessThanOrEqual(8);
  });

  it('never lets a generic header detect on its own', () => {
    // Headers many unrelated servers send: any rule on them must be weak or demand a specific value.
    const generic = [
      'x-cache',
      'via',
      'x-served-by',
      'age',
      'x-request-id',
      'x-edge-location',
      'cache-status',
    ];
    for (const { p, r } of headerRules) {
      if (generic.includes(r.name) && r.strength === 'strong')
        expect(r.value, `${p}: ${r.name}`).toBeDefined();
    }
    // `x-served-by` is strong only in Fastly's node format: its POP code at both ends of every
    // node of the list. A bare `cache-…`, another shape or another server's names are not enough.
    for (const { p, r } of headerRules) {
      if (r.name !== 'x-served-by' || r.strength === 'weak') continue;
      for (const v of [
        'cache-fra1229',
        'cache-fra1229-AMS',
        'cache-bma7028',
        'dev-macbre, varnish-s1-SJC, cache-fra1229-FRA',
        'substack',
        '7d2a2d05162492046d9960cdbc326796',
        'cache-fra1229-FRA,',
      ]) {
        expect(r.value?.test(v), `${p}: ${v}`).toBe(false);
      }
      for (const v of [
        'cache-fra1229-FRA',
        'cache-iad-kiad7000033-IAD',
        'cache-sea1927-SEA, cache-ams4133-AMS',
      ]) {
        expect(r.value?.test(v), `${p}: ${v}`).toBe(true);
      }
    }
  });

  it('uses lower-case, dot-free-edged host suffixes and absolute paths', () => {
    for (const { p, h } of hostRules) {
      expect(h.suffix, p).toMatch(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/);
      if (h.path !== undefined) expect(h.path, p).toMatch(/^\//);
    }
  });

  it('does not give the same host suffix and path to two providers', () => {
    const keys = hostRules.map(({ h }) => `${h.suffix}${h.path ?? ''}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('has PoP rules on lower-case headers with a capture group', () => {
    for (const p of CATALOG) {
      for (const rule of p.pop ?? []) {
        expect(rule.header, p.id).toBe(rule.header.toLowerCase());
        expect(new RegExp(`${rule.pattern.source}|`).exec('')?.length, p.id).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('uses stateless regexes (no g or y flag)', () => {
    const all = [
      ...headerRules.flatMap(({ r }) => (r.value ? [r.value] : [])),
      ...CATALOG.flatMap((p) => (p.pop ?? []).map((r) => r.pattern)),
      ...CATALOG.flatMap((p) => (p.nameserverPattern ? [p.nameserverPattern] : [])),
    ];
    for (const re of all) expect(re.flags, re.source).not.toMatch(/[gy]/);
  });

  it('runs every pattern in linear time on adversarial 2048-character values', () => {
    const patterns = [
      ...headerRules.flatMap(({ p, r }) => (r.value ? [{ p, re: r.value }] : [])),
      ...CATALOG.flatMap((p) => (p.pop ?? []).map((r) => ({ p: p.id, re: r.pattern }))),
    ];
    const seeds = [
      'a',
      '0',
      ' ',
      '-',
      ',',
      'cache-a1-',
      'cache-fra-etou1-FRA, ',
      'cache-fra1-FRA ,',
      'S1.1,VS1,VE1',
      'a1::',
      'Ref A: ',
      '1:a.b1:co:',
      'aA-',
      'PS-AAA-',
    ];
    for (const { p, re } of patterns) {
      // Each seed repeated to the cut length, with a character that forces a failure at the end.
      const inputs = seeds.flatMap((s) => {
        const body = s.repeat(Math.ceil(2047 / s.length)).slice(0, 2047);
        return [body, `${body}!`.slice(-2048), `!${body}`.slice(0, 2048)];
      });
      // The fastest of three runs: a machine busy with other work may stop this thread for longer
      // than the bound in any one run, while a super-linear pattern is slow in every run.
      let ms = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3 && ms >= 50; run++) {
        const t0 = performance.now();
        for (const input of inputs) re.test(input);
        ms = Math.min(ms, performance.now() - t0);
      }
      expect(ms, `${p}: /${re.source}/`).toBeLessThan(50);
    }
  });
});

describe('nameservers', () => {
  it('maps NS hostnames to DNS providers by suffix and pattern', () => {
    const cases: [string, string][] = [
      ['jessica.ns.cloudflare.com.', 'cloudflare'],
      ['ns-2048.awsdns-64.com', 'route53'],
      ['NS-1.AWSDNS-01.CO.UK.', 'route53'],
      ['ns1.amzndns.net', 'route53'],
      ['a1-64.akam.net', 'akamai-edgedns'],
      ['dns1.p01.nsone.net', 'ns1'],
      ['ns1-01.azure-dns.com', 'azure-dns'],
      ['ns-cloud-a1.googledomains.com', 'google-cloud-dns'],
      ['ns1.vercel-dns.com', 'vercel-dns'],
      ['ns51.domaincontrol.com', 'godaddy'],
      ['dns1.registrar-servers.com', 'namecheap'],
      ['ns1.digitalocean.com', 'digitalocean'],
      ['hydrogen.ns.hetzner.com', 'hetzner'],
      ['ns01.wixdns.net', 'wix'],
      ['dns1.p05.squarespacedns.com', 'squarespace'],
      ['ns1.c12345.sgvps.net', 'siteground'],
      ['ns1.cscdns.net', 'csc'],
      ['dns101.ovh.net', 'ovh'],
    ];
    for (const [ns, id] of cases) expect(providerForNameserver(ns)?.id, ns).toBe(id);
  });

  it('returns undefined for unknown, look-alike or malformed names', () => {
    expect(providerForNameserver('ns1.example.com')).toBeUndefined();
    expect(providerForNameserver('ns1.notcloudflare.com')).toBeUndefined();
    expect(providerForNameserver('awsdns-1.com.evil.example')).toBeUndefined();
    expect(providerForNameserver('')).toBeUndefined();
    expect(providerForNameserver('.')).toBeUndefined();
    expect(providerForNameserver(42 as unknown as string)).toBeUndefined();
  });

  it('carries nameservers on the shared entry instead of duplicating a company', () => {
    for (const id of [
      'cloudflare',
      'digitalocean',
      'hetzner',
      'wix',
      'squarespace',
      'siteground',
      'quic-cloud',
    ]) {
      const p = providerById.get(id);
      expect(p?.category, id).not.toBe('dns');
      expect(p?.nameservers?.length, id).toBeGreaterThan(0);
    }
    for (const p of DNS_PROVIDERS) {
      expect(p.headers, p.id).toBeUndefined();
      expect((p.nameservers?.length ?? 0) > 0 || p.nameserverPattern !== undefined, p.id).toBe(true);
    }
  });
});
