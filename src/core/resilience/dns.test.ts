import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog/index.ts';
import {
  cacheable,
  cacheKey,
  DNS_CACHE_TTL_MS,
  DOH_HEADERS,
  type DohAttempt,
  dnsProviderOf,
  dnsSummary,
  dohRequest,
  dohUrl,
  isFresh,
  lookupTargets,
  nextResolver,
  normaliseName,
  parseAddress,
  parseDoh,
  summariseFailure,
} from './dns.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8');

describe('DoH URLs', () => {
  it('builds the Cloudflare and Google JSON API URLs', () => {
    expect(dohUrl('cloudflare', 'maple-shop.com', 'NS')).toBe(
      'https://cloudflare-dns.com/dns-query?name=maple-shop.com&type=NS',
    );
    expect(dohUrl('google', 'maple-shop.com', 'SOA')).toBe(
      'https://dns.google/resolve?name=maple-shop.com&type=SOA',
    );
    expect(dohRequest('cloudflare', 'a.io', 'NS').headers).toEqual({ accept: 'application/dns-json' });
    expect(DOH_HEADERS.accept).toBe('application/dns-json');
  });

  it('encodes the name so it cannot add parameters', () => {
    expect(dohUrl('google', 'a.com&type=A#x', 'NS')).toBe(
      'https://dns.google/resolve?name=a.com%26type%3DA%23x&type=NS',
    );
  });
});

describe('parseDoh on recorded answers', () => {
  it('reads an NS answer: lower-case, no trailing dot', () => {
    expect(parseDoh(fixture('ns-cloudflare.json'))).toEqual({
      ok: true,
      status: 0,
      nameservers: ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com'],
      nsTtl: 86400,
    });
    const r53 = parseDoh(fixture('ns-route53-google.json'));
    expect(r53.ok && r53.nameservers).toEqual([
      'ns-2048.awsdns-64.com',
      'ns-512.awsdns-00.net',
      'ns-1024.awsdns-00.org',
      'ns-1536.awsdns-00.co.uk',
    ]);
  });

  it('falls back to the SOA in Authority when the name is not a zone apex', () => {
    expect(parseDoh(fixture('soa-authority.json'))).toEqual({
      ok: true,
      status: 0,
      nameservers: [],
      soa: { mname: 'jessica.ns.cloudflare.com', rname: 'dns.cloudflare.com' },
    });
  });

  it('reads an SOA answer', () => {
    expect(parseDoh(fixture('soa-answer-vanity.json'))).toEqual({
      ok: true,
      status: 0,
      nameservers: [],
      soa: { mname: 'ns1.quarry-tools.com', rname: 'hostmaster.quarry-tools.com' },
    });
  });

  it('NXDOMAIN wins over the TLD SOA in Authority', () => {
    expect(parseDoh(fixture('nxdomain.json'))).toEqual({ ok: false, reason: 'nxdomain', status: 3 });
  });

  it('SERVFAIL, other RCODEs and the TC flag', () => {
    expect(parseDoh(fixture('servfail.json'))).toEqual({ ok: false, reason: 'servfail', status: 2 });
    expect(parseDoh('{"Status":5}')).toEqual({ ok: false, reason: 'error_status', status: 5 });
    expect(parseDoh(fixture('tc.json'))).toEqual({ ok: false, reason: 'truncated', status: 0 });
  });

  it('HTML error pages, cut JSON and empty objects are unparseable', () => {
    expect(parseDoh(fixture('error-page-502.txt'))).toEqual({ ok: false, reason: 'unparseable' });
    expect(parseDoh(fixture('truncated-body.txt'))).toEqual({ ok: false, reason: 'unparseable' });
    expect(parseDoh(fixture('empty.json'))).toEqual({ ok: false, reason: 'unparseable' });
    expect(parseDoh('')).toEqual({ ok: false, reason: 'unparseable' });
    expect(parseDoh('[]')).toEqual({ ok: false, reason: 'unparseable' });
    expect(parseDoh('null')).toEqual({ ok: false, reason: 'unparseable' });
    expect(parseDoh('{"Status":"0"}')).toEqual({ ok: false, reason: 'unparseable' });
    expect(parseDoh('{"Status":0.5}')).toEqual({ ok: false, reason: 'unparseable' });
  });

  it('NOERROR without NS or SOA is no_answer; junk records are dropped', () => {
    expect(parseDoh('{"Status":0,"Answer":[]}')).toEqual({ ok: false, reason: 'no_answer', status: 0 });
    const body = JSON.stringify({
      Status: 0,
      Answer: [
        { type: 2, data: 42 },
        { type: 2, data: 'not a host name!' },
        { type: 2, data: `${'a'.repeat(64)}.com.` },
        null,
        'x',
        { type: 1, data: '192.0.2.1' },
        { type: 2, data: 'NS1.Example-Hosting.NET.' },
        { type: 2, data: 'ns1.example-hosting.net' },
        { type: 6, data: 'only-one-field.' },
      ],
    });
    expect(parseDoh(body)).toEqual({ ok: true, status: 0, nameservers: ['ns1.example-hosting.net'] });
  });

  it('never throws, and what it returns is well formed (fuzz)', () => {
    const check = (body: string) => {
      const r = parseDoh(body);
      if (r.ok) {
        expect(r.status).toBe(0);
        for (const ns of r.nameservers) expect(normaliseName(ns)).toBe(ns);
        if (r.soa) expect(normaliseName(r.soa.mname)).toBe(r.soa.mname);
        expect(r.nameservers.length > 0 || r.soa !== undefined).toBe(true);
      } else {
        expect(['nxdomain', 'servfail', 'error_status', 'unparseable', 'truncated', 'no_answer']).toContain(
          r.reason,
        );
      }
    };
    fc.assert(fc.property(fc.string(), check), { numRuns: 300 });
    fc.assert(
      fc.property(fc.jsonValue(), (v) => check(JSON.stringify(v) ?? '')),
      { numRuns: 300 },
    );
    const record = fc.record({
      name: fc.string(),
      type: fc.constantFrom(2, 5, 6, '2', null),
      data: fc.oneof(
        fc.string(),
        fc.domain().map((d) => `${d}.`),
        fc.constant(null),
        fc.integer(),
      ),
    });
    const answer = fc.record({
      Status: fc.oneof(fc.constantFrom(0, 2, 3), fc.integer()),
      TC: fc.oneof(fc.boolean(), fc.constant('yes')),
      Answer: fc.oneof(fc.array(record), fc.string()),
      Authority: fc.array(record),
    });
    fc.assert(
      fc.property(answer, (a) => check(JSON.stringify(a))),
      { numRuns: 300 },
    );
  });
});

describe('lookupTargets', () => {
  it('returns registrable domains, page first, deduplicated', () => {
    expect(
      lookupTargets('www.maple-shop.com', [
        'www.maple-shop.com',
        'static.maple-shop.com',
        'js.stripe.com',
        'api.stripe.com',
        'news.bbc.co.uk',
        'WWW.Maple-Shop.COM.',
      ]),
    ).toEqual({ domains: ['maple-shop.com', 'stripe.com', 'bbc.co.uk'], skipped: [] });
  });

  it('accepts a name of exactly 253 characters', () => {
    const name = `${['a', 'b', 'c'].map((c) => c.repeat(63)).join('.')}.${'d'.repeat(57)}.com`;
    expect(name.length).toBe(253);
    expect(lookupTargets(name, []).domains).toEqual([`${'d'.repeat(57)}.com`]);
    expect(lookupTargets(`x${name}`, []).skipped).toEqual([{ host: `x${name}`, reason: 'too_long' }]);
  });

  it('converts IDN hosts to punycode', () => {
    expect(lookupTargets('www.bücher.de', ['shop.köln-café.com']).domains).toEqual([
      'xn--bcher-kva.de',
      'xn--kln-caf-hya4i.com',
    ]);
  });

  it('skips IP addresses, localhost, private and special-use names, single labels, long names', () => {
    const long = `${['a', 'b', 'c', 'd'].map((c) => c.repeat(62)).join('.')}.com`;
    const { domains, skipped } = lookupTargets('localhost', [
      '127.0.0.1',
      '10.1.2.3',
      '192.168.0.10',
      '[::1]',
      'fe80::1',
      '2001:db8::1',
      '0x7f.1',
      'app.localhost',
      'printer.local',
      'wiki.corp',
      'nas.home.arpa',
      'intranet',
      long,
      `${'x'.repeat(64)}.com`,
      'exa mple.com',
      'user@evil.com',
      'a.com/b',
      'co.uk',
    ]);
    expect(domains).toEqual([]);
    expect(skipped).toEqual([
      { host: 'localhost', reason: 'localhost' },
      { host: '127.0.0.1', reason: 'ip_address' },
      { host: '10.1.2.3', reason: 'ip_address' },
      { host: '192.168.0.10', reason: 'ip_address' },
      { host: '[::1]', reason: 'ip_address' },
      { host: 'fe80::1', reason: 'ip_address' },
      { host: '2001:db8::1', reason: 'ip_address' },
      { host: '0x7f.1', reason: 'ip_address' },
      { host: 'app.localhost', reason: 'localhost' },
      { host: 'printer.local', reason: 'reserved_name' },
      { host: 'wiki.corp', reason: 'unknown_tld' },
      { host: 'nas.home.arpa', reason: 'reserved_name' },
      { host: 'intranet', reason: 'single_label' },
      { host: long, reason: 'too_long' },
      { host: `${'x'.repeat(64)}.com`, reason: 'too_long' },
      { host: 'exa mple.com', reason: 'invalid' },
      { host: 'user@evil.com', reason: 'invalid' },
      { host: 'a.com/b', reason: 'invalid' },
      { host: 'co.uk', reason: 'no_registrable_domain' },
    ]);
    expect(long.length).toBeGreaterThan(253);
  });

  it('never throws on arbitrary hosts', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 4 }), (page, hosts) => {
        const r = lookupTargets(page, hosts);
        expect(r.domains.length + r.skipped.length).toBeLessThanOrEqual(1 + hosts.length);
        for (const d of r.domains) expect(d).toMatch(/^[a-z0-9.-]+$/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('nameserver → DNS provider (catalog)', () => {
  it.each([
    ['jessica.ns.cloudflare.com', 'cloudflare'],
    ['JESSICA.NS.CLOUDFLARE.COM.', 'cloudflare'],
    ['ns-2048.awsdns-64.com', 'route53'],
    ['ns-1536.awsdns-00.co.uk.', 'route53'],
    ['ns1-01.azure-dns.com', 'azure-dns'],
    ['ns-cloud-a1.googledomains.com', 'google-cloud-dns'],
  ])('%s → %s', (ns, id) => {
    expect(dnsProviderOf(ns, CATALOG)).toBe(id);
  });

  it('leaves unknown nameservers and look-alikes unattributed', () => {
    expect(dnsProviderOf('ns1.example-hosting.net', CATALOG)).toBeUndefined();
    expect(dnsProviderOf('ns.evilcloudflare.com', CATALOG)).toBeUndefined();
    expect(dnsProviderOf('ns-1.awsdns-1.com.evil.net', CATALOG)).toBeUndefined();
    expect(dnsProviderOf('', CATALOG)).toBeUndefined();
  });
});

describe('dnsSummary', () => {
  it('all nameservers at one provider: single provider', () => {
    const s = dnsSummary(
      'maple-shop.com',
      ['jessica.ns.cloudflare.com.', 'rob.ns.cloudflare.com'],
      undefined,
      CATALOG,
    );
    expect(s).toEqual({
      domain: 'maple-shop.com',
      source: 'ns',
      providers: [
        {
          id: 'cloudflare',
          name: 'Cloudflare',
          nameservers: ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com'],
        },
      ],
      unknown: [],
      unknownOperators: [],
      operators: 1,
      singleProvider: true,
    });
  });

  it('two providers plus an unknown one, shown by name', () => {
    const r = parseDoh(fixture('ns-mixed.json'));
    if (!r.ok) throw new Error('fixture');
    const s = dnsSummary('orchard-news.org', r.nameservers, r.soa, CATALOG);
    expect(s.providers.map((p) => p.id)).toEqual(['route53', 'azure-dns']);
    expect(s.unknown).toEqual(['ns1.example-hosting.net']);
    expect(s.unknownOperators).toEqual(['example-hosting.net']);
    expect(s.operators).toBe(3);
    expect(s.singleProvider).toBe(false);
  });

  it('unknown nameservers of one operator are still a single provider', () => {
    const s = dnsSummary(
      'quarry-tools.com',
      ['ns1.example-hosting.net', 'ns2.example-hosting.net'],
      undefined,
      CATALOG,
    );
    expect(s).toMatchObject({ providers: [], operators: 1, singleProvider: true });
  });

  it('uses the SOA mname, then the rname, when there are no NS records', () => {
    const bySoa = dnsSummary(
      'maple-shop.com',
      [],
      { mname: 'jessica.ns.cloudflare.com', rname: 'dns.cloudflare.com' },
      CATALOG,
    );
    expect(bySoa).toMatchObject({
      source: 'soa',
      providers: [{ id: 'cloudflare', nameservers: ['jessica.ns.cloudflare.com'] }],
      singleProvider: false,
    });
    const byRname = dnsSummary(
      'maple-shop.com',
      [],
      { mname: 'ns1.maple-shop.com', rname: 'dns.cloudflare.com' },
      CATALOG,
    );
    expect(byRname.providers.map((p) => p.id)).toEqual(['cloudflare']);
    const vanity = dnsSummary(
      'quarry-tools.com',
      [],
      { mname: 'ns1.quarry-tools.com', rname: 'hostmaster.quarry-tools.com' },
      CATALOG,
    );
    expect(vanity).toMatchObject({ providers: [], unknown: ['ns1.quarry-tools.com'], singleProvider: false });
  });
});

describe('resolver policy', () => {
  const ok: DohAttempt = {
    resolver: 'cloudflare',
    kind: 'answer',
    result: { ok: true, status: 0, nameservers: ['a.ns.cloudflare.com'] },
  };
  const net = (resolver: 'cloudflare' | 'google'): DohAttempt => ({ resolver, kind: 'network' });

  it('tries Cloudflare, then Google when the first fails', () => {
    expect(nextResolver([])).toBe('cloudflare');
    expect(nextResolver([net('cloudflare')])).toBe('google');
    expect(nextResolver([{ resolver: 'cloudflare', kind: 'http_error', httpStatus: 503 }])).toBe('google');
    expect(
      nextResolver([
        { resolver: 'cloudflare', kind: 'answer', result: { ok: false, reason: 'unparseable' } },
      ]),
    ).toBe('google');
    expect(nextResolver([net('cloudflare'), net('google')])).toBeUndefined();
  });

  it('stops at an answer, including NXDOMAIN', () => {
    expect(nextResolver([ok])).toBeUndefined();
    expect(
      nextResolver([
        { resolver: 'cloudflare', kind: 'answer', result: { ok: false, reason: 'nxdomain', status: 3 } },
      ]),
    ).toBeUndefined();
  });

  it('says why DNS stays unknown', () => {
    expect(summariseFailure([ok])).toBeUndefined();
    expect(summariseFailure([])).toMatchObject({ reason: 'not_tried', key: 'resDnsNotTried' });
    expect(summariseFailure([net('cloudflare'), net('google')])).toEqual({
      reason: 'unreachable',
      key: 'resDnsUnreachable',
      subs: [],
    });
    expect(
      summariseFailure([
        net('cloudflare'),
        { resolver: 'google', kind: 'answer', result: { ok: false, reason: 'nxdomain', status: 3 } },
      ]),
    ).toMatchObject({ reason: 'nxdomain', key: 'resDnsNxdomain' });
    expect(
      summariseFailure([{ resolver: 'cloudflare', kind: 'http_error', httpStatus: 503 }, net('google')]),
    ).toEqual({ reason: 'http_error', key: 'resDnsHttpError', subs: ['503'] });
    expect(
      summariseFailure([
        { resolver: 'cloudflare', kind: 'answer', result: { ok: false, reason: 'unparseable' } },
        { resolver: 'google', kind: 'answer', result: { ok: false, reason: 'servfail', status: 2 } },
      ]),
    ).toMatchObject({ reason: 'servfail' });
    expect(
      summariseFailure([
        { resolver: 'cloudflare', kind: 'answer', result: { ok: false, reason: 'error_status', status: 5 } },
      ]),
    ).toEqual({ reason: 'error_status', key: 'resDnsErrorStatus', subs: ['5'] });
  });
});

describe('cache policy', () => {
  it('keeps entries 24 hours', () => {
    expect(DNS_CACHE_TTL_MS).toBe(86_400_000);
    expect(isFresh(1000, 1000 + DNS_CACHE_TTL_MS - 1)).toBe(true);
    expect(isFresh(1000, 1000 + DNS_CACHE_TTL_MS)).toBe(false);
    expect(isFresh(5000, 1000)).toBe(false);
    expect(isFresh(Number.NaN, 1000)).toBe(false);
    expect(cacheKey('maple-shop.com')).toBe('dns:maple-shop.com');
  });

  it('caches answers, not transport failures', () => {
    expect(
      cacheable([
        { resolver: 'cloudflare', kind: 'answer', result: { ok: false, reason: 'nxdomain', status: 3 } },
      ]),
    ).toBe(true);
    expect(
      cacheable([
        { resolver: 'cloudflare', kind: 'network' },
        { resolver: 'google', kind: 'network' },
      ]),
    ).toBe(false);
  });
});

/*
 * Address answers in the schema both resolvers share, as they answer a proxied Cloudflare record
 * (TTL 300, Cloudflare's "Auto" for proxied records), a CloudFront CNAME (Google's form, names
 * with a trailing dot and a Comment) and a name with no address.
 */
describe('parseAddress', () => {
  it("reads the TTL of the host's own A records (the smallest of them)", () => {
    expect(parseAddress(fixture('a-cloudflare-proxied.json'), 'www.maple-shop.com')).toEqual({
      ok: true,
      status: 0,
      type: 'A',
      ttl: 300,
    });
    const mixed = JSON.stringify({
      Status: 0,
      Answer: [
        { name: 'a.example.com', type: 1, TTL: 120, data: '192.0.2.1' },
        { name: 'a.example.com', type: 28, TTL: 90, data: '2001:db8::1' },
      ],
    });
    expect(parseAddress(mixed, 'A.Example.com.')).toMatchObject({ ok: true, type: 'AAAA', ttl: 90 });
  });

  it("reads the site's CNAME, not the CDN's records behind it", () => {
    expect(parseAddress(fixture('a-cname-chain.json'), 'www.harbor-bank.io')).toEqual({
      ok: true,
      status: 0,
      type: 'CNAME',
      ttl: 86400,
      target: 'd111abcdef8.cloudfront.net',
    });
  });

  it('says no_answer without an address record of the host, and passes DNS failures on', () => {
    expect(parseAddress(fixture('a-no-address.json'), 'mail.maple-shop.com')).toEqual({
      ok: false,
      reason: 'no_answer',
      status: 0,
    });
    // Records of another name are not the host's.
    expect(parseAddress(fixture('a-cloudflare-proxied.json'), 'maple-shop.com')).toMatchObject({
      ok: false,
      reason: 'no_answer',
    });
    expect(parseAddress(fixture('nxdomain.json'), 'no-such-shop-4821.com')).toMatchObject({
      ok: false,
      reason: 'nxdomain',
    });
    expect(parseAddress(fixture('tc.json'), 'big-zone.com')).toMatchObject({
      ok: false,
      reason: 'truncated',
    });
    expect(parseAddress('<html>', 'a.com')).toEqual({ ok: false, reason: 'unparseable' });
  });

  it('ignores TTLs that are not 32-bit counts of seconds', () => {
    for (const TTL of [-1, 1.5, '300', null, 2 ** 31]) {
      const body = JSON.stringify({
        Status: 0,
        Answer: [{ name: 'a.com', type: 1, TTL, data: '192.0.2.1' }],
      });
      expect(parseAddress(body, 'a.com'), String(TTL)).toMatchObject({ ok: false, reason: 'no_answer' });
    }
  });

  it('never throws on hostile answers', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const body = JSON.stringify({ Status: 0, Answer: v });
        const r = parseAddress(body ?? '', 'a.com');
        return r.ok === true || typeof r.reason === 'string';
      }),
    );
  });
});
