import { describe, expect, it } from 'vitest';
import { dohFixture, fakeDoh, NXDOMAIN, nsAnswer } from '../core/resilience/__fixtures__/fake-doh.ts';
import { buildView, type Served } from '../core/resilience/__fixtures__/translator.ts';
import { DNS_CACHE_TTL_MS } from '../core/resilience/dns.ts';
import { dohFetcher } from '../core/resilience/lookup.ts';
import { SETTINGS_KEY } from '../core/settings.ts';
import { FakeStorage } from './__fixtures__/fake-storage.ts';
import { DnsLookups, MAX_DNS_DOMAINS } from './dns.ts';

const T0 = 1_760_000_000_000;

const shop: Served[] = [
  { host: 'www.maple-shop.com', kind: 'document', main: true, by: [['cloudflare', 'edge']] },
  { host: 'js.stripe.com', kind: 'subframe', by: [['stripe', 'service']] },
  { host: 'api.stripe.com', kind: 'xhr', n: 2, by: [['stripe', 'service']] },
  { host: 'fonts.gstatic.com', kind: 'font', by: [['google-fonts', 'service']] },
];
const view = buildView('https://www.maple-shop.com/checkout', shop);

const CF = nsAnswer('maple-shop.com', ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com']);
const STRIPE = nsAnswer('stripe.com', ['ns-1.awsdns-01.org', 'ns1.p01.nsone.net']);

function setup(
  table: Parameters<typeof fakeDoh>[0],
  clock = { now: T0 },
  browserAllows?: () => Promise<boolean>,
) {
  const doh = fakeDoh(table);
  const local = new FakeStorage();
  // The user agreed to look-ups (before that, nothing is sent: see the consent tests).
  local.data.set(SETTINGS_KEY, { dnsConsent: true, dnsAsked: true, badgeCount: true });
  const logs: string[] = [];
  const dns = new DnsLookups({
    local,
    fetcher: dohFetcher(doh.fetch, { timeoutMs: 50 }),
    now: () => clock.now,
    log: (m) => logs.push(m),
    ...(browserAllows ? { browserAllows } : {}),
  });
  // The NS (and SOA) questions; the page host's address question has its own tests below.
  const calls = {
    get ns() {
      return doh.calls.filter((c) => c.type !== 'A');
    },
    get address() {
      return doh.calls.filter((c) => c.type === 'A');
    },
    get all() {
      return doh.calls;
    },
  };
  return { dns, local, calls, clock, logs };
}

describe('DnsLookups.lookupDns', () => {
  it('looks up the page domain and the domains of its critical hosts (fonts are not needed)', async () => {
    const { dns, calls, local } = setup({
      'cloudflare maple-shop.com NS': { body: CF },
      'cloudflare stripe.com NS': { body: STRIPE },
    });
    const r = await dns.lookupDns(view);
    expect(r.lookedUp).toBe('now');
    expect(r.skipped).toEqual([]);
    expect(calls.ns.map((c) => `${c.resolver} ${c.name} ${c.type}`)).toEqual([
      'cloudflare maple-shop.com NS',
      'cloudflare stripe.com NS',
    ]);
    expect(r.results.map((x) => [x.domain, x.from])).toEqual([
      ['maple-shop.com', 'now'],
      ['stripe.com', 'now'],
    ]);
    const page = r.results[0]!.finding;
    expect('summary' in page && page.summary).toMatchObject({
      providers: [{ id: 'cloudflare', name: 'Cloudflare' }],
      singleProvider: true,
    });
    const stripe = r.results[1]!.finding;
    expect('summary' in stripe && stripe.summary.providers.map((p) => p.id)).toEqual(['route53', 'ns1']);
    // Both answers kept for a day, raw.
    expect(local.data.get('dns:maple-shop.com')).toEqual({
      v: 1,
      at: T0,
      nameservers: ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com'],
      nsTtl: 3600,
    });
    expect(local.data.has('dns:stripe.com')).toBe(true);
  });

  it('falls back to Google when Cloudflare fails', async () => {
    const { dns, calls } = setup({ 'cloudflare *': 'hang', 'google *': { body: CF } });
    const r = await dns.lookupDns(buildView('https://maple-shop.com/', shop.slice(0, 1)));
    expect(calls.ns.map((c) => c.resolver)).toEqual(['cloudflare', 'google']);
    expect(r.lookedUp).toBe('now');
    expect('summary' in r.results[0]!.finding).toBe(true);
  });

  it('both resolvers failing: DNS unknown with the reason, nothing cached, tried again next time', async () => {
    const { dns, calls, local } = setup({
      'cloudflare *': 'network',
      'google *': { body: 'oops', status: 502 },
    });
    const r = await dns.lookupDns(buildView('https://maple-shop.com/', shop.slice(0, 1)));
    expect(r.lookedUp).toBe('failed');
    expect(r.results).toEqual([
      {
        domain: 'maple-shop.com',
        from: 'now',
        finding: {
          domain: 'maple-shop.com',
          failure: { reason: 'http_error', key: 'resDnsHttpError', subs: ['502'] },
        },
      },
    ]);
    expect([...local.data.keys()]).toEqual([SETTINGS_KEY]);
    await dns.lookupDns(buildView('https://maple-shop.com/', shop.slice(0, 1)));
    expect(calls.ns).toHaveLength(4);
  });

  it('NXDOMAIN: DNS unknown, and that answer is cached', async () => {
    const { dns, calls, local } = setup({ 'cloudflare *': { body: NXDOMAIN } });
    const gone = buildView('https://www.no-such-shop-4821.com/', [
      { host: 'www.no-such-shop-4821.com', kind: 'document', main: true, by: [] },
    ]);
    const r = await dns.lookupDns(gone);
    expect(r.lookedUp).toBe('failed');
    expect(r.results[0]?.finding).toEqual({
      domain: 'no-such-shop-4821.com',
      failure: { reason: 'nxdomain', key: 'resDnsNxdomain', subs: [] },
    });
    expect(local.data.get('dns:no-such-shop-4821.com')).toEqual({ v: 1, at: T0, failure: 'nxdomain' });
    const again = await dns.lookupDns(gone);
    expect(calls.ns).toHaveLength(1);
    expect(again.results[0]).toMatchObject({ from: 'cache', finding: { failure: { reason: 'nxdomain' } } });
  });

  it('answers from the cache within 24 h, and looks up again after', async () => {
    const { dns, calls, clock } = setup({ 'cloudflare *': { body: CF } });
    const page = buildView('https://maple-shop.com/', shop.slice(0, 1));
    expect((await dns.lookupDns(page)).lookedUp).toBe('now');
    clock.now = T0 + DNS_CACHE_TTL_MS - 1;
    const cached = await dns.lookupDns(page);
    expect(cached.lookedUp).toBe('cache');
    expect(cached.results[0]?.from).toBe('cache');
    expect(calls.ns).toHaveLength(1);
    clock.now = T0 + DNS_CACHE_TTL_MS;
    expect((await dns.lookupDns(page)).lookedUp).toBe('now');
    expect(calls.ns).toHaveLength(2);
  });

  it('agreed here but withdrawn in the browser (Firefox’s data consent): asked again, nothing sent', async () => {
    let allowed = false;
    const { dns, calls } = setup({ 'cloudflare *': { body: CF } }, { now: T0 }, async () => allowed);
    const got = await dns.lookupDns(view);
    expect(got.lookedUp).toBe('ask');
    expect(got.domains[0]).toBe('maple-shop.com');
    expect(calls.all).toEqual([]);
    allowed = true;
    expect((await dns.lookupDns(view)).lookedUp).toBe('now');
    expect(calls.all.length).toBeGreaterThan(0);
  });

  it.each([
    ['never asked', { badgeCount: true }, 'ask'],
    ['the old default (dnsLookups on)', { dnsLookups: true }, 'ask'],
    ['declined', { dnsConsent: false, dnsAsked: true }, 'off'],
    ['the old explicit off', { dnsLookups: false }, 'off'],
  ])('no consent (%s): no request at all, and the names that would be sent', async (_, stored, lookedUp) => {
    const { dns, calls, local } = setup({ 'cloudflare *': { body: CF } });
    local.data.set(SETTINGS_KEY, stored);
    const got = await dns.lookupDns(view);
    expect(got.lookedUp).toBe(lookedUp);
    expect(got.results).toEqual([]);
    expect(got.domains[0]).toBe('maple-shop.com');
    // The page host's address question would be asked too: it is named, and not sent either.
    expect(got.addressHost).toBe('www.maple-shop.com');
    expect(calls.all).toEqual([]);
    // Agreed: exactly those names are asked for.
    local.data.set(SETTINGS_KEY, { dnsConsent: true });
    const after = await dns.lookupDns(view);
    expect(after.domains).toEqual(got.domains);
    expect([...new Set(calls.ns.map((c) => c.name))]).toEqual(got.domains);
    expect(calls.address.map((c) => c.name)).toEqual([got.addressHost]);
  });

  it.each([
    ['http://192.168.1.20:8080/', '192.168.1.20', 'ip_address'],
    ['http://[2001:db8::1]/', '[2001:db8::1]', 'ip_address'],
    ['http://localhost:5173/', 'localhost', 'localhost'],
    ['http://wiki.corp.internal/', 'wiki.corp.internal', 'reserved_name'],
  ])('%s: nothing to look up, no request', async (url, host, reason) => {
    const { dns, calls } = setup({ 'cloudflare *': { body: CF } });
    const page = buildView(url, [{ host, kind: 'document', main: true, by: [] }]);
    const r = await dns.lookupDns(page);
    expect(r.lookedUp).toBe('skipped');
    expect(r.results).toEqual([]);
    expect(r.skipped).toEqual([{ host: page.host, reason }]);
    expect(calls.ns).toEqual([]);
  });

  it('a second popup during a look-up shares it', async () => {
    const { dns, calls } = setup({ 'cloudflare *': { body: CF } });
    const page = buildView('https://maple-shop.com/', shop.slice(0, 1));
    const [a, b] = await Promise.all([dns.lookupDns(page), dns.lookupDns(page)]);
    expect(calls.ns).toHaveLength(1);
    expect(a.results).toEqual(b.results);
  });

  it('looks up at most MAX_DNS_DOMAINS domains, the rest is listed as skipped', async () => {
    const { dns, calls } = setup({ 'cloudflare *': { body: CF } });
    const many: Served[] = [
      { host: 'www.maple-shop.com', kind: 'document', main: true, by: [['cloudflare', 'edge']] },
      ...Array.from(
        { length: 10 },
        (_, i): Served => ({
          host: `cdn.vendor${i}.com`,
          kind: 'script',
          by: [['fastly', 'edge']],
        }),
      ),
    ];
    const r = await dns.lookupDns(buildView('https://www.maple-shop.com/', many));
    expect(calls.ns).toHaveLength(MAX_DNS_DOMAINS);
    expect(r.results).toHaveLength(MAX_DNS_DOMAINS);
    expect(r.skipped.map((s) => s.reason)).toEqual(['limit', 'limit', 'limit']);
  });

  it('ignores garbled cache entries and survives a failing storage', async () => {
    const { dns, calls, local, logs } = setup({ 'cloudflare *': { body: CF } });
    local.data.set('dns:maple-shop.com', { v: 1, at: T0, nameservers: 'jessica.ns.cloudflare.com' });
    local.failWrites = true;
    const r = await dns.lookupDns(buildView('https://maple-shop.com/', shop.slice(0, 1)));
    expect(calls.ns).toHaveLength(1);
    expect(r.lookedUp).toBe('now');
    expect(logs).toContain('could not cache a DNS answer');
  });

  it('never throws, even when storage cannot be read (and then sends nothing)', async () => {
    const { dns, local, calls } = setup({ 'cloudflare *': { body: CF } });
    local.get = () => Promise.reject(new Error('gone'));
    const r = await dns.lookupDns(buildView('https://maple-shop.com/', shop.slice(0, 1)));
    // Settings fall back to the defaults: no consent is known, so the user is asked.
    expect(r.lookedUp).toBe('ask');
    expect(calls.all).toEqual([]);
  });

  it('forgets answers older than a day, once per worker life', async () => {
    const { dns, local } = setup({ 'cloudflare *': { body: CF } });
    local.data.set('dns:old.com', {
      v: 1,
      at: T0 - DNS_CACHE_TTL_MS - 1,
      nameservers: ['a.ns.cloudflare.com'],
    });
    local.data.set('dns:recent.com', { v: 1, at: T0 - 1000, nameservers: ['a.ns.cloudflare.com'] });
    local.data.set('dns:junk.com', 'junk');
    local.data.set('dns-a:www.old.com', { v: 1, at: T0 - DNS_CACHE_TTL_MS - 1, type: 'A', ttl: 300 });
    local.data.set('dns-a:www.recent.com', { v: 1, at: T0 - 1000, type: 'CNAME', ttl: 3600 });
    local.data.set('dns-a:www.junk.com', { v: 1, at: T0, type: 'MX', ttl: 300 });
    local.data.set('faultline:status:v1', { statuses: {} });
    await dns.lookupDns(buildView('https://maple-shop.com/', shop.slice(0, 1)));
    await new Promise((r) => setTimeout(r, 0));
    expect([...local.data.keys()].sort()).toEqual([
      'dns-a:maple-shop.com',
      'dns-a:www.recent.com',
      'dns:maple-shop.com',
      'dns:recent.com',
      SETTINGS_KEY,
      'faultline:status:v1',
    ]);
  });
});

describe('DnsLookups: the page host’s address record', () => {
  const PROXIED = dohFixture('a-cloudflare-proxied.json');

  it('asks for the page host’s A record beside the NS look-ups, and keeps its TTL a day', async () => {
    const { dns, calls, local, clock } = setup({
      'cloudflare maple-shop.com NS': { body: CF },
      'cloudflare stripe.com NS': { body: STRIPE },
      'cloudflare www.maple-shop.com A': { body: PROXIED },
    });
    const r = await dns.lookupDns(view);
    expect(calls.address.map((c) => `${c.resolver} ${c.name}`)).toEqual(['cloudflare www.maple-shop.com']);
    expect(r.address).toEqual({
      host: 'www.maple-shop.com',
      from: 'now',
      answer: { ok: true, type: 'A', ttl: 300 },
    });
    expect(local.data.get('dns-a:www.maple-shop.com')).toEqual({ v: 1, at: T0, type: 'A', ttl: 300 });
    // Within the day: from the cache, no new question.
    clock.now = T0 + 1000;
    const again = await dns.lookupDns(view);
    expect(again.address).toMatchObject({ from: 'cache', answer: { ok: true, ttl: 300 } });
    expect(calls.address).toHaveLength(1);
  });

  it('no address question for an IP address or with look-ups off; an unreachable answer is not kept', async () => {
    const ip = setup({ 'cloudflare *': { body: CF } });
    const byIp = await ip.dns.lookupDns(
      buildView('https://192.0.2.10/', [{ host: '192.0.2.10', kind: 'document', main: true, by: [] }]),
    );
    expect(byIp.address).toBeUndefined();
    expect(ip.calls.address).toEqual([]);

    const off = setup({ 'cloudflare *': { body: CF } });
    off.local.data.set(SETTINGS_KEY, { dnsLookups: false });
    expect((await off.dns.lookupDns(view)).address).toBeUndefined();
    expect(off.calls.address).toEqual([]);

    const down = setup({ 'cloudflare maple-shop.com NS': { body: CF }, 'cloudflare *': 'network' });
    const r = await down.dns.lookupDns(buildView('https://www.maple-shop.com/', shop.slice(0, 1)));
    expect(r.address?.answer).toMatchObject({ ok: false, failure: { reason: 'unreachable' } });
    expect(down.local.data.has('dns-a:www.maple-shop.com')).toBe(false);
  });
});
