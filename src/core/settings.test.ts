import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applySettings,
  countryCodes,
  DEFAULT_SETTINGS,
  homeCountryOf,
  parseSettings,
  regionOfLocale,
  SETTINGS_KEY,
  sameSettings,
  settingsFromChange,
} from './settings.ts';

describe('settings', () => {
  it('defaults: DNS lookups on, badge count on, one storage key', () => {
    expect(DEFAULT_SETTINGS).toEqual({ dnsLookups: true, badgeCount: true, homeCountry: '' });
    expect(SETTINGS_KEY).toBe('faultline:settings:v1');
  });

  it('reads a stored value', () => {
    expect(parseSettings({ dnsLookups: false, badgeCount: true, homeCountry: '' })).toEqual({
      dnsLookups: false,
      badgeCount: true,
      homeCountry: '',
    });
    expect(parseSettings({ badgeCount: false })).toEqual({
      dnsLookups: true,
      badgeCount: false,
      homeCountry: '',
    });
  });

  it.each([
    undefined,
    null,
    42,
    'dnsLookups',
    [false, false],
    { dnsLookups: 'false', badgeCount: 0 },
    { dnsLookups: null },
    Object.create({ dnsLookups: false }),
  ])('falls back to the defaults on garbage: %j', (garbage) => {
    expect(parseSettings(garbage)).toEqual(DEFAULT_SETTINGS);
  });

  it('drops unknown fields and never returns a shared object', () => {
    const s = parseSettings({ dnsLookups: false, evil: true, __proto__: { badgeCount: false } });
    expect(s).toEqual({ dnsLookups: false, badgeCount: true, homeCountry: '' });
    expect(Object.keys(s).sort()).toEqual(['badgeCount', 'dnsLookups', 'homeCountry']);
    expect(parseSettings(undefined)).not.toBe(DEFAULT_SETTINGS);
  });

  it('applies a partial change over the current settings', () => {
    const off = applySettings(DEFAULT_SETTINGS, { dnsLookups: false });
    expect(off).toEqual({ dnsLookups: false, badgeCount: true, homeCountry: '' });
    expect(applySettings(off, { badgeCount: false })).toEqual({
      dnsLookups: false,
      badgeCount: false,
      homeCountry: '',
    });
    expect(applySettings(off, { badgeCount: 'no' })).toEqual(off);
    expect(sameSettings(off, { dnsLookups: false, badgeCount: true, homeCountry: '' })).toBe(true);
    expect(sameSettings(off, DEFAULT_SETTINGS)).toBe(false);
  });

  it('always yields two booleans, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const s = parseSettings(v);
        expect(Object.keys(s).sort()).toEqual(['badgeCount', 'dnsLookups', 'homeCountry']);
        expect(typeof s.dnsLookups).toBe('boolean');
        expect(typeof s.badgeCount).toBe('boolean');
      }),
    );
  });
});

describe('settingsFromChange', () => {
  it('reads the new value of the settings key only', () => {
    expect(
      settingsFromChange({
        [SETTINGS_KEY]: { newValue: { dnsLookups: false, badgeCount: false, homeCountry: '' } },
      }),
    ).toEqual({ dnsLookups: false, badgeCount: false, homeCountry: '' });
    expect(settingsFromChange({ 'dns:a.com': { newValue: 1 } })).toBeUndefined();
    // Removed (cleared storage): back to the defaults.
    expect(settingsFromChange({ [SETTINGS_KEY]: {} })).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps an assigned country code, and nothing else', () => {
    expect(parseSettings({ homeCountry: 'FR' }).homeCountry).toBe('FR');
    expect(applySettings(parseSettings({ homeCountry: 'FR' }), { homeCountry: '' }).homeCountry).toBe('');
    for (const bad of ['fr', 'UK', 'EU', 'XX', 'FRA', 42, null]) {
      expect(parseSettings({ homeCountry: bad }).homeCountry, String(bad)).toBe('');
      expect(
        applySettings({ ...DEFAULT_SETTINGS, homeCountry: 'DE' }, { homeCountry: bad }).homeCountry,
      ).toBe('DE');
    }
  });
});

describe('the home country', () => {
  it("defaults to the region of the browser's language, when it names one", () => {
    expect(regionOfLocale('fr-FR')).toBe('FR');
    expect(regionOfLocale('en-US')).toBe('US');
    expect(regionOfLocale('pt-BR')).toBe('BR');
    expect(regionOfLocale('fr')).toBeUndefined();
    expect(regionOfLocale('es-419')).toBeUndefined();
    expect(regionOfLocale('not a tag')).toBeUndefined();
    expect(homeCountryOf(DEFAULT_SETTINGS, 'fr-CA')).toEqual({ country: 'CA', from: 'browser' });
    expect(homeCountryOf(DEFAULT_SETTINGS, 'de')).toBeUndefined();
    expect(homeCountryOf({ ...DEFAULT_SETTINGS, homeCountry: 'BE' }, 'fr-FR')).toEqual({
      country: 'BE',
      from: 'setting',
    });
  });

  it('lists the assigned codes for the options page', () => {
    const codes = countryCodes();
    expect(codes.length).toBeGreaterThan(240);
    expect(codes.length).toBeLessThan(260);
    for (const c of ['FR', 'US', 'DE', 'JP', 'BR', 'XK']) expect(codes, c).toContain(c);
    for (const c of ['UK', 'EU', 'ZZ', 'QO']) expect(codes, c).not.toContain(c);
  });
});
