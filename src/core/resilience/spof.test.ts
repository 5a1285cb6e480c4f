import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog/index.ts';
import { buildView, type Served, translator } from './__fixtures__/translator.ts';
import { type DnsSummary, dnsSummary } from './dns.ts';
import { rankImpact } from './impact.ts';
import { cannotKnow, singlePointsOfFailure } from './spof.ts';

const doc = (by: Served['by']): Served => ({ host: 'www.maple-shop.com', kind: 'document', main: true, by });
const cfDns = dnsSummary(
  'maple-shop.com',
  ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com'],
  undefined,
  CATALOG,
);
const twoDns = dnsSummary(
  'maple-shop.com',
  ['ns-2048.awsdns-64.com', 'ns1-01.azure-dns.com'],
  undefined,
  CATALOG,
);
const r53Dns = dnsSummary(
  'maple-shop.com',
  ['ns-2048.awsdns-64.com', 'ns-512.awsdns-00.net'],
  undefined,
  CATALOG,
);

function spofsOf(served: readonly Served[], dns: readonly DnsSummary[] = []) {
  const view = buildView('https://www.maple-shop.com/', served);
  const impacts = rankImpact(view);
  return { view, spofs: singlePointsOfFailure(view, impacts, dns) };
}

describe('single points of failure', () => {
  it('the main document behind one CDN, with what one load cannot know', () => {
    const { view, spofs } = spofsOf([doc([['cloudflare', 'edge']])]);
    expect(spofs).toHaveLength(1);
    const [s] = spofs;
    expect(s).toEqual({
      id: 'document-edge:cloudflare',
      kind: 'document-edge',
      key: 'resSpofDocumentEdge',
      subs: ['Cloudflare'],
      reason: { key: 'resReasonDocumentEdge', subs: ['www.maple-shop.com', 'Cloudflare'] },
      advice: { key: 'resAdviceMultiCdn', subs: [] },
      providers: ['cloudflare'],
      cannotKnow: { key: 'resCannotKnowStandbyCdn', subs: ['Cloudflare'] },
    });
    const t = translator('en');
    expect(t(s!.key, [...s!.subs])).toBe('The page is reachable only through Cloudflare');
    expect(cannotKnow(view, spofs).map((n) => n.key)).toEqual([
      'resCannotKnowStandbyCdn',
      'resCannotKnowBehindEdge',
      'resCannotKnowOtherPages',
    ]);
  });

  it('names the origin platform behind the edge as well', () => {
    const { spofs } = spofsOf([
      doc([
        ['cloudflare', 'edge'],
        ['render', 'origin'],
      ]),
    ]);
    expect(spofs.map((s) => s.id)).toEqual(['document-edge:cloudflare', 'document-origin:render']);
  });

  it('no provider in front of the document: its own server alone, with its address', () => {
    const { view, spofs } = spofsOf([{ ...doc([]), ip: '192.0.2.10' }]);
    expect(spofs).toEqual([
      {
        id: 'document-server:www.maple-shop.com',
        kind: 'document-server',
        key: 'resSpofDocumentServer',
        subs: ['www.maple-shop.com'],
        reason: { key: 'resReasonDocumentServer', subs: ['www.maple-shop.com', '192.0.2.10'] },
        advice: { key: 'resAdviceDocumentServer', subs: [] },
        providers: [],
        cannotKnow: { key: 'resCannotKnowServerStandby', subs: ['www.maple-shop.com'] },
      },
    ]);
    const t = translator('en');
    expect(t(spofs[0]!.key, [...spofs[0]!.subs])).toBe(
      'The page comes from one server of www.maple-shop.com, with no CDN in front',
    );
    expect(t(spofs[0]!.reason.key, [...spofs[0]!.reason.subs])).toBe(
      'the main document of www.maple-shop.com came straight from its own server (192.0.2.10), with no provider’s signature.',
    );
    expect(cannotKnow(view, spofs)[0]?.key).toBe('resCannotKnowServerStandby');
    // No address given (a HAR without one): the finding stands, without it.
    expect(spofsOf([doc([])]).spofs.map((x) => x.reason.key)).toEqual(['resReasonDocumentServerNoIp']);
    // A CDN in front: no such finding.
    expect(spofsOf([doc([['cloudflare', 'edge']])]).spofs.map((x) => x.kind)).not.toContain(
      'document-server',
    );
  });

  it('all nameservers at one DNS provider vs two providers', () => {
    const one = spofsOf([doc([['fastly', 'edge']])], [cfDns]).spofs.find((s) => s.kind === 'dns');
    expect(one).toMatchObject({
      id: 'dns:maple-shop.com',
      key: 'resSpofDns',
      subs: ['maple-shop.com', 'Cloudflare'],
      reason: {
        key: 'resReasonDns',
        subs: ['maple-shop.com', 'jessica.ns.cloudflare.com, rob.ns.cloudflare.com', 'Cloudflare'],
      },
      advice: { key: 'resAdviceSecondaryDns' },
    });
    const two = spofsOf([doc([['fastly', 'edge']])], [twoDns]).spofs;
    expect(two.some((s) => s.kind === 'dns')).toBe(false);
  });

  it('one DNS operator the catalog does not know is named by its domain', () => {
    const unknown = dnsSummary(
      'maple-shop.com',
      ['ns1.example-hosting.net', 'ns2.example-hosting.net'],
      undefined,
      CATALOG,
    );
    const s = spofsOf([doc([['fastly', 'edge']])], [unknown]).spofs.find((x) => x.kind === 'dns');
    expect(s?.subs).toEqual(['maple-shop.com', 'example-hosting.net']);
    expect(s?.providers).toEqual([]);
  });

  it('payment from a single provider; two payment providers are not a single point', () => {
    const stripe: Served = { host: 'js.stripe.com', kind: 'subframe', by: [['stripe', 'service']] };
    const paypal: Served = { host: 'www.paypalobjects.com', kind: 'script', by: [['paypal', 'service']] };
    const one = spofsOf([doc([['fastly', 'edge']]), stripe]).spofs.find((s) => s.kind === 'payments');
    expect(one).toMatchObject({
      id: 'payments:stripe',
      key: 'resSpofPayments',
      subs: ['Stripe'],
      reason: { key: 'resReasonPayments', subs: ['Stripe', 'js.stripe.com'] },
      advice: { key: 'resAdvicePayments' },
      cannotKnow: { key: 'resCannotKnowFallbackFlow', subs: ['Stripe'] },
    });
    const both = spofsOf([doc([['fastly', 'edge']]), stripe, paypal]).spofs;
    expect(both.some((s) => s.kind === 'payments')).toBe(false);
  });

  it('sign-in and captcha from a single provider', () => {
    const { spofs } = spofsOf([
      doc([['cloudfront', 'edge']]),
      { host: 'accounts.google.com', kind: 'script', by: [['google-signin', 'service']] },
      { host: 'js.hcaptcha.com', kind: 'script', by: [['hcaptcha', 'service']] },
    ]);
    expect(spofs.map((s) => s.id)).toEqual([
      'document-edge:cloudfront',
      'auth:google-signin',
      'captcha:hcaptcha',
    ]);
  });

  it('everything critical on one company: Cloudflare edge + Cloudflare DNS + Turnstile', () => {
    const served = [
      doc([['cloudflare', 'edge']]),
      { host: 'challenges.cloudflare.com', kind: 'script', by: [['turnstile', 'service']] } as Served,
    ];
    const { spofs } = spofsOf(served, [cfDns]);
    const company = spofs.find((s) => s.kind === 'company');
    expect(company).toEqual({
      id: 'company:cloudflare',
      kind: 'company',
      key: 'resSpofCompany',
      subs: ['Cloudflare'],
      reason: { key: 'resReasonCompany', subs: ['Cloudflare', 'Cloudflare, Cloudflare Turnstile'] },
      advice: { key: 'resAdviceCompany', subs: ['Cloudflare'] },
      providers: ['cloudflare', 'turnstile'],
    });
    expect(translator('en')(company!.key, [...company!.subs])).toBe('Everything critical is on Cloudflare');
    // DNS elsewhere: no longer everything on one company.
    expect(spofsOf(served, [r53Dns]).spofs.some((s) => s.kind === 'company')).toBe(false);
    // Amazon all the way: CloudFront edge, S3 origin, Route 53.
    const amazon = spofsOf(
      [
        doc([
          ['cloudfront', 'edge'],
          ['s3', 'origin'],
        ]),
      ],
      [r53Dns],
    ).spofs.find((s) => s.kind === 'company');
    expect(amazon?.subs).toEqual(['Amazon']);
  });

  it('one layer alone is not "everything on one company"', () => {
    const { spofs } = spofsOf([doc([['cloudflare', 'edge']])]);
    expect(spofs.some((s) => s.kind === 'company')).toBe(false);
  });

  it('cannot-know notes follow the evidence', () => {
    const vanity = dnsSummary(
      'maple-shop.com',
      [],
      { mname: 'ns1.maple-shop.com', rname: 'hostmaster.maple-shop.com' },
      CATALOG,
    );
    const view = buildView('https://www.maple-shop.com/', [
      doc([['cloudflare', 'edge']]),
      { host: 'cdn.maple-shop.com', kind: 'image', by: [] },
      { host: 'sw.maple-shop.com', kind: 'script', by: [] },
      { host: 'lone.maple-shop.com', kind: 'image', by: [], ip: '192.0.2.1' },
    ]);
    const spofs = singlePointsOfFailure(view, rankImpact(view), [vanity]);
    expect(cannotKnow(view, spofs, [vanity])).toEqual([
      { key: 'resCannotKnowStandbyCdn', subs: ['Cloudflare'] },
      { key: 'resCannotKnowVanityNs', subs: [] },
      { key: 'resCannotKnowSoaOnly', subs: [] },
      { key: 'resCannotKnowCached', subs: ['2'] },
      { key: 'resCannotKnowUnattributed', subs: ['1'] },
      { key: 'resCannotKnowBehindEdge', subs: [] },
      { key: 'resCannotKnowOtherPages', subs: [] },
    ]);
  });
});
