import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isSiteOff,
  MAX_SITES_OFF,
  parseSitesOff,
  SITES_OFF_KEY,
  siteOfUrl,
  sitesFromChange,
  switchSite,
} from './sites.ts';

describe('sites switched off', () => {
  it('matches the host exactly, whatever its case', () => {
    const list = switchSite([], 'Shop.Example', true);
    expect(list).toEqual(['shop.example']);
    expect(isSiteOff(list, 'shop.example')).toBe(true);
    expect(isSiteOff(list, 'SHOP.example')).toBe(true);
    expect(isSiteOff(list, 'www.shop.example')).toBe(false);
    expect(isSiteOff(list, 'example')).toBe(false);
    expect(isSiteOff(list, undefined)).toBe(false);
    expect(isSiteOff(list, '')).toBe(false);
  });

  it('switches a site off once, and back on', () => {
    const two = switchSite(switchSite([], 'a.example', true), 'b.example', true);
    expect(switchSite(two, 'a.example', true)).toEqual(['b.example', 'a.example']);
    expect(switchSite(two, 'a.example', false)).toEqual(['b.example']);
    expect(switchSite(two, 'not a host', true)).toEqual(two);
  });

  it('reads the host of http(s) pages only', () => {
    expect(siteOfUrl('https://Shop.example:8443/cart?x#y')).toBe('shop.example');
    expect(siteOfUrl('http://[::1]/')).toBe('[::1]');
    expect(siteOfUrl('chrome://settings')).toBeUndefined();
    expect(siteOfUrl('file:///etc/passwd')).toBeUndefined();
    expect(siteOfUrl('https://')).toBeUndefined();
    expect(siteOfUrl(undefined)).toBeUndefined();
  });

  it.each([
    undefined,
    null,
    'shop.example',
    { 0: 'a.example' },
    [1, null, {}, '', ' ', 'a b', 'x'.repeat(300)],
  ])('reads garbage as no site: %j', (garbage) => {
    expect(parseSitesOff(garbage)).toEqual([]);
  });

  it('keeps the last sites within the bound, each once', () => {
    const many = Array.from({ length: MAX_SITES_OFF + 5 }, (_, i) => `s${i}.example`);
    const list = parseSitesOff([...many, 's0.example']);
    expect(list).toHaveLength(MAX_SITES_OFF);
    expect(list.at(-1)).toBe(`s${MAX_SITES_OFF + 4}.example`);
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const l = parseSitesOff(v);
        expect(new Set(l).size).toBe(l.length);
        expect(l.length).toBeLessThanOrEqual(MAX_SITES_OFF);
      }),
    );
  });

  it('follows a change of its own key only; removed (cleared) is the empty list', () => {
    expect(sitesFromChange({ [SITES_OFF_KEY]: { newValue: ['a.example'] } })).toEqual(['a.example']);
    expect(sitesFromChange({ [SITES_OFF_KEY]: {} })).toEqual([]);
    expect(sitesFromChange({ other: { newValue: ['a.example'] } })).toBeUndefined();
  });
});
