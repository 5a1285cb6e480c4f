import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applySettings,
  consentPatch,
  DEFAULT_SETTINGS,
  dnsConsentOf,
  parseSettings,
  SETTINGS_KEY,
  sameSettings,
  settingsFromChange,
} from './settings.ts';

const KEYS = ['badgeCount', 'dnsAsked', 'dnsConsent', 'notifications'];

describe('settings', () => {
  it('defaults: no DNS consent (not asked yet), badge count on, notifications off, one storage key', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      dnsConsent: false,
      dnsAsked: false,
      badgeCount: true,
      notifications: false,
    });
    expect(dnsConsentOf(DEFAULT_SETTINGS)).toBe('ask');
    expect(SETTINGS_KEY).toBe('faultline:settings:v1');
  });

  it('reads a stored value', () => {
    expect(
      parseSettings({ dnsConsent: true, dnsAsked: true, badgeCount: true, notifications: true }),
    ).toEqual({
      dnsConsent: true,
      dnsAsked: true,
      badgeCount: true,
      notifications: true,
    });
    expect(parseSettings({ badgeCount: false })).toEqual({ ...DEFAULT_SETTINGS, badgeCount: false });
  });

  it('consent implies an answer: agreed is never asked again', () => {
    expect(parseSettings({ dnsConsent: true, dnsAsked: false })).toMatchObject({ dnsAsked: true });
  });

  it('the old default (dnsLookups on) is no consent: that user is asked', () => {
    const old = parseSettings({ dnsLookups: true, badgeCount: false });
    expect(old).toEqual({ dnsConsent: false, dnsAsked: false, badgeCount: false, notifications: false });
    expect(dnsConsentOf(old)).toBe('ask');
  });

  it('an old explicit "off" (dnsLookups false) was a choice: declined, not asked again', () => {
    const old = parseSettings({ dnsLookups: false, badgeCount: true });
    expect(old).toEqual({ dnsConsent: false, dnsAsked: true, badgeCount: true, notifications: false });
    expect(dnsConsentOf(old)).toBe('declined');
    // Once the new fields are stored, they win.
    expect(dnsConsentOf(parseSettings({ dnsLookups: false, dnsAsked: false }))).toBe('ask');
  });

  it.each([
    undefined,
    null,
    42,
    'dnsConsent',
    [true, true],
    { dnsConsent: 'true', dnsAsked: 1, badgeCount: 0 },
    { dnsConsent: null },
    { dnsLookups: 'false' },
    Object.create({ dnsConsent: true }),
  ])('falls back to the defaults on garbage: %j', (garbage) => {
    expect(parseSettings(garbage)).toEqual(DEFAULT_SETTINGS);
  });

  it('drops unknown fields and never returns a shared object', () => {
    const s = parseSettings({ dnsAsked: true, evil: true, __proto__: { dnsConsent: true } });
    expect(s).toEqual({ dnsConsent: false, dnsAsked: true, badgeCount: true, notifications: false });
    expect(Object.keys(s).sort()).toEqual(KEYS);
    expect(parseSettings(undefined)).not.toBe(DEFAULT_SETTINGS);
  });

  it('records the answers to the consent question, and a switch-off in the options', () => {
    const agreed = applySettings(DEFAULT_SETTINGS, consentPatch(true));
    expect(dnsConsentOf(agreed)).toBe('agreed');
    const notNow = applySettings(DEFAULT_SETTINGS, consentPatch(false));
    expect(dnsConsentOf(notNow)).toBe('declined');
    // The options' switch sends the consent alone: off after agreeing is declined, not "ask".
    expect(dnsConsentOf(applySettings(agreed, { dnsConsent: false }))).toBe('declined');
  });

  it('applies a partial change over the current settings', () => {
    const off = applySettings(DEFAULT_SETTINGS, { badgeCount: false });
    expect(off).toEqual({ ...DEFAULT_SETTINGS, badgeCount: false });
    expect(applySettings(off, { badgeCount: 'no' })).toEqual(off);
    expect(sameSettings(off, { ...DEFAULT_SETTINGS, badgeCount: false })).toBe(true);
    expect(sameSettings(off, DEFAULT_SETTINGS)).toBe(false);
  });

  it('always yields three booleans, consent never without an answer, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const s = parseSettings(v);
        expect(Object.keys(s).sort()).toEqual(KEYS);
        for (const k of KEYS) expect(typeof s[k as keyof typeof s]).toBe('boolean');
        if (s.dnsConsent) expect(s.dnsAsked).toBe(true);
      }),
    );
  });
});

describe('settingsFromChange', () => {
  it('reads the new value of the settings key only', () => {
    expect(
      settingsFromChange({ [SETTINGS_KEY]: { newValue: { dnsConsent: true, badgeCount: false } } }),
    ).toEqual({ dnsConsent: true, dnsAsked: true, badgeCount: false, notifications: false });
    expect(settingsFromChange({ 'dns:a.com': { newValue: 1 } })).toBeUndefined();
    // Removed (cleared storage): back to the defaults.
    expect(settingsFromChange({ [SETTINGS_KEY]: {} })).toEqual(DEFAULT_SETTINGS);
  });
});
