import { describe, expect, it } from 'vitest';
import { COMPANIES } from './companies.ts';
import { companyOf } from './index.ts';
import { type Regime, regimeOf } from './jurisdictions.ts';

/*
 * The countries a sovereignty review reads first, pinned as facts from the sources the rows cite
 * (SEC EDGAR business addresses; the companies' own legal, imprint and privacy pages), with the law
 * each one falls under. A change of country in companies.ts fails here and must say why.
 */

/** Catalog provider id → its company's country and regime, and where that is stated. */
const FACTS: readonly (readonly [provider: string, country: string, regime: Regime, stated: string])[] = [
  // US companies: the CLOUD Act reaches what they control wherever it is stored.
  ['cloudflare', 'US', 'us', 'Cloudflare, Inc., San Francisco (10-K)'],
  ['akamai', 'US', 'us', 'Akamai Technologies, Inc., Cambridge, Massachusetts (10-K)'],
  ['fastly', 'US', 'us', 'Fastly, Inc., San Francisco (10-K)'],
  ['cloudfront', 'US', 'us', 'Amazon.com, Inc., Seattle (10-K)'],
  ['route53', 'US', 'us', 'Amazon.com, Inc. (10-K)'],
  ['azure-fd', 'US', 'us', 'Microsoft Corporation, Redmond (10-K)'],
  ['stripe', 'US', 'us', 'Stripe, Inc. (privacy policy), EEA contracts with Stripe Payments Europe'],
  ['imperva', 'US', 'us', 'Imperva, Inc. contracts for the service; owned by Thales (France)'],
  // EU member states.
  ['ovh-cdn', 'FR', 'eu', 'OVH Groupe SA, Roubaix'],
  ['hetzner', 'DE', 'eu', 'Hetzner Online GmbH, Gunzenhausen (privacy policy)'],
  ['bunny', 'SI', 'eu', 'BunnyWay d.o.o., Ljubljana (terms)'],
  ['gcore', 'LU', 'eu', 'G-Core Labs S.A., Luxembourg'],
  ['adyen', 'NL', 'eu', 'Adyen N.V., Amsterdam'],
  ['klarna', 'SE', 'eu', 'Klarna Bank AB, Stockholm'],
  // Outside the EU, its own law: the UK (since 2020), Switzerland, Canada, Israel, Turkey, Iran.
  ['cdn77', 'GB', 'national', 'DataCamp Limited, England and Wales (terms)'],
  ['keycdn', 'CH', 'national', 'proinity LLC, Switzerland (legal page)'],
  ['shopify', 'CA', 'national', 'Shopify Inc., Ottawa (SEC filings)'],
  ['wix', 'IL', 'national', 'Wix.com Ltd., Tel Aviv (SEC filings)'],
  ['medianova', 'TR', 'national', 'Medianova, Istanbul'],
  ['arvancloud', 'IR', 'national', 'ArvanCloud, Tehran'],
  // China and Russia.
  ['alibaba-cdn', 'CN', 'cn', 'Alibaba Group, Hangzhou (SEC filings; Cayman Islands holding)'],
  ['ddos-guard', 'RU', 'ru', 'DDoS-Guard, Rostov-on-Don'],
];

describe('companies: the countries a sovereignty review reads first', () => {
  it.each(FACTS)('%s is run from %s (%s law): %s', (provider, country, regime) => {
    const hq = companyOf(provider)?.hq;
    expect(hq && 'country' in hq ? hq.country : undefined, provider).toBe(country);
    expect(regimeOf(country)).toBe(regime);
  });

  it('says "unknown" with the reason rather than guess: open-source CDNs have no company', () => {
    for (const provider of ['jsdelivr', 'unpkg']) {
      const hq = companyOf(provider)?.hq;
      expect(hq && 'unknown' in hq ? hq.unknown : undefined, provider).toMatch(/open-source/);
    }
  });

  it('one company, one row: the products of a company share its country', () => {
    expect(companyOf('turnstile')).toEqual({ id: 'cloudflare', ...COMPANIES.cloudflare });
    expect(companyOf('cdnjs')?.id).toBe('cloudflare');
    expect(companyOf('route53')?.id).toBe(companyOf('cloudfront')?.id);
  });
});
