import { describe, expect, it } from 'vitest';
import type { PageView } from '../core/page/view.ts';
import { dohFixture, fakeDoh, nsAnswer } from '../core/resilience/__fixtures__/fake-doh.ts';
import { buildView, translator } from '../core/resilience/__fixtures__/translator.ts';
import { dohFetcher } from '../core/resilience/lookup.ts';
import { type HomeCountry, SETTINGS_KEY } from '../core/settings.ts';
import { FakeStorage } from './__fixtures__/fake-storage.ts';
import { DnsLookups } from './dns.ts';
import { Resilience } from './resilience.ts';

const NOW = Date.parse('2026-08-16T12:00:00.000Z');
const shop = buildView('https://www.maple-shop.com/checkout', [
  { host: 'www.maple-shop.com', kind: 'document', main: true, pop: 'CDG', by: [['cloudflare', 'edge']] },
  { host: 'js.stripe.com', kind: 'subframe', by: [['stripe', 'service']] },
]);
const CF = nsAnswer('maple-shop.com', ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com']);

function setup(
  options: {
    pages?: Record<number, PageView>;
    /** The language of the extension's messages (the browser picks it from its UI language). */
    lang?: 'en' | 'fr';
    home?: HomeCountry;
  } = {},
) {
  const doh = fakeDoh({
    'cloudflare maple-shop.com NS': { body: CF },
    'cloudflare www.maple-shop.com A': { body: dohFixture('a-cloudflare-proxied.json') },
    'cloudflare *': 'network',
  });
  const local = new FakeStorage();
  // The user agreed to look-ups (before that, nothing is sent: see the consent tests).
  local.data.set(SETTINGS_KEY, { dnsConsent: true, dnsAsked: true, badgeCount: true });
  const pages = options.pages ?? { 3: shop };
  const resilience = new Resilience({
    page: async (tabId) => pages[tabId],
    dns: new DnsLookups({ local, fetcher: dohFetcher(doh.fetch, { timeoutMs: 50 }), now: () => NOW }),
    t: translator(options.lang ?? 'en'),
    home: async () => options.home,
    now: () => NOW,
  });
  return { resilience, local, calls: doh.calls };
}

describe('getResilience', () => {
  it('no page for the tab: none, and no look-up', async () => {
    const { resilience, calls } = setup();
    expect(await resilience.state(99)).toEqual({ kind: 'none' });
    expect(calls).toEqual([]);
  });

  it('answers the v2 report with DNS and the Markdown in English', async () => {
    const { resilience, calls } = setup();
    const state = await resilience.state(3);
    if (state.kind !== 'resilience') throw new Error('no report');
    expect(state.dnsLookedUp).toBe('now');
    expect(calls.map((c) => `${c.resolver} ${c.name} ${c.type}`).sort()).toEqual([
      'cloudflare maple-shop.com NS',
      'cloudflare stripe.com NS',
      'cloudflare www.maple-shop.com A',
      'google stripe.com NS',
    ]);
    const { report, markdown } = state;
    expect(report.version).toBe(3);
    expect(report.page).toBe('https://www.maple-shop.com/checkout');
    expect(report.generatedAt).toBe('2026-08-16T12:00:00.000Z');
    expect(report.source).toEqual({ kind: 'extension' });
    expect(report.catalog.ipRanges).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(report.impact.map((i) => [i.providerId, i.severity])).toEqual([
      ['cloudflare', 'critical'],
      ['stripe', 'major'],
    ]);
    expect(report.dns?.['maple-shop.com']).toMatchObject({ singleProvider: true, unknownNameservers: [] });
    expect(report.dns?.['stripe.com']).toEqual({
      unknown: 'unreachable',
      key: 'resDnsUnreachable',
      subs: [],
      text: 'both resolvers unreachable',
    });
    expect(report.singlePointsOfFailure.map((s) => s.id)).toEqual([
      'document-edge:cloudflare',
      'dns:maple-shop.com',
      'payments:stripe',
    ]);
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# Resilience of www.maple-shop.com');
    expect(lines).toContain('- `stripe.com`: DNS unknown: both resolvers unreachable');
    expect(markdown).toContain('**All nameservers of maple-shop.com are at Cloudflare: no secondary DNS**');
  });

  it('French messages: the Markdown in French, the report’s texts still in English', async () => {
    const fr = setup({ lang: 'fr' });
    const state = await fr.resilience.state(3);
    if (state.kind !== 'resilience') throw new Error('no report');
    expect(state.markdown.split('\n')[0]).toBe('# Résilience de www.maple-shop.com');
    expect(state.report.singlePointsOfFailure[0]?.text).toBe('The page is reachable only through Cloudflare');
  });

  it('DNS lookups off: no request, no dns field, "not looked up"', async () => {
    const { resilience, local, calls } = setup();
    local.data.set(SETTINGS_KEY, { dnsConsent: false, dnsAsked: true, badgeCount: true });
    const state = await resilience.state(3);
    if (state.kind !== 'resilience') throw new Error('no report');
    expect(state.dnsLookedUp).toBe('off');
    expect(state.dnsNames[0]).toBe('maple-shop.com');
    expect(calls).toEqual([]);
    expect(state.report).not.toHaveProperty('dns');
    expect(state.markdown).toContain('DNS providers were not looked up.');
  });

  it('a page on an IP address: skipped, an empty dns object, "no domain to look up"', async () => {
    const ip = buildView('http://192.168.1.20/', [
      { host: '192.168.1.20', kind: 'document', main: true, by: [] },
    ]);
    const { resilience, calls } = setup({ pages: { 4: ip } });
    const state = await resilience.state(4);
    if (state.kind !== 'resilience') throw new Error('no report');
    expect(state.dnsLookedUp).toBe('skipped');
    expect(calls).toEqual([]);
    expect(state.report.dns).toEqual({});
    expect(state.markdown).toContain('No domain to look up (IP addresses or local names only).');
  });

  it('a second request within a day comes from the cache; failed domains are tried again', async () => {
    const onlyShop = buildView('https://www.maple-shop.com/', [
      { host: 'www.maple-shop.com', kind: 'document', main: true, by: [['cloudflare', 'edge']] },
    ]);
    const { resilience, calls } = setup({ pages: { 3: shop, 5: onlyShop } });
    await resilience.state(3);
    // Two NS questions for stripe.com (both resolvers), one for maple-shop.com, and the address.
    expect(calls).toHaveLength(4);
    const cached = await resilience.state(5);
    expect(cached.kind === 'resilience' && cached.dnsLookedUp).toBe('cache');
    expect(calls).toHaveLength(4);
    // stripe.com was unreachable (not cached): asked again; maple-shop.com and the address are not.
    const again = await resilience.state(3);
    expect(again.kind === 'resilience' && again.dnsLookedUp).toBe('now');
    expect(calls.slice(4).map((c) => c.name)).toEqual(['stripe.com', 'stripe.com']);
  });

  it('v3: the failover reading, the sovereignty summary with the user’s country, and the checklist', async () => {
    const { resilience } = setup({ home: { country: 'FR', from: 'browser' } });
    const state = await resilience.state(3);
    if (state.kind !== 'resilience') throw new Error('no report');
    expect(state.home).toEqual({ country: 'FR', from: 'browser' });
    expect(state.report.failover).toMatchObject({
      host: 'www.maple-shop.com',
      address: { type: 'A', ttl: 300, reach: 'minutes' },
      nameservers: { domain: 'maple-shop.com', ttl: 3600, reach: 'hour' },
    });
    expect(state.report.jurisdictions.map((j) => [j.company, j.country, j.critical])).toEqual([
      ['Cloudflare', 'US', true],
      ['Stripe', 'US', false],
    ]);
    expect(state.report.servedFrom).toEqual([{ country: 'FR', pops: ['CDG'] }]);
    expect(state.report.sovereignty.map((x) => x.text)).toEqual([
      'The critical path of this page runs through 1 company, Cloudflare, under US jurisdiction.',
      'It was served from France (Paris).',
      'Outside your country (France) and the EU: Cloudflare (United States).',
    ]);
    expect(state.markdown).toContain('## Whose law, served from where');
    expect(state.markdown).toContain(
      '- Switching www.maple-shop.com to another CDN reaches most users within 5 minutes: its A record has a TTL of 5 minutes.',
    );
    expect(state.checklist.split('\n')[0]).toBe('# Continuity checklist: www.maple-shop.com');
    expect(state.checklist).toContain('## 3. Payments depend on Stripe alone');
  });

  it('the Markdown and the checklist in French, country names too', async () => {
    const { resilience } = setup({ lang: 'fr', home: { country: 'FR', from: 'setting' } });
    const state = await resilience.state(3);
    if (state.kind !== 'resilience') throw new Error('no report');
    expect(state.markdown).toContain('Hors de votre pays (France) et de l’UE : Cloudflare (États-Unis).');
    expect(state.checklist).toContain('# Liste de continuité : www.maple-shop.com');
    // The JSON stays English, whatever the browser's language.
    expect(state.report.sovereignty[2]?.text).toBe(
      'Outside your country (France) and the EU: Cloudflare (United States).',
    );
  });
});
