import { describe, expect, it } from 'vitest';
import { buildView, translator } from './__fixtures__/translator.ts';
import { criticalHosts, type Impact, rankImpact } from './impact.ts';

/** A shop page: Cloudflare in front of Render, Stripe checkout, Google Fonts, cdnjs, images… */
function shop() {
  return buildView('https://www.maple-shop.com/checkout', [
    {
      host: 'www.maple-shop.com',
      kind: 'document',
      main: true,
      pop: 'CDG',
      by: [
        ['cloudflare', 'edge'],
        ['render', 'origin'],
      ],
    },
    { host: 'www.maple-shop.com', kind: 'xhr', n: 2, pop: 'CDG', by: [['cloudflare', 'edge']] },
    { host: 'js.stripe.com', kind: 'script', by: [['stripe', 'service']] },
    { host: 'js.stripe.com', kind: 'subframe', by: [['stripe', 'service']] },
    { host: 'api.stripe.com', kind: 'xhr', n: 3, by: [['stripe', 'service']] },
    { host: 'fonts.googleapis.com', kind: 'stylesheet', by: [['google-fonts', 'service']] },
    { host: 'fonts.gstatic.com', kind: 'font', n: 4, by: [['google-fonts', 'service']] },
    { host: 'cdnjs.cloudflare.com', kind: 'script', n: 2, by: [['cdnjs', 'service']] },
    { host: 'res.cloudinary.com', kind: 'image', n: 10, by: [['cloudinary', 'edge']] },
    { host: 'www.googletagmanager.com', kind: 'script', by: [['gtm', 'service']] },
    { host: 'www.youtube.com', kind: 'subframe', by: [['youtube', 'service']] },
    { host: 'media.maple-cdn.com', kind: 'media', n: 2, by: [['bunny', 'edge']] },
    { host: 'api.maple-shop.net', kind: 'xhr', n: 6, by: [['fastly', 'edge']] },
    { host: 'kit.fontawesome.com', kind: 'script', by: [['fontawesome', 'service']] },
    { host: 'kit.fontawesome.com', kind: 'font', by: [['fontawesome', 'service']] },
  ]);
}

function byId(impacts: readonly Impact[]): Map<string, Impact> {
  return new Map(impacts.map((i) => [i.providerId, i]));
}

describe('impact per provider', () => {
  const impacts = rankImpact(shop());
  const m = byId(impacts);

  it('the main document provider is critical: the page does not load at all', () => {
    const cf = m.get('cloudflare')!;
    expect(cf).toMatchObject({
      severity: 'critical',
      critical: true,
      key: 'resImpactDocument',
      subs: ['Cloudflare'],
    });
    expect(cf.parts).toEqual({ document: 1, xhr: 2 });
    // The origin behind the edge carried the document too.
    expect(m.get('render')).toMatchObject({ severity: 'critical', critical: true, role: 'origin' });
    expect(translator('en')(cf.key, [...cf.subs])).toBe(
      'If Cloudflare fails: the page does not load at all.',
    );
  });

  it('a payment service is major: payments fail, the page still loads', () => {
    const stripe = m.get('stripe')!;
    expect(stripe).toMatchObject({
      severity: 'major',
      critical: false,
      function: 'payments',
      key: 'resImpactPayments',
      requests: 5,
    });
    expect(stripe.parts).toEqual({ script: 1, subframe: 1, xhr: 3 });
    expect(translator('en')(stripe.key, [...stripe.subs])).toBe(
      'If Stripe fails: payments fail (its payment frame and API calls); the page still loads.',
    );
  });

  it('fonts only are cosmetic; an icon kit with a script is minor', () => {
    expect(m.get('google-fonts')).toMatchObject({ severity: 'cosmetic', key: 'resImpactFonts' });
    expect(translator('en')('resImpactFonts', ['Google Fonts'])).toBe(
      'If Google Fonts fails: text falls back to system fonts.',
    );
    expect(m.get('fontawesome')).toMatchObject({ severity: 'minor', key: 'resImpactFontKit' });
  });

  it('scripts from a script CDN are major; API calls through a CDN are major', () => {
    expect(m.get('cdnjs')).toMatchObject({
      severity: 'major',
      key: 'resImpactScriptCdn',
      function: 'script-cdn',
    });
    expect(m.get('fastly')).toMatchObject({ severity: 'major', key: 'resImpactApi' });
  });

  it('images, media, embeds and add-ons are minor', () => {
    expect(m.get('cloudinary')).toMatchObject({ severity: 'minor', key: 'resImpactImages' });
    expect(m.get('bunny')).toMatchObject({ severity: 'minor', key: 'resImpactMedia' });
    expect(m.get('youtube')).toMatchObject({ severity: 'minor', key: 'resImpactEmbed' });
    expect(m.get('gtm')).toMatchObject({ severity: 'minor', key: 'resImpactAddon' });
  });

  it('ranks by severity, then by requests, then by name', () => {
    expect(impacts.map((i) => i.providerId)).toEqual([
      'cloudflare', // critical, 3 requests
      'render', // critical, 1
      'fastly', // major, 6
      'stripe', // major, 5
      'cdnjs', // major, 2
      'cloudinary', // minor, 10
      'bunny', // minor, 2
      'fontawesome', // minor, 2
      'gtm', // minor, 1
      'youtube', // minor, 1
      'google-fonts', // cosmetic, 5
    ]);
  });

  it('lists the hosts of critical and major providers for DNS look-ups', () => {
    expect(criticalHosts(shop(), impacts)).toEqual([
      'www.maple-shop.com',
      'api.maple-shop.net',
      'api.stripe.com', // more requests than js.stripe.com
      'js.stripe.com',
      'cdnjs.cloudflare.com',
    ]);
  });

  it('captcha, sign-in and bot management are major', () => {
    const view = buildView('https://login.harbor-bank.io/', [
      { host: 'login.harbor-bank.io', kind: 'document', main: true, by: [['cloudfront', 'edge']] },
      { host: 'www.google.com', kind: 'script', by: [['recaptcha', 'service']] },
      { host: 'harbor.b2clogin.com', kind: 'xhr', by: [['azure-b2c', 'service']] },
      { host: 'ct.datadome.co', kind: 'script', by: [['datadome-js', 'service']] },
    ]);
    const i = byId(rankImpact(view));
    expect(i.get('recaptcha')).toMatchObject({
      severity: 'major',
      key: 'resImpactCaptcha',
      function: 'captcha',
    });
    expect(i.get('azure-b2c')).toMatchObject({ severity: 'major', key: 'resImpactAuth', function: 'auth' });
    expect(i.get('datadome-js')).toMatchObject({ severity: 'major', key: 'resImpactBotManagement' });
    expect(i.get('cloudfront')).toMatchObject({ severity: 'critical' });
  });

  it('a page with no recognised provider has no impact to rank', () => {
    const view = buildView('https://plain.example/', [
      { host: 'plain.example', kind: 'document', main: true, by: [], ip: '192.0.2.1' },
    ]);
    expect(rankImpact(view)).toEqual([]);
  });
});
