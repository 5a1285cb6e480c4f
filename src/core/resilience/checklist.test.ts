import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog/index.ts';
import { dohFixture } from './__fixtures__/fake-doh.ts';
import { buildView, type Served, translator } from './__fixtures__/translator.ts';
import { continuityChecklist } from './checklist.ts';
import { dnsSummary, parseDoh } from './dns.ts';
import { failoverOf } from './failover.ts';

/*
 * The lab's checkout as a browser loads it: Cloudflare in front (Paris), Stripe's card frame, the
 * domain's nameservers all at Cloudflare (the recorded NS answer, TTL one day) and a proxied
 * address record (TTL 300 s).
 */
const checkout: Served[] = [
  { host: 'www.maple-shop.com', kind: 'document', main: true, by: [['cloudflare', 'edge']], pop: 'CDG' },
  { host: 'js.stripe.com', kind: 'script', by: [['stripe', 'service']] },
  { host: 'js.stripe.com', kind: 'subframe', by: [['stripe', 'service']] },
];
const view = buildView('https://www.maple-shop.com/checkout', checkout);
const ns = parseDoh(dohFixture('ns-cloudflare.json'));
if (!ns.ok) throw new Error('ns-cloudflare.json');
const summary = { ...dnsSummary('maple-shop.com', ns.nameservers, undefined, CATALOG), nsTtl: ns.nsTtl! };
const failover = failoverOf('www.maple-shop.com', { ok: true, type: 'A', ttl: 300 }, summary);
const dns = [{ domain: 'maple-shop.com', summary }];

describe('continuityChecklist', () => {
  it('one section per single point of failure: what fails, degraded modes, switch time, status page, who to tell', () => {
    const t = translator('en');
    const md = continuityChecklist({ view, dns, failover }, t);
    const sections = md.split('\n## ').slice(1);
    expect(sections.map((s) => s.split('\n')[0])).toEqual([
      '1. The page is reachable only through Cloudflare',
      '2. All nameservers of maple-shop.com are at Cloudflare: no secondary DNS',
      '3. Payments depend on Stripe alone',
    ]);
    expect(md.startsWith('# Continuity checklist: www.maple-shop.com\n')).toBe(true);
    expect(sections[0]).toBe(
      [
        '1. The page is reachable only through Cloudflare',
        '',
        '- What fails: If Cloudflare fails: the page does not load at all.',
        '- Degraded modes to prepare:',
        '  - [ ] Keep a second CDN ready (multi-CDN with DNS or load-balancer failover) and test the switch.',
        '  - [ ] Health checks that switch traffic away from Cloudflare on their own, and a person who can switch by hand.',
        '  - [ ] A static fallback page (status, contact, the essential information) served by another provider than Cloudflare.',
        '  - [ ] Switch time: Switching www.maple-shop.com to another CDN reaches most users within 5 minutes: its A record has a TTL of 5 minutes.',
        '- [ ] Status page of Cloudflare to watch: <https://www.cloudflarestatus.com>',
        '- [ ] Who to tell: ________ (the on-call team, customer support, and your users through a status page or channels that do not depend on Cloudflare).',
        '',
      ].join('\n'),
    );
    expect(sections[1]).toContain(
      '- What fails: If Cloudflare fails: maple-shop.com and every name under it stop resolving',
    );
    expect(sections[1]).toContain('  - [ ] Add a secondary DNS provider');
    expect(sections[1]).toContain(
      '  - [ ] Switch time: Moving maple-shop.com to another DNS provider reaches most users within a day: its NS records have a TTL of 1 day.',
    );
    expect(sections[2]).toContain(
      '- What fails: If Stripe fails: payments fail (its payment frame and API calls); the page still loads.',
    );
    expect(sections[2]).toContain(
      '  - [ ] Offer a second payment provider, or a degraded mode (take the order, charge later).',
    );
    expect(sections[2]).toContain('- [ ] Status page of Stripe to watch: <https://status.stripe.com>');
    expect(md.trimEnd().endsWith('_')).toBe(true);
  });

  it('in French, from the same facts', () => {
    const md = continuityChecklist({ view, dns, failover, locale: 'fr' }, translator('fr'));
    expect(md).toContain('# Liste de continuité : www.maple-shop.com');
    expect(md).toContain('- Ce qui tombe : Si Cloudflare');
    expect(md).toContain('- Modes dégradés à préparer :');
    expect(md).toContain('en 5 minutes au plus');
    expect(md).toContain('- [ ] Page d’état de Cloudflare à surveiller : <https://www.cloudflarestatus.com>');
    expect(md).not.toMatch(/\b(?:What fails|Degraded modes|Who to tell)\b/);
  });

  it('a provider without a public status page says so; no DNS read, no DNS section or switch time', () => {
    const plain = buildView('https://shop.example/', [
      { host: 'shop.example', kind: 'document', main: true, by: [['cdn77', 'edge']] },
    ]);
    const md = continuityChecklist({ view: plain }, translator('en'));
    expect(md).toContain(
      '- [ ] No public status page is known for CDN77: watch its own announcements and your monitoring.',
    );
    expect(md).not.toContain('Switch time');
    expect(md).not.toContain('nameservers');
  });

  it('the site’s own server alone: its own monitoring is what to watch', () => {
    const bare = buildView('https://www.plain-origin.org/', [
      { host: 'www.plain-origin.org', kind: 'document', main: true, by: [], ip: '192.0.2.10' },
    ]);
    const md = continuityChecklist({ view: bare }, translator('en'));
    expect(md).toContain(
      '## 1. The page comes from one server of www.plain-origin.org, with no CDN in front',
    );
    expect(md).toContain('- [ ] Status to watch: your own monitoring of www.plain-origin.org');
  });

  it('no single point of failure: says so instead of inventing one', () => {
    // The document answered through two CDNs: no single edge, no lone server.
    const multi = buildView('https://www.maple-shop.com/', [
      {
        host: 'www.maple-shop.com',
        kind: 'document',
        main: true,
        by: [
          ['cloudflare', 'edge'],
          ['fastly', 'edge'],
        ],
      },
    ]);
    const md = continuityChecklist({ view: multi }, translator('en'));
    expect(md).toContain('This page load showed no single point of failure.');
    expect(md).not.toContain('## ');
  });
});
