import browser from 'webextension-polyfill';
import { consentPatch } from '../core/settings.ts';
import { type Answer, answerOf, isNotification, type Payload, pagePortName, requestOf } from '../messages.ts';
import { releaseDataCollection, requestDataCollection } from '../shell/data-collection.ts';
import { BrowserRefused, type Connector } from './connector.ts';
import { withRetry, withTimeout } from './retry.ts';
import { tabFromSearch } from './tab-param.ts';

/**
 * Waits after each failed attempt: a background worker that is waking up may not be listening
 * yet ("Receiving end does not exist"). About 5 s in all before the popup admits an error.
 */
const RETRY_DELAYS_MS = [100, 200, 400, 800, 1500, 2000];
/** One attempt that gets no answer at all counts as failed. */
const ATTEMPT_TIMEOUT_MS = 4000;
/**
 * "Check now" fetches every status feed of the tab (each bounded by its own fetch timeout), so it
 * is given longer; it is not retried: a second full round would only make the user wait twice.
 */
const REFRESH_TIMEOUT_MS = 45_000;
/**
 * The resilience report waits for DNS-over-HTTPS look-ups (each bounded by its own timeout, two
 * resolvers at most). One attempt, no retry: the section offers "Try again" instead.
 */
const RESILIENCE_TIMEOUT_MS = 15_000;
/**
 * The worker closes the popup's port when it stops (idle, or killed): the popup opens it again
 * after this long (which wakes the worker) and asks for the page again, as changes may have
 * been missed meanwhile.
 */
const RECONNECT_DELAY_MS = 1_000;
/** How long a downloaded file's object URL stays valid (the browser reads it asynchronously). */
const DOWNLOAD_URL_LIFETIME_MS = 60_000;

/** The requests the popup makes. */
type PopupRequest =
  | 'getPage'
  | 'refreshStatus'
  | 'getResilience'
  | 'setSettings'
  | 'setSiteOff'
  | 'getTabHistory'
  | 'watchSite'
  | 'unwatchSite';

/** How long each request may take, and how often it is tried again after a failure. */
const POLICY: Readonly<Record<PopupRequest, { timeoutMs: number; retryDelaysMs: readonly number[] }>> = {
  getPage: { timeoutMs: ATTEMPT_TIMEOUT_MS, retryDelaysMs: RETRY_DELAYS_MS },
  refreshStatus: { timeoutMs: REFRESH_TIMEOUT_MS, retryDelaysMs: [] },
  getResilience: { timeoutMs: RESILIENCE_TIMEOUT_MS, retryDelaysMs: [] },
  getTabHistory: { timeoutMs: ATTEMPT_TIMEOUT_MS, retryDelaysMs: RETRY_DELAYS_MS },
  // Watching reads the resilience report's DNS (cached, or looked up once).
  watchSite: { timeoutMs: RESILIENCE_TIMEOUT_MS, retryDelaysMs: [] },
  unwatchSite: { timeoutMs: ATTEMPT_TIMEOUT_MS, retryDelaysMs: [] },
  // Both store a value: asking twice stores it twice, no harm.
  setSettings: { timeoutMs: ATTEMPT_TIMEOUT_MS, retryDelaysMs: RETRY_DELAYS_MS },
  setSiteOff: { timeoutMs: ATTEMPT_TIMEOUT_MS, retryDelaysMs: RETRY_DELAYS_MS },
};

/** The manifest's host patterns: what "access to websites" means for this extension. */
function hostPatterns(): string[] {
  return browser.runtime.getManifest().host_permissions ?? [];
}

/** Asks the background, and checks its answer before trusting it (an absent listener answers undefined). */
function send<K extends PopupRequest>(type: K, payload: Payload<K>): Promise<Answer<K>> {
  const { timeoutMs, retryDelaysMs } = POLICY[type];
  const attempt = async (): Promise<Answer<K>> =>
    answerOf(type, await withTimeout(browser.runtime.sendMessage(requestOf(type, payload)), timeoutMs));
  return withRetry(attempt, retryDelaysMs);
}

/** The old way to copy, for when the clipboard API is refused (no focus, no permission). */
function copyWithSelection(text: string): void {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.top = '0';
  area.style.left = '-9999px';
  area.style.opacity = '0';
  document.body.append(area);
  const focused = document.activeElement;
  try {
    area.select();
    if (!document.execCommand('copy')) throw new Error('copy refused');
  } finally {
    area.remove();
    if (focused instanceof HTMLElement) focused.focus();
  }
}

/** The popup's connector inside the extension. */
export const browserConnector: Connector = {
  async tabId() {
    const fromQuery = tabFromSearch(location.search);
    if (fromQuery !== undefined) return fromQuery;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id;
  },

  getPage: (tabId) => send('getPage', { tabId }),
  refreshStatus: (tabId) => send('refreshStatus', { tabId }),
  getResilience: (tabId) => send('getResilience', { tabId }),

  async setDnsConsent(agreed) {
    // First, with no await before it: Firefox asks its own question within the click's gesture.
    if (agreed && !(await requestDataCollection())) throw new BrowserRefused();
    if (!agreed) await releaseDataCollection().catch(() => undefined);
    await send('setSettings', { settings: consentPatch(agreed) });
  },
  async setSiteOff(host, off) {
    await send('setSiteOff', { host, off });
  },
  hostAccess: () => browser.permissions.contains({ origins: hostPatterns() }),
  // No await before the request: Firefox grants only within the click's user gesture.
  requestHostAccess: () => browser.permissions.request({ origins: hostPatterns() }),
  reloadTab: (tabId) => browser.tabs.reload(tabId),

  openOptions: () => browser.runtime.openOptionsPage(),
  getTabHistory: (tabId) => send('getTabHistory', { tabId }),
  watchSite: (tabId) => send('watchSite', { tabId }),
  unwatchSite: (host) => send('unwatchSite', { host }),
  async openHistory() {
    await browser.tabs.create({ url: browser.runtime.getURL('src/history/index.html') });
    window.close();
  },

  async copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      copyWithSelection(text);
    }
  },

  download(filename, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
  },

  now: () => Date.now(),

  onPageChanged(tabId, cb) {
    // A port of our own, for as long as the popup is open: the background notifies only popups
    // that are open, and only about the tab they show.
    let closed = false;
    let port: ReturnType<typeof browser.runtime.connect> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = (): void => {
      port = browser.runtime.connect({ name: pagePortName(tabId) });
      port.onMessage.addListener((message: unknown) => {
        if (isNotification(message) && message.tabId === tabId) cb();
      });
      port.onDisconnect.addListener(() => {
        port = undefined;
        if (closed) return;
        timer = setTimeout(() => {
          if (closed) return;
          open();
          cb();
        }, RECONNECT_DELAY_MS);
      });
    };
    open();
    return () => {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      port?.disconnect();
    };
  },

  t: (key, subs) => browser.i18n.getMessage(key, subs && [...subs]),
};
