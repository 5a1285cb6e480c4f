// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shopResilience } from './__fixtures__/resilience.ts';

/** A port as runtime.connect gives one: its listeners, and what it was asked. */
interface FakePort {
  name: string;
  message: ((m: unknown) => void)[];
  disconnected: (() => void)[];
  disconnect: () => void;
  closedByPopup: boolean;
}

const ext = vi.hoisted(() => ({
  sendMessage: vi.fn<(message: unknown) => Promise<unknown>>(),
  openOptionsPage: vi.fn<() => Promise<void>>(),
  ports: [] as FakePort[],
}));

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      sendMessage: ext.sendMessage,
      openOptionsPage: ext.openOptionsPage,
      onMessage: { addListener: () => {}, removeListener: () => {} },
      connect: ({ name }: { name: string }) => {
        const port: FakePort = {
          name,
          message: [],
          disconnected: [],
          closedByPopup: false,
          disconnect: () => {
            port.closedByPopup = true;
          },
        };
        ext.ports.push(port);
        return {
          name,
          onMessage: { addListener: (f: (m: unknown) => void) => port.message.push(f) },
          onDisconnect: { addListener: (f: () => void) => port.disconnected.push(f) },
          disconnect: port.disconnect,
        };
      },
    },
    i18n: { getMessage: (key: string) => key },
    tabs: { query: () => Promise.resolve([]) },
  },
}));

const { browserConnector } = await import('./browser-connector.ts');

beforeEach(() => {
  ext.sendMessage.mockReset();
  ext.openOptionsPage.mockReset();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('getPage', () => {
  it('asks again while the worker wakes up, until it answers a page state', async () => {
    vi.useFakeTimers();
    ext.sendMessage
      .mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'))
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce({ kind: 'empty', url: 'https://www.maple-shop.com/' });
    const asked = browserConnector.getPage(4);
    await vi.advanceTimersByTimeAsync(100 + 200);
    await expect(asked).resolves.toEqual({ kind: 'empty', url: 'https://www.maple-shop.com/' });
    expect(ext.sendMessage.mock.calls).toEqual([
      [{ type: 'getPage', tabId: 4 }],
      [{ type: 'getPage', tabId: 4 }],
      [{ type: 'getPage', tabId: 4 }],
    ]);
  });
});

describe('refreshStatus', () => {
  it('asks once and rejects an answer that is not a page state', async () => {
    ext.sendMessage.mockResolvedValue({ kind: 'none' });
    await expect(browserConnector.refreshStatus(4)).rejects.toThrow('no page state in the answer');
    expect(ext.sendMessage.mock.calls).toEqual([[{ type: 'refreshStatus', tabId: 4 }]]);
  });
});

describe('getResilience', () => {
  it('asks the background once and checks the answer', async () => {
    const answer = shopResilience('cache');
    ext.sendMessage.mockResolvedValue(answer);
    await expect(browserConnector.getResilience(4)).resolves.toEqual(answer);
    expect(ext.sendMessage.mock.calls).toEqual([[{ type: 'getResilience', tabId: 4 }]]);
  });

  it('rejects a missing or malformed answer without retrying', async () => {
    ext.sendMessage.mockResolvedValue(undefined);
    await expect(browserConnector.getResilience(4)).rejects.toThrow('no resilience state');
    ext.sendMessage.mockRejectedValue(new Error('Receiving end does not exist'));
    await expect(browserConnector.getResilience(4)).rejects.toThrow('Receiving end');
    expect(ext.sendMessage).toHaveBeenCalledTimes(2);
  });

  it('gives up after 15 s without an answer', async () => {
    vi.useFakeTimers();
    ext.sendMessage.mockReturnValue(new Promise(() => {}));
    const asked = browserConnector.getResilience(4);
    const settled = expect(asked).rejects.toThrow('no answer within 15000 ms');
    await vi.advanceTimersByTimeAsync(14_999);
    await vi.advanceTimersByTimeAsync(1);
    await settled;
    expect(ext.sendMessage).toHaveBeenCalledTimes(1);
  });
});

describe('openOptions', () => {
  it('opens the options page', async () => {
    ext.openOptionsPage.mockResolvedValue(undefined);
    await browserConnector.openOptions();
    expect(ext.openOptionsPage).toHaveBeenCalledTimes(1);
  });
});

describe('copyText', () => {
  it('uses the clipboard API', async () => {
    const writeText = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined);
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
    const exec = vi.fn<(command: string) => boolean>().mockReturnValue(true);
    document.execCommand = exec;
    await browserConnector.copyText('# Report');
    expect(writeText).toHaveBeenCalledWith('# Report');
    expect(exec).not.toHaveBeenCalled();
  });

  it('falls back to a hidden textarea and execCommand when the API is refused', async () => {
    const writeText = vi
      .fn<(text: string) => Promise<void>>()
      .mockRejectedValue(new Error('NotAllowedError'));
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
    let copied: string | undefined;
    document.execCommand = vi.fn((command: string) => {
      const area = document.querySelector('textarea');
      copied = command === 'copy' ? area?.value : undefined;
      return true;
    });
    await browserConnector.copyText('# Report\nline');
    expect(copied).toBe('# Report\nline');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('rejects when both ways are refused', async () => {
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue(undefined as unknown as Clipboard);
    document.execCommand = vi.fn(() => false);
    await expect(browserConnector.copyText('x')).rejects.toThrow('copy refused');
    expect(document.querySelector('textarea')).toBeNull();
  });
});

describe('download', () => {
  it('clicks a temporary download link to a JSON blob, then frees the URL', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:faultline/1';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicks: { href: string; download: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download, attached: this.isConnected });
    });
    browserConnector.download('faultline-shop.example-2025-03-14.json', '{"version": 2}');
    expect(clicks).toEqual([
      { href: 'blob:faultline/1', download: 'faultline-shop.example-2025-03-14.json', attached: true },
    ]);
    expect(document.querySelector('a[download]')).toBeNull();
    expect(blobs[0]?.type).toBe('application/json');
    expect(await blobs[0]?.text()).toBe('{"version": 2}');
    expect(revoke).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(revoke).toHaveBeenCalledWith('blob:faultline/1');
  });
});

describe('onPageChanged', () => {
  it('listens on a port of its own, named after the tab, and closes it when done', () => {
    ext.ports.length = 0;
    const seen: number[] = [];
    const stop = browserConnector.onPageChanged(4, () => seen.push(4));
    expect(ext.ports.map((p) => p.name)).toEqual(['faultline-page:4']);
    const port = ext.ports[0]!;
    for (const f of port.message) {
      f({ type: 'pageChanged', tabId: 4 });
      f({ type: 'pageChanged', tabId: 5 });
      f('noise');
    }
    expect(seen).toEqual([4]);
    stop();
    expect(port.closedByPopup).toBe(true);
  });

  it('opens it again when the worker stopped, and asks for the page again', async () => {
    vi.useFakeTimers();
    ext.ports.length = 0;
    let changes = 0;
    const stop = browserConnector.onPageChanged(4, () => changes++);
    for (const f of ext.ports[0]!.disconnected) f();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ext.ports).toHaveLength(2);
    expect(changes).toBe(1);
    stop();
    // Closed by the popup: not opened again.
    for (const f of ext.ports[1]!.disconnected) f();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ext.ports).toHaveLength(2);
  });
});
