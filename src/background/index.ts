import { badgeFor } from '../core/badge.ts';
import { providerById, STATUS_SOURCES, statusRelevanceOf } from '../core/catalog/index.ts';
import { defaultClassifier } from '../core/detect/index.ts';
import { networkFailure } from '../core/observe/index.ts';
import type { PageRecord } from '../core/page/record.ts';
import { type PageView, pageView } from '../core/page/view.ts';
import { DEFAULT_SETTINGS, type Settings, settingsFromChange } from '../core/settings.ts';
import { type PageStatus, pageStatus } from '../core/status/relevance.ts';
import { isRequest, isRestrictedUrl, type Notification, type PageState } from '../messages.ts';
import { browser, type WebRequest } from './browser.ts';
import type { LocalArea } from './local-area.ts';
import { type ErrorEvent, type ObservedResponse, Observer } from './observed.ts';
import { browserResilience } from './resilience-shell.ts';
import { loadSettings } from './settings.ts';
import { StatusService } from './status.ts';
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

const POLL_ALARM = 'faultline-status-poll';

const store = new PageStore(browser.storage.session as unknown as SessionArea, onFlushed, log);
const tracker = new Tracker(store, defaultClassifier());
const statuses = new StatusService(
  STATUS_SOURCES,
  onStatusChanged,
  log,
  browser.storage.local as unknown as LocalArea,
);
const observer = new Observer(browser.storage.session as unknown as SessionArea, {
  classifier: defaultClassifier(),
  pageOf: (tabId, prerender) => (prerender ? store.getPrerender(tabId) : store.get(tabId)),
  // A provider started or stopped failing here (or the connection did): same as a status change.
  onChanged: onStatusChanged,
  log,
});

function notify(tabIds: Iterable<number>): void {
  for (const tabId of tabIds) {
    const note: Notification = { type: 'pageChanged', tabId };
    // No open popup means no receiver: that is not an error.
    browser.runtime.sendMessage(note).catch(() => {});
  }
}

function providersOf(record: PageRecord | undefined): string[] {
  if (!record) return [];
  const ids = new Set<string>(Object.keys(record.overflow.providers));
  for (const agg of Object.values(record.hosts)) for (const id of Object.keys(agg.providers)) ids.add(id);
  return [...ids];
}

function onFlushed(tabIds: number[]): void {
  syncBadges(tabIds);
  notify(tabIds);
  const seen = new Set<string>();
  for (const tabId of tabIds) for (const id of providersOf(store.get(tabId))) seen.add(id);
  statuses.seen(seen).catch((error) => log('status polling not started', error));
}

/** A provider's status changed: every tab that uses it gets its badge and popup refreshed at once. */
function onStatusChanged(): void {
  const tabs = store.tabIds();
  syncBadges(tabs);
  notify(tabs);
}

/** What each provider's live status means for this page (providers with a status feed). */
function statusesFor(view: PageView): PageStatus[] {
  const out: PageStatus[] = [];
  for (const p of view.providers) {
    const status = statuses.get(p.id);
    if (!status) continue;
    out.push(
      pageStatus(status, { providerId: p.id, pops: p.pops.map((pop) => pop.code) }, statusRelevanceOf(p.id)),
    );
  }
  return out;
}

/** The options that change the badge; kept current through storage.onChanged. */
let settings: Settings = { ...DEFAULT_SETTINGS };
const settingsReady = loadSettings(browser.storage.local as unknown as LocalArea).then((loaded) => {
  settings = loaded;
});

async function applyBadge(tabId: number): Promise<void> {
  await Promise.all([store.ready, statuses.ready, observer.ready, settingsReady]);
  const record = store.get(tabId);
  const view = record ? pageView(record, providerById) : undefined;
  const badge = badgeFor(view, t, view ? statusesFor(view) : [], observer.signal(), settings.badgeCount);
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
  await Promise.all([store.ready, statuses.ready, observer.ready]);
  const record = store.get(tabId);
  if (record && (record.requests > 0 || record.documentError !== undefined)) {
    const page = pageView(record, providerById);
    const ids = page.providers.map((p) => p.id);
    const observed = observer.forPage(tabId, record.startedAt, ids);
    return { kind: 'page', page, statuses: statusesFor(page), observed };
  }
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
    tracker
      .onResponse(details as ResponseEvent)
      .then((recorded) => (recorded ? observer.onResponse(details as ObservedResponse, recorded) : undefined))
      .catch((error) => log('response not recorded', error));
  },
  FILTER,
  ['responseHeaders'],
);

// Requests that got no answer at all (refused, reset, timed out, DNS, TLS): observed failures.
browser.webRequest.onErrorOccurred.addListener((details) => {
  const event = details as ErrorEvent;
  // A main document that never arrived gets its own record first, then the observer files the
  // error on it. Cancelled or blocked navigations are not failures.
  // A document whose response did start (its body failed later) is on screen: not a failed page.
  const failure =
    event.type === 'main_frame' && !observer.wasAnswered(event.requestId)
      ? networkFailure(event.error)
      : undefined;
  const documentFailed =
    failure?.kind === 'network' && failure.error !== 'aborted' && failure.error !== 'blocked';
  void (
    documentFailed
      ? tracker.onDocumentError(event.tabId, event.url, event.error, event.documentLifecycle)
      : store.ready
  )
    .then(() => observer.onError(event))
    .then(() => (documentFailed ? applyBadge(event.tabId) : undefined))
    .catch((error) => log('request error not recorded', error));
}, FILTER);

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
    .then(() => observer.replaceTab(added, removed))
    .then(() => applyBadge(added))
    .catch((error) => log('tab replacement not recorded', error));
});

browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  const next = settingsFromChange(changes);
  if (!next) return;
  settings = next;
  syncBadges(store.tabIds());
});

browser.tabs.onRemoved.addListener((tabId) => {
  tracker
    .onRemoved(tabId)
    .then(() => observer.dropTab(tabId))
    .catch((error) => log('tab removal not recorded', error));
});

const resilience = browserResilience(async (tabId) => {
  await store.ready;
  const record = store.get(tabId);
  return record && record.requests > 0 ? pageView(record, providerById) : undefined;
}, log);

browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isRequest(message)) return undefined;
  if (message.type === 'getResilience' || message.type === 'getSettings' || message.type === 'setSettings')
    return resilience.answer(message);
  if (message.type === 'refreshStatus') {
    return store.ready
      .then(() => statuses.refresh(providersOf(store.get(message.tabId)), true))
      .then(() => pageState(message.tabId));
  }
  // Opening a popup refreshes statuses older than a minute; the popup is told when they change.
  void store.ready.then(() => statuses.refresh(providersOf(store.get(message.tabId)), false));
  return pageState(message.tabId);
});

// Status polling runs on alarms (a timer would die with the worker). Created once; an existing
// alarm keeps its schedule across worker restarts.
void browser.alarms
  .get(POLL_ALARM)
  .then((existing) => {
    if (!existing) return browser.alarms.create(POLL_ALARM, { periodInMinutes: 1 });
  })
  .catch((error) => log('could not schedule status polling', error));

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== POLL_ALARM) return;
  // Failures leave the observation window with no event at all: look again now and then.
  void observer.ready.then(() => observer.check());
  void store.ready
    .then(() => {
      const inOpenTabs = new Set<string>();
      for (const tabId of store.tabIds()) for (const id of providersOf(store.get(tabId))) inOpenTabs.add(id);
      return statuses.tick(inOpenTabs);
    })
    .catch((error) => log('status poll failed', error));
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
