import { describe, expect, it } from 'vitest';
import { articled, frenchElides, startsWithVowelSound } from './articles.ts';
import { CATALOG } from './catalog/index.ts';

/**
 * Every catalog name that takes "an" in English, read aloud: vowels, initialisms whose first
 * letter's name starts with a vowel sound (AWS, F5, MTCaptcha, NS1, OVHcloud, IONOS, hCaptcha), and
 * "un-" words. Any other catalog name takes "a" (a OneTrust, a HUMAN, a UPYUN, a YouTube).
 */
const AN = new Set([
  'Acquia',
  'Adobe Fonts (Typekit)',
  'Adyen',
  'Akamai',
  'Akamai Edge DNS',
  'Akamai bot and web protection',
  'Alibaba Cloud',
  'Alibaba Cloud CDN',
  'Alibaba Cloud DNS',
  'Alibaba Cloud OSS',
  'Amazon CloudFront',
  'Amazon Cognito',
  'Amazon Pay',
  'Amazon Route 53',
  'Amazon S3',
  'Amazon Web Services',
  'Arkose Labs (FunCaptcha)',
  'ArvanCloud',
  'Atlassian Statuspage',
  'Auth0',
  'AWS Elastic Load Balancing',
  'AWS WAF',
  'AWS WAF CAPTCHA',
  'Azion',
  'Azure AD B2C / Entra External ID',
  'Azure Blob Storage',
  'Azure DNS',
  'Azure Front Door',
  'easyDNS',
  'Edgecast',
  'Edgio (Layer0)',
  'F5 Distributed Cloud / BIG-IP',
  'F5 Distributed Cloud DNS',
  'hCaptcha',
  'imgix',
  'Imperva (Incapsula)',
  'Imunify360',
  'Intercom',
  'IONOS DNS',
  'MTCaptcha',
  'NS1 (IBM)',
  'Okta',
  'Oracle Cloud',
  'Oracle Cloud DNS',
  'OVHcloud',
  'OVHcloud CDN',
  'OVHcloud DNS',
  'UltraDNS (Vercara)',
  'unpkg',
]);

describe('articles', () => {
  it('English: “a” or “an” right for every catalog name', () => {
    const wrong = CATALOG.filter((p) => startsWithVowelSound(p.name) !== AN.has(p.name)).map((p) => p.name);
    expect(wrong).toEqual([]);
    // Every listed name is a catalog name: the list follows the catalog.
    const names = new Set(CATALOG.map((p) => p.name));
    expect([...AN].filter((n) => !names.has(n))).toEqual([]);
  });

  it('English: the cases the rules stand for', () => {
    expect(articled('en', 'Intercom')).toBe('an Intercom');
    expect(articled('en', 'Cloudflare')).toBe('a Cloudflare');
    expect(articled('en', 'AWS WAF')).toBe('an AWS WAF');
    expect(articled('en', 'CDN77')).toBe('a CDN77');
    expect(articled('en', 'OneTrust')).toBe('a OneTrust');
    expect(articled('en', 'HUMAN (PerimeterX) client')).toBe('a HUMAN (PerimeterX) client');
    expect(articled('en', 'UPYUN')).toBe('a UPYUN');
    expect(articled('en', 'jQuery CDN')).toBe('a jQuery CDN');
    expect(articled('en', 'Heroku')).toBe('a Heroku');
    expect(articled('en', 'YouTube')).toBe('a YouTube');
  });

  it('French: “de” or “d’”', () => {
    expect(articled('fr', 'Akamai')).toBe('d’Akamai');
    expect(articled('fr', 'Cloudflare')).toBe('de Cloudflare');
    expect(articled('fr', 'AWS WAF')).toBe('d’AWS WAF');
    expect(articled('fr', 'OneTrust')).toBe('de OneTrust');
    expect(articled('fr', 'Heroku')).toBe('de Heroku');
    expect(articled('fr', 'UPYUN')).toBe('d’UPYUN');
    expect(articled('fr', 'YouTube')).toBe('de YouTube');
    expect(frenchElides('Imperva (Incapsula)')).toBe(true);
    expect(frenchElides('HUMAN (PerimeterX) client')).toBe(false);
  });

  it('another language gets the name alone', () => {
    expect(articled('de', 'Akamai')).toBe('Akamai');
  });
});
