import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog/index.ts';
import { dohFixture } from './__fixtures__/fake-doh.ts';
import { translator } from './__fixtures__/translator.ts';
import { dnsSummary, parseAddress, parseDoh } from './dns.ts';
import { durationText, failoverOf, failoverTexts, reachOf } from './failover.ts';
import type { AddressAnswer } from './lookup.ts';

/** The address answer of a recorded DoH body, as lookupAddress hands it on. */
function addressOf(file: string, host: string): AddressAnswer {
  const r = parseAddress(dohFixture(file), host);
  if (!r.ok) throw new Error(`${file}: ${r.reason}`);
  return r.target === undefined
    ? { ok: true, type: r.type, ttl: r.ttl }
    : { ok: true, type: r.type, ttl: r.ttl, target: r.target };
}

function shopDns() {
  const ns = parseDoh(dohFixture('ns-cloudflare.json'));
  if (!ns.ok) throw new Error('ns-cloudflare.json');
  return { ...dnsSummary('maple-shop.com', ns.nameservers, ns.soa, CATALOG), nsTtl: ns.nsTtl! };
}

describe('reachOf', () => {
  it('reads a TTL as how soon a change reaches most users', () => {
    expect([0, 60, 300].map(reachOf)).toEqual(['minutes', 'minutes', 'minutes']);
    expect([301, 1800, 3600].map(reachOf)).toEqual(['hour', 'hour', 'hour']);
    expect([3601, 86_400].map(reachOf)).toEqual(['day', 'day']);
    expect([86_401, 172_800].map(reachOf)).toEqual(['days', 'days']);
  });
});

describe('durationText', () => {
  it('names a TTL in the largest whole unit, in the locale', () => {
    expect(durationText(300, 'en')).toBe('5 minutes');
    expect(durationText(86_400, 'en')).toBe('1 day');
    expect(durationText(7200, 'en')).toBe('2 hours');
    expect(durationText(287, 'en')).toBe('287 seconds');
    expect(durationText(1, 'en')).toBe('1 second');
    expect(durationText(300, 'fr')).toBe('5 minutes');
    expect(durationText(86_400, 'fr')).toBe('1\u00a0jour');
  });
});

describe('failoverOf and its words', () => {
  it("a proxied Cloudflare record (300 s) and Cloudflare's NS records (one day)", () => {
    const f = failoverOf(
      'www.maple-shop.com',
      addressOf('a-cloudflare-proxied.json', 'www.maple-shop.com'),
      shopDns(),
    );
    expect(f).toEqual({
      host: 'www.maple-shop.com',
      address: { type: 'A', ttl: 300, reach: 'minutes' },
      nameservers: { domain: 'maple-shop.com', ttl: 86_400, reach: 'day' },
    });
    const t = translator('en');
    expect(failoverTexts(f, t, 'en').map((x) => t(x.key, x.subs))).toEqual([
      'Switching www.maple-shop.com to another CDN reaches most users within 5 minutes: its A record has a TTL of 5 minutes.',
      'Moving maple-shop.com to another DNS provider reaches most users within a day: its NS records have a TTL of 1 day.',
    ]);
    const tf = translator('fr');
    expect(failoverTexts(f, tf, 'fr').map((x) => tf(x.key, x.subs))[0]).toBe(
      'Basculer www.maple-shop.com vers un autre CDN atteint la plupart des utilisateurs en 5 minutes au plus : son enregistrement A a un TTL de 5 minutes.',
    );
  });

  it("a CNAME with a day's TTL: the switch waits for the site's own record", () => {
    const f = failoverOf('www.harbor-bank.io', addressOf('a-cname-chain.json', 'www.harbor-bank.io'));
    expect(f).toEqual({ host: 'www.harbor-bank.io', address: { type: 'CNAME', ttl: 86_400, reach: 'day' } });
    const t = translator('en');
    expect(failoverTexts(f, t, 'en').map((x) => t(x.key, x.subs))).toEqual([
      'Switching www.harbor-bank.io to another CDN reaches most users within a day: its CNAME record has a TTL of 1 day.',
    ]);
  });

  it('an address that could not be read is said, and NS from SOA only carries no TTL', () => {
    const soaOnly = dnsSummary(
      'quarry-tools.com',
      [],
      { mname: 'ns1.quarry-tools.com', rname: 'hostmaster.quarry-tools.com' },
      CATALOG,
    );
    const f = failoverOf(
      'www.quarry-tools.com',
      { ok: false, failure: { reason: 'servfail', key: 'resDnsServfail', subs: [] } },
      soaOnly,
    );
    expect(f).toEqual({ host: 'www.quarry-tools.com', address: { unknown: 'servfail' } });
    const t = translator('en');
    expect(failoverTexts(f, t, 'en').map((x) => t(x.key, x.subs))).toEqual([
      'How fast www.quarry-tools.com could switch to another CDN is not known: its address record could not be read.',
    ]);
  });
});
