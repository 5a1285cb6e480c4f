import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_KEY } from '../core/settings.ts';
import { FakeStorage } from './__fixtures__/fake-storage.ts';
import { SettingsStore } from './settings.ts';

describe('SettingsStore', () => {
  it('reads the defaults, stores a change, ignores garbage', async () => {
    const local = new FakeStorage();
    const settings = new SettingsStore(local);
    expect(await settings.load()).toEqual(DEFAULT_SETTINGS);
    const agreed = { dnsConsent: true, dnsAsked: true, badgeCount: true, notifications: false };
    expect(await settings.save({ dnsConsent: true })).toEqual(agreed);
    expect(local.data.get(SETTINGS_KEY)).toEqual(agreed);
    expect(await settings.save({ badgeCount: 'yes', x: 1 })).toEqual(agreed);
    expect(await settings.load()).toEqual(agreed);
  });

  it('keeps the stored settings in memory, and follows a change made elsewhere', async () => {
    const local = new FakeStorage();
    local.data.set(SETTINGS_KEY, {
      dnsConsent: true,
      dnsAsked: true,
      badgeCount: false,
      notifications: false,
    });
    const settings = new SettingsStore(local);
    await settings.ready;
    expect(settings.current()).toEqual({
      dnsConsent: true,
      dnsAsked: true,
      badgeCount: false,
      notifications: false,
    });
    expect(settings.follow({ 'faultline:status:v2': { newValue: {} } })).toBe(false);
    expect(settings.current().badgeCount).toBe(false);
    expect(settings.follow({ [SETTINGS_KEY]: { newValue: { dnsConsent: false, dnsAsked: true } } })).toBe(
      true,
    );
    expect(settings.current()).toEqual({
      dnsConsent: false,
      dnsAsked: true,
      badgeCount: true,
      notifications: false,
    });
  });

  it('unreadable storage gives the defaults', async () => {
    const local = new FakeStorage();
    local.get = () => Promise.reject(new Error('no storage'));
    const settings = new SettingsStore(local);
    await settings.ready;
    expect(settings.current()).toEqual(DEFAULT_SETTINGS);
  });
});
