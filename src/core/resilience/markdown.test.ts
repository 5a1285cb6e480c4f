import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog/index.ts';
import { buildView, type Served, translator } from './__fixtures__/translator.ts';
import { dnsSummary, summariseFailure } from './dns.ts';
import { failoverOf } from './failover.ts';
import { escapeMarkdown, reportMarkdown } from './markdown.ts';

const served: Served[] = [
  { host: 'www.maple-shop.com', kind: 'document', main: true, pop: 'CDG', by: [['cloudflare', 'edge']] },
  { host: 'www.maple-shop.com', kind: 'script', n: 3, pop: 'CDG', by: [['cloudflare', 'edge']] },
  { host: 'js.stripe.com', kind: 'subframe', by: [['stripe', 'service']] },
  { host: 'api.stripe.com', kind: 'xhr', n: 3, by: [['stripe', 'service']] },
  { host: 'fonts.gstatic.com', kind: 'font', n: 2, by: [['google-fonts', 'service']] },
  { host: 'challenges.cloudflare.com', kind: 'script', by: [['turnstile', 'service']] },
];
const view = buildView('https://www.maple-shop.com/checkout', served);
const cfDns = dnsSummary(
  'maple-shop.com',
  ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com'],
  undefined,
  CATALOG,
);

function lines(md: string): string[] {
  return md.split('\n');
}

describe('reportMarkdown', () => {
  const md = reportMarkdown(
    {
      view,
      dns: [
        { domain: 'maple-shop.com', summary: cfDns },
        {
          domain: 'stripe.com',
          failure: summariseFailure([
            { resolver: 'cloudflare', kind: 'network' },
            { resolver: 'google', kind: 'network' },
          ])!,
        },
      ],
    },
    translator('en'),
  );
  const l = lines(md);

  it('heads with the page', () => {
    expect(l[0]).toBe('# Resilience of www.maple-shop.com');
    expect(l).toContain('- Page: `https://www.maple-shop.com/checkout`');
    expect(l).toContain('- Recorded: 2025-10-09T08:53:20.110Z');
    expect(l).toContain('- Requests: 11 · hosts: 5');
  });

  it('lists providers with role, what they serve, PoPs and hosts', () => {
    expect(l).toContain(
      '- **Cloudflare** — edge — serves 1 document, 3 scripts — PoPs: CDG (Paris) — hosts: `www.maple-shop.com`',
    );
    expect(l).toContain(
      '- **Stripe** — third-party service — serves 3 API calls, 1 frame — hosts: `api.stripe.com`, `js.stripe.com`',
    );
  });

  it('ranks the impact', () => {
    const start = l.indexOf('## If a provider fails');
    expect(l.slice(start + 2, start + 6)).toEqual([
      '1. **Critical** — If Cloudflare fails: the page does not load at all.',
      '2. **Major** — If Stripe fails: payments fail (its payment frame and API calls); the page still loads.',
      '3. **Major** — If Cloudflare Turnstile fails: its captcha does not load, so the forms it protects cannot be sent; the page still loads.',
      '4. **Cosmetic** — If Google Fonts fails: text falls back to system fonts.',
    ]);
  });

  it('shows DNS providers, and DNS unknown with its reason', () => {
    expect(l).toContain(
      '- `maple-shop.com`: Cloudflare (`jessica.ns.cloudflare.com`, `rob.ns.cloudflare.com`) (one provider, no secondary DNS)',
    );
    expect(l).toContain('- `stripe.com`: DNS unknown: both resolvers unreachable');
  });

  it('lists single points of failure with evidence and advice', () => {
    const start = l.indexOf('## Single points of failure');
    const section = l.slice(start, l.indexOf('## What one page load cannot show'));
    expect(section).toContain('- **The page is reachable only through Cloudflare**');
    expect(section).toContain(
      '  - Evidence: the main document of www.maple-shop.com came through Cloudflare, and no other CDN answered it.',
    );
    expect(section).toContain('- **All nameservers of maple-shop.com are at Cloudflare: no secondary DNS**');
    expect(section).toContain('- **Payments depend on Stripe alone**');
    expect(section).toContain('- **Forms depend on the Cloudflare Turnstile captcha alone**');
    // Stripe is not Cloudflare: not everything critical is on one company.
    expect(section.some((x) => x.includes('Everything critical'))).toBe(false);
    expect(section.filter((x) => x.startsWith('  - Advice: '))).toHaveLength(4);
  });

  it('ends with what one page load cannot show', () => {
    const start = l.indexOf('## What one page load cannot show');
    expect(l[start + 2]).toBe(
      '- A standby CDN behind DNS failover would not show in one page load: the page may not depend on Cloudflare alone.',
    );
    expect(l.at(-2)).toBe('_Faultline report from one page load, seen from this browser._');
  });

  it('says when DNS was not looked up, in French too', () => {
    const en = reportMarkdown({ view }, translator('en'));
    expect(lines(en)).toContain('DNS providers were not looked up.');
    expect(lines(en).some((x) => x.startsWith('- **All nameservers'))).toBe(false);
    const fr = lines(reportMarkdown({ view, locale: 'fr' }, translator('fr')));
    expect(fr[0]).toBe('# Résilience de www.maple-shop.com');
    expect(fr).toContain('Les fournisseurs DNS n’ont pas été recherchés.');
    expect(fr).toContain(
      '1. **Critique** — Si Cloudflare tombe en panne\u00a0: la page ne se charge plus du tout.',
    );
  });

  it('French plural rules: 0 and 1 are singular', () => {
    const v = buildView('https://www.maple-shop.com/', [
      { host: 'www.maple-shop.com', kind: 'document', main: true, by: [['fastly', 'edge']] },
    ]);
    const fr = reportMarkdown({ view: v, locale: 'fr' }, translator('fr'));
    expect(fr).toContain('**Fastly** — périphérie — sert 1 document — hôtes\u00a0: `www.maple-shop.com`');
  });

  it('escapes what comes from the page', () => {
    expect(escapeMarkdown('a*b_[x](y)`z`<img>|\n#')).toBe('a\\*b\\_\\[x\\](y)\\`z\\`\\<img\\>\\| #');
    const hostile = buildView('https://evil.example/`x`/[a](b)', [
      { host: 'evil.example', kind: 'document', main: true, by: [['fastly', 'edge']] },
    ]);
    const md2 = reportMarkdown({ view: hostile, dns: [] }, translator('en'));
    expect(lines(md2)).toContain('- Page: `https://evil.example/%60x%60/[a](b)`');
    expect(lines(md2)).toContain('No domain to look up (IP addresses or local names only).');
  });
});

describe('reportMarkdown: whose law, served from where, and the switch times', () => {
  const ttlDns = { ...cfDns, nsTtl: 86_400 };
  const input = {
    view,
    dns: [{ domain: 'maple-shop.com', summary: ttlDns }],
    failover: failoverOf('www.maple-shop.com', { ok: true, type: 'A', ttl: 300 }, ttlDns),
    home: { country: 'FR' },
  } as const;

  it('in English: the summary, one line per company, and the TTL readings with the DNS', () => {
    const md = lines(reportMarkdown(input, translator('en')));
    const at = md.indexOf('## Whose law, served from where');
    expect(at).toBeGreaterThan(0);
    expect(md.slice(at + 2, at + 5)).toEqual([
      'The critical path of this page runs through 1 company, Cloudflare, under US jurisdiction.',
      'It was served from France (Paris).',
      'Outside your country (France) and the EU: Cloudflare (United States).',
    ]);
    expect(md).toContain(
      '- **Cloudflare** (United States, US jurisdiction) — Cloudflare, Cloudflare Turnstile — on the critical path',
    );
    expect(md).toContain('- **Stripe** (United States, US jurisdiction) — Stripe');
    expect(md).toContain(
      '- Switching www.maple-shop.com to another CDN reaches most users within 5 minutes: its A record has a TTL of 5 minutes.',
    );
    expect(
      md.indexOf(
        '- Moving maple-shop.com to another DNS provider reaches most users within a day: its NS records have a TTL of 1 day.',
      ),
    ).toBeLessThan(at);
  });

  it('in French, with country names in French', () => {
    const md = reportMarkdown({ ...input, locale: 'fr' }, translator('fr'));
    expect(md).toContain('## Sous quel droit, servie d’où');
    expect(md).toContain('- **Cloudflare** (États-Unis, juridiction des États-Unis)');
    expect(md).toContain('Hors de votre pays (France) et de l’UE : Cloudflare (États-Unis).');
  });
});
