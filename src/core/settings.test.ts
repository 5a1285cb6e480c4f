import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applySettings,
  DEFAULT_SETTINGS,
  parseSettings,
  SETTINGS_KEY,
  sameSettings,
  settingsFromChange,
} from './settings.ts';

describe('settings', () => {
  it('defaults: DNS lookups on, badge count on, one storage key', () => {
    expect(DEFAULT_SETTINGS).toEqual({ dnsLookups: true, badgeCount: true, notifications: false });
    expect(SETTINGS_KEY).toBe('faultline:settings:v1');
  });

  it('reads a stored value', () => {
    expect(parseSettings({ dnsLookups: false, badgeCount: true, notifications: true })).toEqual({
      dnsLookups: false,
      badgeCount: true,
      notifications: true,
    });
    expect(parseSettings({ badgeCount: false })).toEqual({
      dnsLookups: true,
      badgeCount: false,
      notifications: false,
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
    expect(s).toEqual({ dnsLookups: false, badgeCount: true, notifications: false });
    expect(Object.keys(s).sort()).toEqual(['badgeCount', 'dnsLookups', 'notifications']);
    expect(parseSettings(undefined)).not.toBe(DEFAULT_SETTINGS);
  });

  it('applies a partial change over the current settings', () => {
    const off = applySettings(DEFAULT_SETTINGS, { dnsLookups: false });
    expect(off).toEqual({ dnsLookups: false, badgeCount: true, notifications: false });
    expect(applySettings(off, { badgeCount: false })).toEqual({
      dnsLookups: false,
      badgeCount: false,
      notifications: false,
    });
    expect(applySettings(off, { badgeCount: 'no' })).toEqual(off);
    expect(sameSettings(off, { dnsLookups: false, badgeCount: true, notifications: false })).toBe(true);
    expect(sameSettings(off, DEFAULT_SETTINGS)).toBe(false);
  });

  it('always yields three booleans, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const s = parseSettings(v);
        expect(Object.keys(s).sort()).toEqual(['badgeCount', 'dnsLookups', 'notifications']);
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
        [SETTINGS_KEY]: { newValue: { dnsLookups: false, badgeCount: false, notifications: false } },
      }),
    ).toEqual({ dnsLookups: false, badgeCount: false, notifications: false });
    expect(settingsFromChange({ 'dns:a.com': { newValue: 1 } })).toBeUndefined();
    // Removed (cleared storage): back to the defaults.
    expect(settingsFromChange({ [SETTINGS_KEY]: {} })).toEqual(DEFAULT_SETTINGS);
  });
});
