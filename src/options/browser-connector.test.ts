import { beforeEach, describe, expect, it, vi } from 'vitest';

const ext = vi.hoisted(() => ({
  sendMessage: vi.fn<(message: unknown) => Promise<unknown>>(),
  /** The build's manifest: Chrome's by default (no data collection permission). */
  manifest: {} as Record<string, unknown>,
  request: vi.fn<(permissions: unknown) => Promise<boolean>>(),
  remove: vi.fn<(permissions: unknown) => Promise<boolean>>(),
}));

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { sendMessage: ext.sendMessage, getManifest: () => ext.manifest },
    permissions: { request: ext.request, remove: ext.remove },
    i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en-US' },
  },
}));

/** Firefox's manifest: browsing activity is optional data collection. */
const FIREFOX = {
  browser_specific_settings: {
    gecko: { data_collection_permissions: { required: ['none'], optional: ['browsingActivity'] } },
  },
};

const { browserConnector } = await import('./browser-connector.ts');

beforeEach(() => {
  ext.sendMessage.mockReset();
  ext.request.mockReset();
  ext.remove.mockReset().mockResolvedValue(true);
  ext.manifest = {};
});

describe('options connector', () => {
  it('reads the settings from the background', async () => {
    ext.sendMessage.mockResolvedValue({
      dnsConsent: true,
      dnsAsked: true,
      badgeCount: false,
      notifications: false,
    });
    await expect(browserConnector.getSettings()).resolves.toEqual({
      dnsConsent: true,
      dnsAsked: true,
      badgeCount: false,
      notifications: false,
    });
    expect(ext.sendMessage.mock.calls).toEqual([[{ type: 'getSettings' }]]);
  });

  it('sends a change and answers the settings as stored', async () => {
    ext.sendMessage.mockResolvedValue({
      dnsConsent: false,
      dnsAsked: true,
      badgeCount: true,
      notifications: false,
    });
    await expect(browserConnector.setSettings({ dnsConsent: false })).resolves.toEqual({
      dnsConsent: false,
      dnsAsked: true,
      badgeCount: true,
      notifications: false,
    });
    expect(ext.sendMessage.mock.calls).toEqual([[{ type: 'setSettings', settings: { dnsConsent: false } }]]);
  });

  it('rejects an answer that is not the settings, rather than showing defaults as stored', async () => {
    ext.sendMessage.mockResolvedValue(undefined);
    await expect(browserConnector.getSettings()).rejects.toThrow('no settings in the answer');
  });

  it('Firefox: agreeing asks the browser first; refused, nothing is saved and the page says why', async () => {
    ext.manifest = FIREFOX;
    ext.request.mockResolvedValue(false);
    await expect(browserConnector.setSettings({ dnsConsent: true, dnsAsked: true })).rejects.toThrow(
      'optDnsRefused',
    );
    expect(ext.request.mock.calls).toEqual([[{ data_collection: ['browsingActivity'] }]]);
    expect(ext.sendMessage).not.toHaveBeenCalled();
    // Granted: saved.
    ext.request.mockResolvedValue(true);
    ext.sendMessage.mockResolvedValue({
      dnsConsent: true,
      dnsAsked: true,
      badgeCount: true,
      notifications: false,
    });
    await expect(browserConnector.setSettings({ dnsConsent: true, dnsAsked: true })).resolves.toMatchObject({
      dnsConsent: true,
    });
    // Switched off: the permission goes back.
    ext.sendMessage.mockResolvedValue({
      dnsConsent: false,
      dnsAsked: true,
      badgeCount: true,
      notifications: false,
    });
    await browserConnector.setSettings({ dnsConsent: false });
    expect(ext.remove.mock.calls).toEqual([[{ data_collection: ['browsingActivity'] }]]);
  });

  it('Chrome: no data collection permission to ask for', async () => {
    ext.sendMessage.mockResolvedValue({
      dnsConsent: true,
      dnsAsked: true,
      badgeCount: true,
      notifications: false,
    });
    await browserConnector.setSettings({ dnsConsent: true, dnsAsked: true });
    expect(ext.request).not.toHaveBeenCalled();
  });
});
