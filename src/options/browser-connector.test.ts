import { beforeEach, describe, expect, it, vi } from 'vitest';

const ext = vi.hoisted(() => ({ sendMessage: vi.fn<(message: unknown) => Promise<unknown>>() }));

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { sendMessage: ext.sendMessage },
    i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en-US' },
  },
}));

const { browserConnector } = await import('./browser-connector.ts');

beforeEach(() => {
  ext.sendMessage.mockReset();
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
});
