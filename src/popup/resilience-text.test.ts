import { describe, expect, it } from 'vitest';
import { translator } from './__fixtures__/mock-connector.ts';
import { strings } from './i18n.ts';
import { dnsReasonText, exportFilename, fileHost, localDate, said } from './resilience-text.ts';

const en = strings(translator('en'));
const fr = strings(translator('fr'));

describe('export file name', () => {
  it('is faultline-<host>-<yyyy-mm-dd>.json, in local time', () => {
    const noon = new Date(2025, 0, 5, 12, 0, 0).getTime();
    expect(localDate(noon)).toBe('2025-01-05');
    expect(exportFilename('https://Shop.Example:8443/a?b#c', noon)).toBe(
      'faultline-shop.example-2025-01-05.json',
    );
    const late = new Date(2024, 11, 31, 23, 59, 0).getTime();
    expect(exportFilename('https://news.example/', late)).toBe('faultline-news.example-2024-12-31.json');
  });

  it('keeps only file-safe characters of the host, "page" when there is none', () => {
    expect(fileHost('http://[2001:db8::1]/')).toBe('2001-db8-1');
    expect(fileHost('http://192.0.2.10/x')).toBe('192.0.2.10');
    expect(fileHost('')).toBe('page');
    expect(fileHost('not a url')).toBe('page');
    expect(fileHost('file:///tmp/a.html')).toBe('page');
  });
});

describe('DNS reason in words', () => {
  it('translates the reason from the key and substitutions the report carries', () => {
    expect(dnsReasonText(en, { unknown: 'nxdomain', key: 'resDnsNxdomain', subs: [], text: 'x' })).toBe(
      'NXDOMAIN: the domain does not exist in public DNS',
    );
    expect(
      dnsReasonText(fr, {
        unknown: 'http_error',
        key: 'resDnsHttpError',
        subs: ['429'],
        text: 'the resolver answered HTTP 429',
      }),
    ).toBe('le résolveur a répondu HTTP 429');
    expect(
      dnsReasonText(fr, {
        unknown: 'error_status',
        key: 'resDnsErrorStatus',
        subs: ['2'],
        text: 'DNS error (RCODE 2)',
      }),
    ).toBe('erreur DNS (RCODE 2)');
  });

  it('falls back to the English sentence for a key this version does not know', () => {
    const future = JSON.parse(
      '{"unknown":"rate_limited","key":"resDnsRateLimited","subs":[],"text":"rate limited"}',
    );
    // The browser's getMessage answers '' for a key it does not know.
    const browserLike = strings((key, subs) =>
      key === 'resDnsRateLimited' ? '' : translator('fr')(key, subs),
    );
    expect(dnsReasonText(browserLike, future)).toBe('rate limited');
  });
});

describe('said', () => {
  it('uses the key in the popup language, the English text when the key gives nothing', () => {
    const finding = { key: 'resSpofPayments', subs: ['Stripe'], text: 'Payments depend on Stripe alone' };
    expect(said(fr, finding)).toBe('Les paiements dépendent de Stripe seul');
    const browserLike = strings((key) => (key === 'locale' ? 'fr' : ''));
    expect(said(browserLike, finding)).toBe('Payments depend on Stripe alone');
  });
});
