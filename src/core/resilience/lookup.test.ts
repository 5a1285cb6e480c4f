import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog/index.ts';
import { dohFixture, fakeDoh, NXDOMAIN, nsAnswer } from './__fixtures__/fake-doh.ts';
import {
  DOH_MAX_BYTES,
  DOH_TIMEOUT_MS,
  dohFetcher,
  findingOf,
  lookupAddress,
  lookupDomain,
  lookupDomains,
} from './lookup.ts';

const CF_NS = nsAnswer('maple-shop.com', ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com']);

describe('lookupDomain', () => {
  it('asks Cloudflare for NS and stops at its answer', async () => {
    const { fetch, calls } = fakeDoh({ 'cloudflare maple-shop.com NS': { body: CF_NS } });
    const r = await lookupDomain('maple-shop.com', dohFetcher(fetch));
    expect(r.answer).toEqual({
      ok: true,
      nameservers: ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com'],
      nsTtl: 3600,
    });
    expect(r.cacheable).toBe(true);
    expect(calls).toEqual([
      {
        resolver: 'cloudflare',
        name: 'maple-shop.com',
        type: 'NS',
        accept: 'application/dns-json',
        credentials: 'omit',
      },
    ]);
    const finding = findingOf('maple-shop.com', r.answer, CATALOG);
    expect('summary' in finding && finding.summary).toMatchObject({
      source: 'ns',
      providers: [{ id: 'cloudflare', nameservers: ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com'] }],
      unknown: [],
      singleProvider: true,
      nsTtl: 3600,
    });
  });

  it('falls back to Google when Cloudflare cannot be reached', async () => {
    const { fetch, calls } = fakeDoh({
      'cloudflare *': 'network',
      'google orchard-news.org NS': { body: dohFixture('ns-mixed.json') },
    });
    const r = await lookupDomain('orchard-news.org', dohFetcher(fetch));
    expect(calls.map((c) => c.resolver)).toEqual(['cloudflare', 'google']);
    expect(r.attempts.map((a) => a.kind)).toEqual(['network', 'answer']);
    expect(r.answer.ok && r.answer.nameservers).toEqual([
      'ns-2048.awsdns-64.com',
      'ns1-01.azure-dns.com',
      'ns1.example-hosting.net',
    ]);
    const f = findingOf('orchard-news.org', r.answer, CATALOG);
    expect('summary' in f && f.summary.unknown).toEqual(['ns1.example-hosting.net']);
    expect('summary' in f && f.summary.singleProvider).toBe(false);
  });

  it('falls back on an HTTP error or a SERVFAIL too', async () => {
    const http = fakeDoh({ 'cloudflare *': { body: 'no', status: 503 }, 'google *': { body: CF_NS } });
    expect((await lookupDomain('maple-shop.com', dohFetcher(http.fetch))).answer.ok).toBe(true);
    expect(http.calls).toHaveLength(2);
    const servfail = fakeDoh({
      'cloudflare *': { body: dohFixture('servfail.json') },
      'google *': { body: dohFixture('servfail.json') },
    });
    const r = await lookupDomain('broken-dnssec.org', dohFetcher(servfail.fetch));
    expect(servfail.calls).toHaveLength(2);
    expect(r.answer).toEqual({ ok: false, failure: { reason: 'servfail', key: 'resDnsServfail', subs: [] } });
    expect(r.cacheable).toBe(false);
  });

  it('both resolvers failing: DNS unknown, unreachable, not cached', async () => {
    const { fetch, calls } = fakeDoh({});
    const r = await lookupDomain('maple-shop.com', dohFetcher(fetch));
    expect(calls.map((c) => c.resolver)).toEqual(['cloudflare', 'google']);
    expect(r.answer).toEqual({
      ok: false,
      failure: { reason: 'unreachable', key: 'resDnsUnreachable', subs: [] },
    });
    expect(r.cacheable).toBe(false);
    expect(findingOf('maple-shop.com', r.answer, CATALOG)).toEqual({
      domain: 'maple-shop.com',
      failure: { reason: 'unreachable', key: 'resDnsUnreachable', subs: [] },
    });
  });

  it('NXDOMAIN is an answer: no second resolver, cacheable', async () => {
    const { fetch, calls } = fakeDoh({ 'cloudflare *': { body: NXDOMAIN } });
    const r = await lookupDomain('no-such-shop-4821.com', dohFetcher(fetch));
    expect(calls).toHaveLength(1);
    expect(r.answer.ok === false && r.answer.failure.reason).toBe('nxdomain');
    expect(r.cacheable).toBe(true);
  });

  it('reads the zone SOA from the Authority section of the NS answer', async () => {
    const { fetch, calls } = fakeDoh({ 'cloudflare *': { body: dohFixture('soa-authority.json') } });
    const r = await lookupDomain('maple-shop.com', dohFetcher(fetch));
    expect(calls).toHaveLength(1);
    expect(r.answer).toEqual({
      ok: true,
      nameservers: [],
      soa: { mname: 'jessica.ns.cloudflare.com', rname: 'dns.cloudflare.com' },
    });
    const f = findingOf('maple-shop.com', r.answer, CATALOG);
    expect('summary' in f && f.summary).toMatchObject({ source: 'soa', singleProvider: false });
    expect('summary' in f && f.summary.providers[0]?.id).toBe('cloudflare');
  });

  it('asks for the SOA when the NS answer names nothing', async () => {
    const { fetch, calls } = fakeDoh({
      'cloudflare quarry-tools.com NS': { body: '{"Status":0,"Answer":[]}' },
      'cloudflare quarry-tools.com SOA': { body: dohFixture('soa-answer-vanity.json') },
    });
    const r = await lookupDomain('quarry-tools.com', dohFetcher(fetch));
    expect(calls.map((c) => `${c.resolver} ${c.type}`)).toEqual(['cloudflare NS', 'cloudflare SOA']);
    expect(r.answer).toEqual({
      ok: true,
      nameservers: [],
      soa: { mname: 'ns1.quarry-tools.com', rname: 'hostmaster.quarry-tools.com' },
    });
    const f = findingOf('quarry-tools.com', r.answer, CATALOG);
    expect('summary' in f && f.summary.unknown).toEqual(['ns1.quarry-tools.com']);
  });

  it('looks several domains up at once, in order', async () => {
    const { fetch } = fakeDoh({
      'cloudflare maple-shop.com NS': { body: CF_NS },
      'cloudflare *': { body: NXDOMAIN },
    });
    const rs = await lookupDomains(['maple-shop.com', 'gone.example'], dohFetcher(fetch));
    expect(rs.map((r) => [r.domain, r.answer.ok])).toEqual([
      ['maple-shop.com', true],
      ['gone.example', false],
    ]);
  });
});

describe('lookupAddress', () => {
  it("asks for the page host's A record and reads its own record's TTL", async () => {
    const { fetch, calls } = fakeDoh({
      'cloudflare www.maple-shop.com A': { body: dohFixture('a-cloudflare-proxied.json') },
    });
    const r = await lookupAddress('www.maple-shop.com', dohFetcher(fetch));
    expect(r.answer).toEqual({ ok: true, type: 'A', ttl: 300 });
    expect(r.cacheable).toBe(true);
    expect(calls.map((c) => [c.resolver, c.name, c.type])).toEqual([
      ['cloudflare', 'www.maple-shop.com', 'A'],
    ]);
  });

  it('falls back to Google, and keeps the CNAME target', async () => {
    const { fetch, calls } = fakeDoh({
      'cloudflare *': { body: '', status: 503 },
      'google www.harbor-bank.io A': { body: dohFixture('a-cname-chain.json') },
    });
    const r = await lookupAddress('www.harbor-bank.io', dohFetcher(fetch));
    expect(calls.map((c) => c.resolver)).toEqual(['cloudflare', 'google']);
    expect(r.answer).toEqual({ ok: true, type: 'CNAME', ttl: 86400, target: 'd111abcdef8.cloudfront.net' });
  });

  it('a name without an address is settled (no second resolver); unreachable is not cached', async () => {
    const none = fakeDoh({ 'cloudflare *': { body: dohFixture('a-no-address.json') } });
    const r = await lookupAddress('mail.maple-shop.com', dohFetcher(none.fetch));
    expect(r.answer).toMatchObject({ ok: false, failure: { reason: 'no_answer' } });
    expect(none.calls).toHaveLength(1);
    expect(r.cacheable).toBe(true);
    const down = fakeDoh({});
    const d = await lookupAddress('www.maple-shop.com', dohFetcher(down.fetch));
    expect(d.answer).toMatchObject({ ok: false, failure: { reason: 'unreachable' } });
    expect(d.cacheable).toBe(false);
  });
});

describe('dohFetcher', () => {
  it('times out after 5 s by default, and on the given timeout', async () => {
    expect(DOH_TIMEOUT_MS).toBe(5000);
    const { fetch } = fakeDoh({ 'cloudflare *': 'hang', 'google *': { body: CF_NS } });
    const started = Date.now();
    const reply = await dohFetcher(fetch, { timeoutMs: 30 })(
      'https://cloudflare-dns.com/dns-query?name=a.com&type=NS',
      {},
    );
    expect(reply).toEqual({ kind: 'network', detail: 'no answer within 30 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
    // A hanging first resolver: the second one answers.
    const r = await lookupDomain('maple-shop.com', dohFetcher(fetch, { timeoutMs: 30 }));
    expect(r.attempts.map((a) => `${a.resolver}:${a.kind}`)).toEqual(['cloudflare:network', 'google:answer']);
  });

  it('drops a body over 64 KB, declared or streamed', async () => {
    expect(DOH_MAX_BYTES).toBe(65536);
    const big = `{"Status":0,"Comment":"${'x'.repeat(70_000)}"}`;
    const { fetch } = fakeDoh({ 'cloudflare *': { body: big }, 'google *': { body: big } });
    const f = dohFetcher(fetch);
    expect(await f('https://cloudflare-dns.com/dns-query?name=a.com&type=NS', {})).toEqual({
      kind: 'too_large',
    });
    const declared = fakeDoh({ 'cloudflare *': { body: '{}', headers: { 'content-length': '999999' } } });
    expect(
      await dohFetcher(declared.fetch)('https://cloudflare-dns.com/dns-query?name=a&type=NS', {}),
    ).toEqual({
      kind: 'too_large',
    });
    const r = await lookupDomain('maple-shop.com', f);
    expect(r.answer.ok === false && r.answer.failure.reason).toBe('unparseable');
  });

  it('a fetcher that throws counts as a network failure', async () => {
    const r = await lookupDomain('maple-shop.com', () => Promise.reject(new Error('boom')));
    expect(r.answer.ok === false && r.answer.failure.reason).toBe('unreachable');
  });
});
