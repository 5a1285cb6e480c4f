import { STATUS_SOURCES } from '../core/catalog/index.ts';
import { defaultClassifier } from '../core/detect/index.ts';
import { documentFailed } from '../core/observe/index.ts';
import { providersOfPages } from '../core/page/providers.ts';
import { reportedPage } from '../core/page-state.ts';
import { dohFetcher } from '../core/resilience/lookup.ts';
import { dispatch, type Notification } from '../messages.ts';
import { badgeSetter } from './badge.ts';
import { browser, type WebRequest } from './browser.ts';
import { DnsLookups } from './dns.ts';
import { messageHandlers } from './handlers.ts';
import { historyHandlers } from './history.ts';
import { Incidents } from './incidents.ts';
import { openTarget, userSites } from './notifications.ts';
import { type ErrorEvent, type ObservedResponse, Observer } from './observed.ts';
import { Resilience } from './resilience.ts';
import { SettingsStore } from './settings.ts';
import { StatusService } from './status.ts';
import type { StorageArea } from './storage.ts';
import { PageStore } from './store.ts';
import { type ResponseEvent, Tracker } from './tracker.ts';
import { WatchList } from './watch.ts';

/*
 * The composition root: the browser's storage areas and APIs handed to the managers once, the
 * message handlers, and every listener registered synchronously at top level so that an event
 * which wakes a dead worker is delivered. Every manager awaits its restored state first.
 */

function log(message: string, error?: unknown): void {
  console.warn(`[faultline] ${message}`, error ?? '');
}

const t = (key: string, subs?: readonly string[]): string => browser.i18n.getMessage(key, subs && [...subs]);

/** The storage areas, adapted to the port once. */
const session: StorageArea = browser.storage.session;
const local: StorageArea = browser.storage.local;

const POLL_ALARM = 'faultline-status-poll';

const store = new PageStore(session, onFlushed, log);
const tracker = new Tracker(store, defaultClassifier());
const statuses = new StatusService(STATUS_SOURCES, onStatusChanged, log, local);
const observer = new Observer(session, {
  classifier: defaultClassifier(),
  pageOf: (tabId, prerender) => (prerender ? store.getPrerender(tabId) : store.get(tabId)),
  // A provider started or stopped failing here (or the connection did): same as a status change.
  onChanged: onStatusChanged,
  log,
});
const settings = new SettingsStore(local);
const resilience = new Resilience({
  page: async (tabId) => {
    await store.ready;
    return reportedPage(store.get(tabId));
  },
  dns: new DnsLookups({ local, fetcher: dohFetcher((url, init) => fetch(url, init)), log }),
  t,
});

const applyBadge = badgeSetter({
  ready: () => Promise.all([store.ready, statuses.ready, observer.ready, settings.ready]),
  record: (tabId) => store.get(tabId),
  statusOf: (id) => statuses.get(id),
  observed: (tabId, startedAt, ids) => observer.forPage(tabId, startedAt, ids),
  showCount: () => settings.current().badgeCount,
  t,
  action: browser.action,
});

// Issue 14: watched sites, the incidents of the user's sites (notifications, history).
const watch = new WatchList(local, log);
const incidents = new Incidents({
  area: local,
  sites: userSites({
    ready: () => Promise.all([store.ready, statuses.ready, observer.ready, watch.ready]),
    tabIds: () => store.tabIds(),
    record: (tabId) => store.get(tabId),
    statusOf: (id) => statuses.get(id),
    observed: (tabId, startedAt, ids) => observer.forPage(tabId, startedAt, ids),
    watch,
  }),
  held: () => new Set(Object.keys(incidents.ongoing()).filter((id) => statuses.get(id)?.level === 'unknown')),
  offline: () => observer.signal().local === 'connection_problem',
  enabled: () => settings.current().notifications,
  statusPageOf: (id) => STATUS_SOURCES[id]?.url,
  notifications: browser.notifications,
  iconUrl: browser.runtime.getURL('icons/icon-128.png'),
  t,
  log,
});

const handlers = {
  ...messageHandlers({
    store,
    statuses,
    observer,
    resilience,
    settings,
    tab: (tabId) => browser.tabs.get(tabId),
  }),
  ...historyHandlers({
    incidents,
    watch,
    page: async (tabId) => {
      await store.ready;
      return reportedPage(store.get(tabId));
    },
    dnsProviders: async (tabId) => {
      const state = await resilience.state(tabId);
      if (state.kind !== 'resilience') return [];
      return Object.values(state.report.dns ?? {}).flatMap((d) =>
        'providers' in d ? d.providers.flatMap((p) => (p.id ? [p.id] : [])) : [],
      );
    },
    statusOf: (id) => statuses.get(id),
    seen: (ids) => void statuses.seen(ids).catch((error) => log('status polling not started', error)),
  }),
};

function syncBadges(tabIds: number[]): void {
  for (const tabId of tabIds) void applyBadge(tabId);
}

function notify(tabIds: Iterable<number>): void {
  for (const tabId of tabIds) {
    const note: Notification = { type: 'pageChanged', tabId };
    // No open popup means no receiver: that is not an error.
    browser.runtime.sendMessage(note).catch(() => {});
  }
}

function onFlushed(tabIds: number[]): void {
  syncBadges(tabIds);
  notify(tabIds);
  const seen = providersOfPages(tabIds.map((tabId) => store.get(tabId)));
  statuses.seen(seen).catch((error) => log('status polling not started', error));
}

/** A provider's status changed: every tab that uses it gets its badge and popup refreshed at once. */
function onStatusChanged(): void {
  const tabs = store.tabIds();
  syncBadges(tabs);
  notify(tabs);
  incidents.soon();
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
  // error on it.
  const failed = documentFailed(event, observer.wasAnswered(event.requestId));
  void (
    failed
      ? tracker.onDocumentError(event.tabId, event.url, event.error, event.documentLifecycle)
      : store.ready
  )
    .then(() => observer.onError(event))
    .then(() => (failed ? applyBadge(event.tabId) : undefined))
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
  if (area === 'local' && settings.follow(changes)) syncBadges(store.tabIds());
});

browser.tabs.onRemoved.addListener((tabId) => {
  tracker
    .onRemoved(tabId)
    .then(() => observer.dropTab(tabId))
    .catch((error) => log('tab removal not recorded', error));
});

browser.runtime.onMessage.addListener((message: unknown) => dispatch(handlers, message));

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
  // Watched sites' providers are polled as if a tab showed them.
  void Promise.all([store.ready, watch.ready])
    .then(() => {
      const used = providersOfPages(store.tabIds().map((tabId) => store.get(tabId)));
      return statuses.tick(new Set([...used, ...watch.providers()]));
    })
    .then(() => incidents.look())
    .catch((error) => log('status poll failed', error));
});

browser.notifications.onClicked.addListener((id) => {
  void incidents
    .target(id, (tabId) =>
      browser.tabs.get(tabId).then(
        () => true,
        () => false,
      ),
    )
    .then((target) => openTarget(browser, target))
    .then(() => browser.notifications.clear(id))
    .catch((error) => log('notification click not handled', error));
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
