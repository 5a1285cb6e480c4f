import { badgeFor } from '../badge.ts';
import { providerById } from '../catalog/index.ts';
import { defaultClassifier } from '../detect/index.ts';
import { isRequest, isRestrictedUrl, type Notification, type PageState } from '../messages.ts';
import { pageView } from '../page/view.ts';
import { browser, type WebRequest } from './browser.ts';
import { PageStore, type SessionArea } from './store.ts';
import { type ResponseEvent, Tracker } from './tracker.ts';

/*
 * The imperative shell. Every listener is registered synchronously at top level so that an event
 * which wakes a dead worker is delivered; every handler awaits the restored state first.
 */

function log(message: string, error?: unknown): void {
  console.warn(`[faultline] ${message}`, error ?? '');
}

const t = (key: string, subs?: string | string[]): string => browser.i18n.getMessage(key, subs);

function syncBadges(tabIds: number[]): void {
  for (const tabId of tabIds) void applyBadge(tabId);
}

const store = new PageStore(browser.storage.session as unknown as SessionArea, onFlushed, log);
const tracker = new Tracker(store, defaultClassifier());

function onFlushed(tabIds: number[]): void {
  syncBadges(tabIds);
  for (const tabId of tabIds) {
    const note: Notification = { type: 'pageChanged', tabId };
    // No open popup means no receiver: that is not an error.
    browser.runtime.sendMessage(note).catch(() => {});
  }
}

async function applyBadge(tabId: number): Promise<void> {
  await store.ready;
  const record = store.get(tabId);
  const badge = badgeFor(record ? pageView(record, providerById) : undefined, t);
  try {
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: badge.text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
      browser.action.setTitle({ tabId, title: badge.title }),
    ]);
    // Firefox draws the badge text in a contrasting colour by default; make it explicit.
    await browser.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
  } catch {
    // The tab closed meanwhile.
  }
}

async function pageState(tabId: number): Promise<PageState> {
  await store.ready;
  const record = store.get(tabId);
  if (record && record.requests > 0) return { kind: 'page', page: pageView(record, providerById) };
  let url: string | undefined;
  try {
    url = (await browser.tabs.get(tabId)).url;
  } catch {
    return { kind: 'empty' };
  }
  // With host access to every site, a tab whose URL we cannot read is a page we cannot see.
  if (url === undefined || isRestrictedUrl(url)) return { kind: 'restricted', url: url ?? '' };
  return { kind: 'empty', url };
}

const FILTER: WebRequest.RequestFilter = { urls: ['<all_urls>'] };

browser.webRequest.onResponseStarted.addListener(
  (details) => {
    tracker.onResponse(details as ResponseEvent).catch((error) => log('response not recorded', error));
  },
  FILTER,
  ['responseHeaders'],
);

browser.webNavigation.onCommitted.addListener((details) => {
  if (details.frameId !== 0) return;
  const lifecycle = (details as { documentLifecycle?: string }).documentLifecycle;
  tracker
    .onCommitted(details.tabId, details.url, lifecycle)
    // Chrome clears a tab's badge when its navigation commits: set it again.
    .then(() => applyBadge(details.tabId))
    .catch((error) => log('navigation not recorded', error));
});

browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.status === 'complete') void applyBadge(tabId);
});

browser.tabs.onReplaced.addListener((added, removed) => {
  tracker
    .onReplaced(added, removed)
    .then(() => applyBadge(added))
    .catch((error) => log('tab replacement not recorded', error));
});

browser.tabs.onRemoved.addListener((tabId) => {
  tracker.onRemoved(tabId).catch((error) => log('tab removal not recorded', error));
});

browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isRequest(message)) return undefined;
  return pageState(message.tabId);
});

// Records of tabs that closed while the browser was not running this worker are dropped.
void store.ready.then(async () => {
  try {
    const open = new Set((await browser.tabs.query({})).map((tab) => tab.id));
    for (const tabId of store.tabIds()) if (!open.has(tabId)) store.drop(tabId);
  } catch (error) {
    log('could not list tabs', error);
  }
});
