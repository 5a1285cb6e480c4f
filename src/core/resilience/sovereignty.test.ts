import { describe, expect, it } from 'vitest';
import { CATALOG, providerById } from '../catalog/index.ts';
import { recordOf } from '../page/__fixtures__/pages.ts';
import { pageView } from '../page/view.ts';
import { buildView, type Served, translator } from './__fixtures__/translator.ts';
import { dnsSummary } from './dns.ts';
import { rankImpact } from './impact.ts';
import { type Sovereignty, sovereigntyOf, sovereigntySummary } from './sovereignty.ts';
import { cannotKnow, singlePointsOfFailure } from './spof.ts';

/*
 * Built with the real record, view and impact code from what a browser sees on the lab's shop
 * (Cloudflare in Paris, jsDelivr on Fastly in Frankfurt, Stripe) and on pages behind European,
 * Chinese and unknown providers. The companies' countries are the catalog's own facts.
 */

const shop: Served[] = [
  { host: 'www.maple-shop.com', kind: 'document', main: true, by: [['cloudflare', 'edge']], pop: 'CDG' },
  { host: 'www.maple-shop.com', kind: 'image', by: [['cloudflare', 'edge']], pop: 'CDG', n: 4 },
  {
    host: 'fastly.jsdelivr.net',
    kind: 'script',
    by: [
      ['jsdelivr', 'service'],
      ['fastly', 'edge'],
    ],
    pop: 'FRA',
    n: 2,
  },
  { host: 'js.stripe.com', kind: 'script', by: [['stripe', 'service']] },
];
const cfDns = dnsSummary(
  'maple-shop.com',
  ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com'],
  undefined,
  CATALOG,
);

function sovereigntyOfPage(url: string, served: readonly Served[], dns = [cfDns]): Sovereignty {
  const view = buildView(url, served);
  return sovereigntyOf(view, rankImpact(view), dns);
}

const en = { t: translator('en'), locale: 'en' };
const fr = { t: translator('fr'), locale: 'fr' };
const say = (w: typeof en, texts: { key: string; subs: readonly string[] }[]) =>
  texts.map((x) => w.t(x.key, x.subs));

describe('sovereigntyOf', () => {
  it("lists the shop's companies with country and regime, Cloudflare critical (document and DNS)", () => {
    const s = sovereigntyOfPage('https://www.maple-shop.com/', shop);
    expect(s.jurisdictions).toEqual([
      {
        companyId: 'cloudflare',
        company: 'Cloudflare',
        country: 'US',
        regime: 'us',
        providers: ['cloudflare'],
        critical: true,
      },
      {
        companyId: 'fastly',
        company: 'Fastly',
        country: 'US',
        regime: 'us',
        providers: ['fastly'],
        critical: false,
      },
      {
        companyId: 'jsdelivr',
        company: 'jsDelivr',
        country: null,
        regime: 'unknown',
        providers: ['jsdelivr'],
        critical: false,
      },
      {
        companyId: 'stripe',
        company: 'Stripe',
        country: 'US',
        regime: 'us',
        providers: ['stripe'],
        critical: false,
      },
    ]);
    // The document's PoP first, then the others.
    expect(s.servedFrom).toEqual([
      { country: 'FR', pops: ['CDG'] },
      { country: 'DE', pops: ['FRA'] },
    ]);
    expect(s.unplacedPops).toEqual([]);
  });

  it('groups the products of one company; DNS at another company is on the critical path too', () => {
    const r53 = dnsSummary(
      'maple-shop.com',
      ['ns-2048.awsdns-64.com', 'ns-512.awsdns-00.net'],
      undefined,
      CATALOG,
    );
    const s = sovereigntyOfPage(
      'https://www.maple-shop.com/',
      [
        { host: 'www.maple-shop.com', kind: 'document', main: true, by: [['ovh-cdn', 'edge']] },
        { host: 'challenges.cloudflare.com', kind: 'script', by: [['turnstile', 'service']] },
        { host: 'cdnjs.cloudflare.com', kind: 'script', by: [['cdnjs', 'service']] },
      ],
      [r53],
    );
    expect(s.jurisdictions.map((j) => [j.companyId, j.country, j.regime, j.providers, j.critical])).toEqual([
      ['amazon', 'US', 'us', ['route53'], true],
      ['ovh', 'FR', 'eu', ['ovh-cdn'], true],
      ['cloudflare', 'US', 'us', ['cdnjs', 'turnstile'], false],
    ]);
  });

  it('nameservers no provider claims are a company of unknown country on the critical path', () => {
    const vanity = dnsSummary(
      'plain-origin.org',
      ['ns1.example-hosting.net', 'ns2.example-hosting.net'],
      undefined,
      CATALOG,
    );
    const s = sovereigntyOfPage(
      'https://plain-origin.org/',
      [{ host: 'plain-origin.org', kind: 'document', main: true, by: [], ip: '192.0.2.10' }],
      [vanity],
    );
    expect(s.jurisdictions).toEqual([
      {
        companyId: 'ns:example-hosting.net',
        company: 'example-hosting.net',
        country: null,
        regime: 'unknown',
        providers: [],
        critical: true,
      },
    ]);
    expect(s.servedFrom).toEqual([]);
  });

  it('a bucket is served from the region its host names', () => {
    const s = sovereigntyOfPage(
      'https://www.harborlight-photo.com/',
      [
        {
          host: 'www.harborlight-photo.com',
          kind: 'document',
          main: true,
          by: [['cloudfront', 'edge']],
          pop: 'CDG50-P2',
        },
        { host: 'harborlight-media.s3.eu-west-3.amazonaws.com', kind: 'image', by: [['s3', 'origin']], n: 3 },
      ],
      [],
    );
    expect(s.servedFrom).toEqual([{ country: 'FR', pops: ['CDG50-P2', 'EU-WEST-3'] }]);
    const served = sovereigntySummary(s, en)[1]!;
    expect(en.t(served.key, served.subs)).toBe('It was served from France (Paris).');
  });

  it("keeps PoP codes it cannot place apart (CDN77's city names)", () => {
    const s = sovereigntyOfPage(
      'https://www.example.com/',
      [
        {
          host: 'www.example.com',
          kind: 'document',
          main: true,
          by: [['cdn77', 'edge']],
          pop: 'frankfurtDE',
        },
      ],
      [],
    );
    expect(s.servedFrom).toEqual([]);
    expect(s.unplacedPops).toEqual(['FRANKFURTDE']);
    expect(s.jurisdictions[0]).toMatchObject({
      company: 'CDN77',
      country: 'GB',
      regime: 'national',
      critical: true,
    });
  });
});

describe('sovereigntyOf: what it cannot place', () => {
  it('a site found by its address alone has a company and a law, but no place: the note says so', () => {
    // A page from a Hetzner server (5.9.0.0/16 in Hetzner's published ranges), no header naming it.
    const view = pageView(
      recordOf(3, 'https://www.alpenblick-hotel.de/', [
        { url: 'https://www.alpenblick-hotel.de/', type: 'main_frame', ip: '5.9.100.20' },
      ]),
      providerById,
    );
    expect(view.providers.map((p) => [p.id, p.pops.length])).toEqual([['hetzner', 0]]);
    const impacts = rankImpact(view);
    const s = sovereigntyOf(view, impacts, []);
    expect(s.jurisdictions).toEqual([
      {
        companyId: 'hetzner',
        company: 'Hetzner',
        country: 'DE',
        regime: 'eu',
        providers: ['hetzner'],
        critical: true,
      },
    ]);
    // Hetzner has data centres in Germany, Finland, the US and Singapore: the address does not say which.
    expect(s.servedFrom).toEqual([]);
    expect(s.unplacedProviders).toEqual(['Hetzner']);
    const notes = cannotKnow(view, singlePointsOfFailure(view, impacts), undefined, undefined, s);
    expect(notes.map((n) => n.key)).toContain('resCannotKnowDataLocation');
    const unplaced = notes.find((n) => n.key === 'resCannotKnowUnplaced')!;
    expect(en.t(unplaced.key, unplaced.subs)).toBe(
      'Where Hetzner answered from is not known: none of the responses names a PoP with a known place, and the published address ranges used here carry no regions.',
    );
    expect(say(en, sovereigntySummary(s, en))).toEqual([
      'The critical path of this page runs through 1 company, Hetzner, under EU jurisdiction.',
      'Where it was served from is not known: no response named a PoP whose place is known.',
    ]);
  });

  it("the shop: only jsDelivr and Stripe named no place (Cloudflare's and Fastly's PoPs did)", () => {
    const s = sovereigntyOfPage('https://www.maple-shop.com/', shop);
    expect(s.unplacedProviders).toEqual(['jsDelivr', 'Stripe']);
    const many = { jurisdictions: s.jurisdictions, unplacedProviders: ['A', 'B', 'C', 'D', 'E', 'F', 'G'] };
    const view = buildView('https://www.maple-shop.com/', shop);
    const note = cannotKnow(view, [], undefined, undefined, many).find(
      (n) => n.key === 'resCannotKnowUnplaced',
    );
    // A long page names the first few.
    expect(note?.subs).toEqual(['A, B, C, D, E, F…']);
    // No company read, no note on where data is kept.
    expect(
      cannotKnow(view, [], undefined, undefined, { jurisdictions: [], unplacedProviders: [] }).map(
        (n) => n.key,
      ),
    ).not.toContain('resCannotKnowDataLocation');
  });
});

describe('sovereigntySummary', () => {
  const s = sovereigntyOfPage('https://www.maple-shop.com/', shop);

  it('says who the critical path runs through, and where the page was served from', () => {
    expect(say(en, sovereigntySummary(s, en))).toEqual([
      'The critical path of this page runs through 1 company, Cloudflare, under US jurisdiction.',
      'It was served from France (Paris) and Germany (Frankfurt).',
    ]);
  });

  it('for a user in France: what lies outside France and the EU', () => {
    expect(say(en, sovereigntySummary(s, en, { country: 'FR' })).slice(2)).toEqual([
      'Outside your country (France): Cloudflare (United States); served from Germany (Frankfurt).',
      'Outside the EU: Cloudflare (United States).',
    ]);
    expect(say(fr, sovereigntySummary(s, fr, { country: 'FR' }))).toEqual([
      'Le chemin critique de cette page passe par 1 entreprise, Cloudflare, sous juridiction des États-Unis.',
      // City names are the places table's (English); country names are the browser's (CLDR).
      'Elle a été servie depuis : France (Paris) et Allemagne (Frankfurt).',
      'Hors de votre pays (France) : Cloudflare (États-Unis) ; servie depuis Allemagne (Frankfurt).',
      'Hors de l’UE : Cloudflare (États-Unis).',
    ]);
  });

  it('merges the two when the EU adds nothing, and says when everything is inside', () => {
    const german = sovereigntyOfPage('https://www.maple-shop.com/', [
      { host: 'www.maple-shop.com', kind: 'document', main: true, by: [['cloudflare', 'edge']], pop: 'FRA' },
    ]);
    expect(say(en, sovereigntySummary(german, en, { country: 'DE' })).slice(2)).toEqual([
      'Outside your country (Germany) and the EU: Cloudflare (United States).',
    ]);
    expect(say(en, sovereigntySummary(german, en, { country: 'US' })).slice(2)).toEqual([
      'Outside your country (United States): served from Germany (Frankfurt).',
    ]);
    const home = sovereigntyOfPage('https://www.maple-shop.com/', [
      { host: 'www.maple-shop.com', kind: 'document', main: true, by: [['cloudflare', 'edge']], pop: 'IAD' },
    ]);
    expect(say(en, sovereigntySummary(home, en, { country: 'US' })).slice(2)).toEqual([
      'Nothing on the critical path is outside your country (United States), and the page was served from there.',
    ]);
  });

  it('names each jurisdiction when they differ, and says which country is not known', () => {
    const vanity = dnsSummary('maple-shop.com', ['ns1.example-hosting.net'], undefined, CATALOG);
    const mixed = sovereigntyOfPage(
      'https://www.maple-shop.com/',
      [
        { host: 'www.maple-shop.com', kind: 'document', main: true, by: [['tencent-cdn', 'edge']] },
        { host: 'www.maple-shop.com', kind: 'document', main: true, by: [['cdn77', 'edge']] },
      ],
      [vanity],
    );
    const texts = say(en, sovereigntySummary(mixed, en, { country: 'GB' }));
    expect(texts[0]).toBe(
      'The critical path of this page runs through 3 companies under different jurisdictions: example-hosting.net (a jurisdiction that is not known), CDN77 (the jurisdiction of United Kingdom), and Tencent (Chinese jurisdiction).',
    );
    expect(texts[1]).toBe(
      'Where it was served from is not known: no response named a PoP whose place is known.',
    );
    expect(texts.slice(2)).toEqual([
      'Outside your country (United Kingdom): Tencent (China).',
      'Where example-hosting.net is headquartered is not known.',
    ]);
  });

  it('says so when no company on the critical path is known', () => {
    const bare = sovereigntyOfPage(
      'https://192.0.2.10/',
      [{ host: '192.0.2.10', kind: 'document', main: true, by: [], ip: '192.0.2.10' }],
      [],
    );
    expect(sovereigntySummary(bare, en).map((x) => x.key)).toEqual([
      'resSovNoCritical',
      'resSovServedUnknown',
    ]);
  });
});
