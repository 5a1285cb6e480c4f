import { describe, expect, it } from 'vitest';
import { translator } from './__fixtures__/mock-connector.ts';
import { event, HOUR, MIN, NOW } from './__fixtures__/status.ts';
import { strings } from './i18n.ts';
import { ago, eventStateText, popsOf, safeHref, since } from './status-text.ts';

const en = strings(translator('en'));
const fr = strings(translator('fr'));

describe('ages', () => {
  it('rounds down to minutes, hours, then days', () => {
    expect(since(en, NOW - 59_999, NOW)).toBe('just now');
    expect(since(en, NOW - MIN, NOW)).toBe('1 min');
    expect(since(en, NOW - 59 * MIN - 59_999, NOW)).toBe('59 min');
    expect(since(en, NOW - HOUR, NOW)).toBe('1 h');
    expect(since(en, NOW - 47 * HOUR, NOW)).toBe('47 h');
    expect(since(en, NOW - 48 * HOUR, NOW)).toBe('2 d');
    expect(since(fr, NOW - 72 * HOUR, NOW)).toBe('3 j');
  });

  it('never goes negative: the future is "just now"', () => {
    expect(since(en, NOW + HOUR, NOW)).toBe('just now');
    expect(ago(en, NOW + HOUR, NOW)).toBe('just now');
    expect(ago(fr, NOW + 1, NOW)).toBe('à l’instant');
  });

  it('says "ago" in each language', () => {
    expect(ago(en, NOW - 12 * MIN, NOW)).toBe('12 min ago');
    expect(ago(fr, NOW - 2 * HOUR, NOW)).toBe('il y a 2 h');
  });

  it('formats large numbers for the language', () => {
    expect(since(en, NOW - 1500 * 24 * HOUR, NOW)).toBe('1,500 d');
    expect(since(fr, NOW - 1500 * 24 * HOUR, NOW)).toBe('1\u202f500 j');
  });
});

describe('links and words from feeds', () => {
  it('keeps only http(s) links', () => {
    expect(safeHref('https://status.example/i/1')).toBe('https://status.example/i/1');
    expect(safeHref('http://status.example/')).toBe('http://status.example/');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,x')).toBeUndefined();
    expect(safeHref('/relative')).toBeUndefined();
    expect(safeHref(undefined)).toBeUndefined();
  });

  it('refuses a link that shows one host and opens another (a user name or password before @)', () => {
    expect(safeHref('https://status.example.com@evil.example/')).toBeUndefined();
    expect(safeHref('https://status.example.com:pw@evil.example/')).toBeUndefined();
    expect(safeHref('https://:@evil.example/')).toBe('https://evil.example/');
  });

  it('translates known state words and shows others as sent', () => {
    expect(eventStateText(en, 'in_progress')).toBe('in progress');
    expect(eventStateText(fr, 'Investigating')).toBe('en cours d’analyse');
    expect(eventStateText(en, 'under_review')).toBe('under review');
  });

  it('finds the page datacenters an event names, in the page order', () => {
    const e = event({
      id: 'e',
      title: 't',
      components: [
        { name: 'FRA', pop: 'FRA' },
        { name: 'SYD', pop: 'SYD' },
        { name: 'CDG', pop: 'cdg' },
        { name: 'API' },
      ],
    });
    expect(popsOf(e, [{ code: 'CDG', city: 'Paris' }, { code: 'FRA' }, { code: 'LHR' }])).toEqual([
      'CDG',
      'FRA',
    ]);
  });
});
